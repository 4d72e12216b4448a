import type { Command } from 'commander';
import { registerFeatures } from './features-command.js';
import { registerGenerate } from './generate-command.js';
import { registerPromote } from './promote-command.js';
import { registerSample } from './sample-command.js';
import { registerScore } from './score-command.js';
import { registerTrain } from './train-command.js';
import { registerWorker } from './worker-command.js';

export function registerCommands(program: Command): void {
  registerGenerate(program);
  registerFeatures(program);
  registerTrain(program);
  registerPromote(program);
  registerScore(program);
  registerSample(program);
  registerWorker(program);
}
