import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { z } from 'zod';
import { PipelineError } from '../../core/errors.js';
import { EXPORT_FORMATS } from '../../report/export-formats.js';
import type { writeScoreExport } from '../../report/write-score-export.js';
import { runStateOf } from '../../store/run-state.js';
import type { Store } from '../../store/store.js';
import { parseOptions } from '../parse-options.js';
import { runAction } from '../run-action.js';
import { registerStoreOption, withStore } from '../store-option.js';
import { outputWriteError } from '../../core/output-write-error.js';
import { checkOutputPaths } from '../../core/check-output-paths.js';
import { DEFAULT_STORE } from '../../store/store-url.js';
import { storeFile } from '../store-file.js';

const ExportArgs = z.strictObject({
  store: z.string().min(1).optional(), run: z.string().min(1), format: z.enum(EXPORT_FORMATS),
  out: z.string().min(1).optional(), advisor: z.string().min(1).optional(), actor: z.string().min(1).default('cli'),
});

export function registerExport(program: Command): void {
  const command = program
    .command('export')
    .description('Export a completed run\'s scores as CSV or xlsx (to stdout without --out); formula-like cells are neutralised')
    .requiredOption('--run <id>', 'run id (see `clientseg runs`), or latest')
    .requiredOption('--format <format>', 'csv or xlsx')
    .option('--out <file>', 'file to write (default: stdout)')
    .option('--advisor <id>', 'only this advisor\'s clients')
    .option('--actor <name>', 'who exports, for the audit log', 'cli');
  registerStoreOption(command).action((raw: unknown) => runAction(async ({ print }) => {
    const args = parseOptions(ExportArgs, raw);
    checkOutputPaths([{ label: 'the store file (--store)', path: storeFile(args.store ?? DEFAULT_STORE) }], [{ label: '--out', path: args.out }]);
    const { writeScoreExport } = await import('../../report/write-score-export.js');
    const { rows, runId } = await withStore(args.store, (store) => exportRun(store, args, writeScoreExport), { readOnly: true });
    if (args.out !== undefined) print(`exported ${rows} clients of run ${runId} to ${args.out}`);
  }));
}

async function exportRun(store: Store, args: z.infer<typeof ExportArgs>, write: typeof writeScoreExport): Promise<{ rows: number; runId: string }> {
  const run = args.run === 'latest' ? await store.latestCompletedRun() : await store.getRun(args.run);
  if (run === undefined) throw new PipelineError('input_missing', `no run ${args.run} in ${store.location}; list the runs with \`clientseg runs\``);
  if (run.status !== 'completed') throw new PipelineError('input_invalid', `run ${run.id} is ${runStateOf(run, new Date())}: only a completed run can be exported`);
  const scores = store.iterateScores(run.id, args.advisor === undefined ? {} : { advisorId: args.advisor });
  const rows = args.out === undefined
    ? await toStdout((out) => write(scores, { format: args.format, riskClasses: run.riskClasses, out }))
    : await toFile(args.out, (out) => write(scores, { format: args.format, riskClasses: run.riskClasses, out }));
  await store.audit({ actor: args.actor, action: 'export', runId: run.id, details: { format: args.format, rows, to: args.out ?? 'stdout', advisor: args.advisor ?? null } }, new Date());
  return { rows, runId: run.id };
}

/** A reader that stops early (`| head`) closes the pipe: that ends the export, it is no error. */
async function toStdout(write: (out: Writable) => Promise<number>): Promise<number> {
  try {
    return await write(process.stdout);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EPIPE') return 0;
    throw err;
  }
}

/** Writes beside the target and renames, so a reader never opens half an export. */
async function toFile(file: string, write: (out: Writable) => Promise<number>): Promise<number> {
  try {
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  } catch (err) {
    throw outputWriteError(file, 'export', err);
  }
  const temp = `${file}.${process.pid}.partial`;
  const out = createWriteStream(temp);
  try {
    await once(out, 'open');
    const rows = await write(out);
    if (!out.writableEnded) out.end();
    if (!out.writableFinished) await once(out, 'finish');
    await rename(temp, file);
    return rows;
  } catch (err) {
    out.destroy();
    await rm(temp, { force: true });
    throw outputWriteError(file, 'export', err);
  }
}
