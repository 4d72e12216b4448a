import type { Command } from 'commander';
import { z } from 'zod';
import { runStateOf, stalledNote, thisProcess } from '../../store/run-state.js';
import type { RunOwner, RunRecord } from '../../store/store.js';
import { parseOptions, positiveInt } from '../parse-options.js';
import { runAction } from '../run-action.js';
import { registerStoreOption, withStore } from '../store-option.js';

const RunsArgs = z.strictObject({ store: z.string().min(1).optional(), json: z.boolean().optional(), pipeline: z.string().min(1).optional(), limit: positiveInt.default(50) });

export function registerRuns(program: Command): void {
  const command = program
    .command('runs')
    .description('List the stored runs, newest first: id, status (running, stalled, completed, failed), row counts and drift verdict')
    .option('--json', 'JSON for machines: every field of every run, and its state (running, stalled, completed, failed)')
    .option('--pipeline <name>', 'only this pipeline\'s runs')
    .option('--limit <n>', 'at most this many runs', '50');
  registerStoreOption(command).action((raw: unknown) => runAction(async ({ print }) => {
    const args = parseOptions(RunsArgs, raw);
    const runs = await withStore(args.store, (store) => store.listRuns({ pipeline: args.pipeline, limit: args.limit }), { readOnly: true });
    const now = new Date();
    print(args.json ? JSON.stringify(runs.map((r) => ({ ...r, state: runStateOf(r, now) })), null, 2) : formatRuns(runs, now));
  }));
}

/**
 * A fixed-width table of runs for people, with each run's state at `now` (a running run whose
 * process is gone shows as stalled), and below it why runs failed and what to do about stalled ones.
 */
export function formatRuns(runs: readonly RunRecord[], now: Date, here: RunOwner = thisProcess()): string {
  if (runs.length === 0) return 'no runs stored yet';
  const states = runs.map((r) => runStateOf(r, now, here));
  const header = ['id', 'pipeline', 'as-of', 'model', 'status', 'clients r/a/rej', 'transactions r/a/rej', 'scored', 'drift', 'started', 'seconds'];
  const rows = runs.map((r, i) => [
    r.id, r.pipeline, r.asOf, r.modelVersion, states[i]!,
    `${r.counts.clientsRead}/${r.counts.clientsAccepted}/${r.counts.clientsRejected}`,
    `${r.counts.transactionsRead}/${r.counts.transactionsAccepted}/${r.counts.transactionsRejected}`,
    String(r.counts.scored), r.driftVerdict ?? '—', r.startedAt.slice(0, 19).replace('T', ' '),
    r.durationMs === null ? '—' : (r.durationMs / 1000).toFixed(1),
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((row) => row[j]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, j) => c.padEnd(widths[j]!)).join('  ').trimEnd();
  const notes = runs.flatMap((r, i) => {
    if (states[i] === 'stalled') return [`${r.id}: stalled, ${stalledNote(r)}`];
    return r.error === null ? [] : [`${r.id}: ${r.error}`];
  });
  return [line(header), ...rows.map(line), ...(notes.length ? ['', ...notes] : [])].join('\n');
}
