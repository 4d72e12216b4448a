import { Redis } from 'ioredis';
import { PipelineError } from '../core/errors.js';

/** The queue of shard jobs (workers) and of run jobs, each the parent of its shards (coordinators). */
export const SHARD_QUEUE = 'clientseg-shards';
export const RUN_QUEUE = 'clientseg-runs';
export { DEFAULT_PREFIX } from './queue-defaults.js';

/**
 * How workers hold shards. A worker renews its lock every lockDuration/2; a lock not renewed for
 * lockDuration (the worker was killed, or its machine lost Redis) marks the shard stalled at the
 * next check, and the check after that (every stalledInterval) moves it back to waiting for any
 * worker. A shard that stalls more than maxStalledCount times is failed. Scoring runs on the
 * event loop between awaits, so lockDuration must exceed the longest synchronous stretch of a
 * shard (a few seconds for 200k clients here); the defaults leave a wide margin.
 */
export interface ShardLockOptions {
  /** Default 60,000 ms. */
  readonly lockDurationMs?: number;
  /** Default 30,000 ms. */
  readonly stalledIntervalMs?: number;
  /** Default 2. */
  readonly maxStalledCount?: number;
}

export const DEFAULT_LOCK = { lockDurationMs: 60_000, stalledIntervalMs: 30_000, maxStalledCount: 2 } as const;

/** How often a failing shard is tried, with exponential backoff (delay, 2×delay, …). */
export interface ShardRetryOptions {
  /** Default 3. */
  readonly attempts?: number;
  /** Default 5,000 ms. */
  readonly backoffMs?: number;
}

export const DEFAULT_RETRY = { attempts: 3, backoffMs: 5_000 } as const;

/**
 * A Redis connection for BullMQ (maxRetriesPerRequest null, as BullMQ requires for blocking
 * calls), checked with a PING so a wrong URL fails fast instead of retrying forever.
 *
 * @example
 * const redis = await connectRedis('redis://127.0.0.1:6379');
 */
export async function connectRedis(url: string, timeoutMs = 5_000): Promise<Redis> {
  if (!/^rediss?:\/\//i.test(url)) throw new PipelineError('config_invalid', `--redis ${JSON.stringify(url)} is not a redis:// or rediss:// URL`);
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
  // Connection errors surface through ping below; an unhandled 'error' event would crash the process.
  redis.on('error', () => undefined);
  try {
    await Promise.race([
      redis.connect().then(() => redis.ping()),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
  } catch (err) {
    redis.disconnect();
    throw new PipelineError('store_failed', `cannot reach Redis at ${redactRedis(url)} (${(err as Error).message}): check that it runs and the URL is right`, {}, { cause: err });
  }
  return redis;
}

/** The URL without its password, for messages. */
export function redactRedis(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'redis://(unparseable URL)';
  }
}

/** A child job's id: the run and the shard, so a resubmitted flow finds the same jobs. */
export function shardJobId(runId: string, shard: number): string {
  return `${runId}.s${String(shard).padStart(4, '0')}`;
}
