import { hostname } from 'node:os';
import { Worker, type Job } from 'bullmq';
import { isPipelineError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { ShardLedger } from '../store/shard-ledger.js';
import { ModelCache } from './model-cache.js';
import { connectRedis, DEFAULT_LOCK, SHARD_QUEUE, type ShardLockOptions } from './scale-queues.js';
import { scoreShard, type ShardOutcome } from './score-shard.js';
import { ShardTaskSchema } from './shard-task.js';

export interface ShardWorkerOptions extends ShardLockOptions {
  readonly redisUrl: string;
  readonly prefix: string;
  readonly ledger: ShardLedger;
  /** Shards scored at once by this process; default 1 (scoring is CPU-bound: run one worker per core). */
  readonly concurrency?: number;
  readonly log: Logger;
}

export interface ShardWorker {
  /** host:pid, recorded with every shard it stores. */
  readonly id: string;
  /** Stops taking shards, waits for the ones in hand, and closes the connections. */
  close(): Promise<void>;
}

/**
 * Starts a BullMQ worker on the shard queue: it scores shards of any run in the store with the
 * run's bundle and stores each shard in one transaction. A killed worker's shard is retried
 * elsewhere through BullMQ's stalled-job check (see ShardLockOptions); a failing shard through
 * the job's attempts and backoff.
 *
 * @example
 * const worker = await startShardWorker({ redisUrl, prefix: 'clientseg', ledger, log });
 * process.once('SIGTERM', () => void worker.close());
 */
export async function startShardWorker(options: ShardWorkerOptions): Promise<ShardWorker> {
  const { log } = options;
  const id = `${hostname()}:${process.pid}`;
  const connection = await connectRedis(options.redisUrl);
  const models = new ModelCache(log);
  const worker = new Worker<unknown, ShardOutcome>(SHARD_QUEUE, async (job: Job) => {
    const task = ShardTaskSchema.parse(job.data);
    log.info({ run: task.runId, shard: task.shard, attempt: job.attemptsMade + 1 }, 'shard started');
    try {
      return await scoreShard(task, { ledger: options.ledger, models, worker: id, log });
    } catch (err) {
      // The code travels in the job's failedReason, where the coordinator reads it.
      if (isPipelineError(err)) throw new Error(`[${err.code}] ${err.message}`, { cause: err });
      throw err;
    }
  }, {
    connection,
    prefix: options.prefix,
    name: id,
    concurrency: options.concurrency ?? 1,
    lockDuration: options.lockDurationMs ?? DEFAULT_LOCK.lockDurationMs,
    stalledInterval: options.stalledIntervalMs ?? DEFAULT_LOCK.stalledIntervalMs,
    maxStalledCount: options.maxStalledCount ?? DEFAULT_LOCK.maxStalledCount,
  });
  worker.on('failed', (job, err) => log.warn({ job: job?.id, attempt: job?.attemptsMade, reason: err.message }, 'shard attempt failed'));
  worker.on('stalled', (jobId) => log.warn({ job: jobId }, 'shard stalled (its worker stopped renewing the lock): moved back to waiting for another worker'));
  worker.on('error', (err) => log.error({ err }, 'shard worker error'));
  await worker.waitUntilReady();
  log.info({ worker: id, concurrency: options.concurrency ?? 1 }, 'shard worker ready');
  return {
    id,
    async close() {
      await worker.close();
      models.dispose();
      connection.disconnect();
    },
  };
}
