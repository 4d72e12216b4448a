import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { PipelineError } from '../../core/errors.js';
import { checkOutputPaths } from '../../core/check-output-paths.js';
import { writeLinesAtomically } from '../../core/write-lines-atomically.js';
import { storedRunReport } from '../../jobs/stored-run-report.js';
import { ingestArgs, ingestInputs, ingestOptionsFrom } from '../ingest-options.js';
import { reportAfterStoredRun } from '../report-after-stored-run.js';
import { nonNegativeInt, parseOptions, positiveInt } from '../parse-options.js';
import { formatMigration, formatStoredRun } from '../print-run.js';
import { DEFAULT_PREFIX, DEFAULT_REDIS } from '../../scale/queue-defaults.js';
import type { ActionTools } from '../run-action.js';
import { withStore } from '../store-option.js';

const DistributedArgs = ingestArgs.extend({
  distributed: z.literal(true),
  model: z.string().min(1),
  store: z.string({ error: '--distributed needs --store (postgres://…): workers on other machines write to it' }).min(1),
  redis: z.string().min(1).default(DEFAULT_REDIS),
  shards: positiveInt,
  sharedDir: z.string().min(1).default('clientseg-shards'),
  shardInput: z.string().min(1).optional(),
  queuePrefix: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only').default(DEFAULT_PREFIX),
  attempts: positiveInt.optional(),
  backoffMs: nonNegativeInt.optional(),
  pipeline: z.string().min(1).default('score'),
  // Flags of the single-machine score that a distributed run does not take are refused by name.
  out: z.never({ error: '--out: a distributed run stores its scores in --store only (export them from there)' }).optional(),
  report: z.string().min(1).optional(),
  features: z.never({ error: '--features: a feature-table model is scored on one machine' }).optional(),
  idColumn: z.string().optional(),
  storeBatchSize: z.unknown().optional(),
  ...Object.fromEntries(['driftSettings', 'driftExclude', 'driftThreshold', 'driftReference', 'driftHistory'].map((key) => [key,
    z.never({ error: 'the --drift-* settings: a distributed run measures drift against the model\'s reference with the default bands (docs/decisions.md, "Drift settings")' }).optional()])),
});

/** The flags `score --distributed` adds to `score`. */
export function registerDistributedScoreOptions(command: Command): Command {
  return command
    .option('--distributed', 'score as shard jobs on BullMQ over Redis, by any number of `clientseg worker` processes (needs --store and --shards)')
    .option('--redis <url>', `with --distributed: the Redis of the queue (default ${DEFAULT_REDIS})`)
    .option('--shards <n>', 'with --distributed: how many shards to cut the client base into')
    .option('--shared-dir <dir>', 'with --distributed: a directory every worker sees at the same path; the run\'s shards go under it, a full copy of the client data, removed once the run is stored: restrict it as you do the inputs (default clientseg-shards)')
    .option('--shard-input <dir>', 'with --distributed: the inputs are already cut into clients-NNNN.csv and transactions-NNNN.csv by the shard rule (README)')
    .option('--queue-prefix <prefix>', `with --distributed: BullMQ key prefix, the same for coordinator and workers (default ${DEFAULT_PREFIX})`)
    .option('--attempts <n>', 'with --distributed: tries per shard before the run fails (default 3)')
    .option('--backoff-ms <ms>', 'with --distributed: first retry delay of a failed shard, doubling after (default 5000)');
}

/** `score --distributed`: the coordinator of a distributed run. */
export async function distributedScoreAction(raw: unknown, tools: ActionTools): Promise<void> {
  const args = parseOptions(DistributedArgs, raw);
  if (args.shardInput === undefined && (args.clients === undefined || args.transactions === undefined)) {
    throw new PipelineError('config_invalid', '--distributed needs --clients and --transactions, or --shard-input with inputs already cut into shards');
  }
  const options = await ingestOptionsFrom({ ...args, clients: args.clients ?? '', transactions: args.transactions ?? '' }, args.sharedDir);
  checkOutputPaths(ingestInputs(args), [{ label: '--rejects', path: options.rejectsPath }, { label: '--report', path: args.report }]);
  const [{ openShardLedger }, { runDistributedScore }] = await Promise.all([
    import('../../store/shard-ledger.js'), import('../../scale/run-distributed-score.js'),
  ]);
  const ledger = await openShardLedger(args.store);
  try {
    const result = await withStore(args.store, (store) => runDistributedScore({
      ...options, model: args.model, store, ledger, redisUrl: args.redis, prefix: args.queuePrefix, shards: args.shards,
      sharedDir: path.resolve(args.sharedDir), shardInput: args.shardInput === undefined ? undefined : path.resolve(args.shardInput),
      pipeline: args.pipeline, attempts: args.attempts, backoffMs: args.backoffMs, log: tools.log, progress: tools.progress,
    }).then(async (r) => {
      // The report is read back from the stored run, so it is the one a single machine writes.
      if (args.report !== undefined) {
        try {
          await writeLinesAtomically(args.report, [(await storedRunReport(store, r.run.id)).trimEnd()], 'report');
        } catch (err) {
          throw reportAfterStoredRun(err);
        }
      }
      return { ...r, location: store.location, migration: await store.migrationOf(r.run.id) };
    }));
    tools.print(formatStoredRun(result.run, result.outcome, result.location));
    if (result.outcome === 'completed') {
      const { counts } = result.run;
      tools.print(`clients read ${counts.clientsRead}, accepted ${counts.clientsAccepted}, rejected ${counts.clientsRejected}; transactions read ${counts.transactionsRead}, accepted ${counts.transactionsAccepted}, rejected ${counts.transactionsRejected}; rejects: ${options.rejectsPath}`);
      if (result.resumed) tools.print(`resumed an earlier coordinator's run (${args.shards} shards)`);
    }
    if (args.report !== undefined) tools.print(`report: ${args.report}`);
    if (result.migration) tools.print(formatMigration(result.migration.previousRunId, result.migration.document as Parameters<typeof formatMigration>[1]));
  } finally {
    await ledger.close();
  }
}
