import type { Command } from 'commander';
import { registerDrift } from './drift-command.js';
import { registerCompare } from './compare-command.js';
import { registerClient } from './client-command.js';
import { registerExport } from './export-command.js';
import { registerExportLabels } from './export-labels-command.js';
import { registerFeatures } from './features-command.js';
import { registerGenerate } from './generate-command.js';
import { registerPromote } from './promote-command.js';
import { registerRun } from './run-command.js';
import { registerRuns } from './runs-command.js';
import { registerSample } from './sample-command.js';
import { registerScore } from './score-command.js';
import { registerServe } from './serve-command.js';
import { registerTrain } from './train-command.js';
import { registerUsers } from './users-command.js';
import { registerWorker } from './worker-command.js';

/**
 * Registration is static because commander needs every option for `--help`. Start-up time: each
 * command `await import`s its heavy modules (tfjs, exceljs, bullmq, fastify, pg, better-sqlite3)
 * inside its action, so they load only for the command that needs them (a test checks this).
 */
export function registerCommands(program: Command): void {
  registerGenerate(program);
  registerFeatures(program);
  registerTrain(program);
  registerPromote(program);
  registerCompare(program);
  registerScore(program);
  registerDrift(program);
  registerSample(program);
  registerRun(program);
  registerRuns(program);
  registerClient(program);
  registerExport(program);
  registerServe(program);
  registerUsers(program);
  registerExportLabels(program);
  registerWorker(program);
}
