import type { Command } from 'commander';
import { registerFeatures } from './features-command.js';
import { registerGenerate } from './generate-command.js';
import { registerSample } from './sample-command.js';

export function registerCommands(program: Command): void {
  registerGenerate(program);
  registerFeatures(program);
  registerSample(program);
}
