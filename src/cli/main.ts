#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { growHeapInLargeSteps } from '../core/heap-growth.js';
import { EXIT } from './exit-codes.js';
import { registerCommands } from './commands/register-commands.js';

growHeapInLargeSteps();
const program = new Command();
program
  .name('clientseg')
  .description('Segments wealth-management clients: asset tiers, life-cycle, behavioural segments, risk and needs, with reasons.')
  .version('0.1.0')
  // Program options only before the command: otherwise `promote --version V` printed the version.
  .enablePositionalOptions()
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version end here with code 0; anything else is a usage error.
    process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    throw err;
  }
}
