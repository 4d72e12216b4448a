import type { Command } from 'commander';
import { z } from 'zod';
import { parseOptions, positiveInt } from '../parse-options.js';
import { DEFAULT_PREFIX, DEFAULT_REDIS } from '../../scale/queue-defaults.js';
import { runAction } from '../run-action.js';

const WorkerArgs = z.strictObject({
  redis: z.string().min(1).default(DEFAULT_REDIS),
  store: z.string().min(1),
  concurrency: positiveInt.default(1),
  queuePrefix: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only').default(DEFAULT_PREFIX),
  lockDurationMs: positiveInt.optional(),
  stalledIntervalMs: positiveInt.optional(),
  maxStalledCount: positiveInt.optional(),
});

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('Score shards of distributed runs (score --distributed) until stopped (SIGINT/SIGTERM finish the shard in hand)')
    .option('--redis <url>', `the Redis of the queue (default ${DEFAULT_REDIS})`)
    .requiredOption('--store <url>', 'the results store of the runs (postgres://…; the same as the coordinator\'s)')
    .option('--concurrency <n>', 'shards scored at once by this process (default 1; run one worker per core instead)')
    .option('--queue-prefix <prefix>', `BullMQ key prefix, the same as the coordinator's (default ${DEFAULT_PREFIX})`)
    .option('--lock-duration-ms <ms>', 'a shard whose worker is silent this long is retried elsewhere (default 60000)')
    .option('--stalled-interval-ms <ms>', 'how often this worker looks for stalled shards (default 30000)')
    .option('--max-stalled-count <n>', 'stalls after which a shard fails instead of being retried (default 2)')
    .action((raw: unknown) => runAction(async ({ log, print }) => {
      const args = parseOptions(WorkerArgs, raw);
      const [{ openShardLedger }, { startShardWorker }] = await Promise.all([
        import('../../store/shard-ledger.js'), import('../../scale/start-shard-worker.js'),
      ]);
      const ledger = await openShardLedger(args.store);
      try {
        const worker = await startShardWorker({
          redisUrl: args.redis, prefix: args.queuePrefix, ledger, concurrency: args.concurrency, log,
          lockDurationMs: args.lockDurationMs, stalledIntervalMs: args.stalledIntervalMs, maxStalledCount: args.maxStalledCount,
        });
        print(`worker ${worker.id} ready (concurrency ${args.concurrency}); stop it with Ctrl-C or SIGTERM`);
        const signal = await new Promise<NodeJS.Signals>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        log.info({ signal }, 'stopping: finishing the shard in hand');
        await worker.close();
      } finally {
        await ledger.close();
      }
    }));
}
