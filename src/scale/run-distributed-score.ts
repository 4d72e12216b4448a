import { rm } from 'node:fs/promises';
import path from 'node:path';
import { FlowProducer, Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { formatDay, type DayNumber } from '../core/days.js';
import { isPipelineError, PipelineError, type PipelineErrorCode } from '../core/errors.js';
import { silentLogger, type Logger } from '../core/logger.js';
import { outputWriteError } from '../core/output-write-error.js';
import { noProgress, type Progress } from '../core/progress.js';
import type { Mapping } from '../ingest/mapping-schema.js';
import { runKeyOf } from '../jobs/run-key.js';
import { countsReached, failureReason } from '../jobs/score-into-store.js';
import { fileFingerprint } from '../registry/file-fingerprint.js';
import { readBundle } from '../registry/read-bundle.js';
import { resolveModelRef } from '../registry/resolve-model-ref.js';
import type { ShardLedger } from '../store/shard-ledger.js';
import type { RunRecord, RunSpec, Store } from '../store/store.js';
import { completeRunFromShards } from './complete-run-from-shards.js';
import { mergeRejects } from './merge-rejects.js';
import { prepareShards } from './prepare-shards.js';
import {
  connectRedis, DEFAULT_LOCK, DEFAULT_RETRY, RUN_QUEUE, SHARD_QUEUE, shardJobId, type ShardLockOptions, type ShardRetryOptions,
} from './scale-queues.js';
import { shardFiles } from './shard-files.js';
import { RunTaskSchema, type RunTask, type ShardTask } from './shard-task.js';

export interface DistributedScoreOptions extends ShardRetryOptions, ShardLockOptions {
  /** A bundle folder, a model folder (its champion) or `models/NAME@challenger`. */
  readonly model: string;
  readonly clientsPath: string;
  readonly transactionsPath: string;
  readonly mapping?: Mapping;
  /** Accounts file (account_id, client_id, role); transactions then carry account_id. */
  readonly accountsPath?: string;
  readonly strictCodes?: boolean;
  readonly asOf: DayNumber;
  readonly windowMonths?: number;
  readonly horizonDays?: number;
  /** Applied to the merged counts of each file; default 0.05. */
  readonly rejectGate?: number;
  /** Where the shards' rejected rows are gathered. */
  readonly rejectsPath: string;
  readonly store: Store;
  readonly ledger: ShardLedger;
  readonly redisUrl: string;
  readonly prefix: string;
  readonly shards: number;
  /** A directory every worker sees at the same path; the run's shards go to `<sharedDir>/<runId>/`. */
  readonly sharedDir: string;
  /**
   * The inputs are already shard files: `<shardInput>/clients-NNNN.csv` and `transactions-NNNN.csv`
   * cut by the same rule (clientsPath and transactionsPath are then unused).
   */
  readonly shardInput?: string;
  readonly pipeline: string;
  /** Who started the run, for the audit log; default 'system'. */
  readonly actor?: string;
  /** How often the coordinator looks at the run's progress; default 1,000 ms. */
  readonly pollMs?: number;
  readonly log?: Logger;
  readonly progress?: Progress;
  readonly now?: () => Date;
}

export interface DistributedScoreResult {
  readonly run: RunRecord;
  readonly outcome: 'completed' | 'already_completed';
  /** This call went on with a run an earlier coordinator had started. */
  readonly resumed: boolean;
  readonly runDir?: string;
}

/** A shard that failed its last attempt. */
export interface ShardFailure {
  readonly shard: number;
  readonly attempts: number;
  readonly reason: string;
}

/**
 * Scores a client base as shard jobs on BullMQ: cuts the inputs into shards by client in the
 * shared directory, enqueues one run job whose children are the shard jobs (a flow), lets any
 * number of `clientseg worker` processes score them, and completes the run in the store when
 * every shard is stored (this process runs the parent job). The run key is the one a
 * single-machine run of the same work has, so a restarted coordinator resumes its run: shards
 * already stored are not enqueued again. A shard that fails every attempt fails the run with
 * PipelineError 'shard_failed', naming the shard and its error.
 *
 * @example
 * const { run } = await runDistributedScore({ model: 'models/sample', clientsPath, transactionsPath, asOf, rejectsPath,
 *   store, ledger, redisUrl: 'redis://queue:6379', prefix: 'clientseg', shards: 16, sharedDir: '/mnt/clientseg', pipeline: 'nightly' });
 */
export async function runDistributedScore(options: DistributedScoreOptions): Promise<DistributedScoreResult> {
  const log = options.log ?? silentLogger();
  const now = options.now ?? (() => new Date());
  const actor = options.actor ?? 'system';
  const { store, ledger, shards } = options;

  const { spec, bundleDir, inputs } = await distributedRunSpec(options);
  const asOf = spec.asOf;
  const begun = await ledger.beginDistributedRun(spec, now());
  if (begun.outcome === 'already_completed') {
    log.info({ run: begun.run.id }, 'run already stored: nothing added');
    // A coordinator that stopped between storing the run and cleaning up left the shards behind.
    if (options.shardInput === undefined) await removeShardFolder(path.resolve(options.sharedDir, begun.run.id), false, log);
    return { run: begun.run, outcome: 'already_completed', resumed: false };
  }
  const runId = begun.run.id;
  const resumed = begun.outcome === 'resumed';
  const earlier = await ledger.shardsOf(runId);
  if (earlier.length > 0 && earlier[0]!.shards !== shards) {
    throw new PipelineError('config_invalid', `run ${runId} is in progress with ${earlier[0]!.shards} shards; resume it with --shards ${earlier[0]!.shards}`, { runId });
  }
  await store.audit({ actor, action: resumed ? 'run_resumed' : 'run_started', runId, details: { pipeline: options.pipeline, attempt: begun.run.attempts, modelVersion: spec.modelVersion, asOf, shards, shardsStored: earlier.length } }, now());
  log.info({ run: runId, shards, stored: earlier.length }, resumed ? 'distributed run resumed' : 'distributed run started');

  const runDir = path.resolve(options.shardInput ?? path.join(options.sharedDir, runId));
  const connection = await connectRedis(options.redisUrl);
  const queueOptions = { connection, prefix: options.prefix };
  const runQueue = new Queue(RUN_QUEUE, queueOptions);
  const shardQueue = new Queue(SHARD_QUEUE, queueOptions);
  const flows = new FlowProducer(queueOptions);
  const task: RunTask = { runId, shards, runDir, pipeline: options.pipeline, rejectGate: options.rejectGate, actor };
  // This process completes the run (the parent job) once its shards are done; a coordinator that
  // dies there leaves the parent to BullMQ's stalled check, and the next coordinator takes it.
  const completer = new Worker(RUN_QUEUE, async (job: Job) => {
    try {
      return (await completeRunFromShards(RunTaskSchema.parse(job.data), { store, ledger, log, now })).id;
    } catch (err) {
      if (isPipelineError(err)) throw new UnrecoverableError(`[${err.code}] ${err.message}`);
      throw err;
    }
  }, {
    ...queueOptions, concurrency: 1,
    lockDuration: options.lockDurationMs ?? DEFAULT_LOCK.lockDurationMs,
    stalledInterval: options.stalledIntervalMs ?? DEFAULT_LOCK.stalledIntervalMs,
  });
  completer.on('error', (err) => log.error({ err }, 'run completer error'));
  const bar = options.progress ?? noProgress;
  try {
    await prepareShards({
      runDir, shards, clientsPath: options.clientsPath, transactionsPath: options.transactionsPath, mapping: options.mapping,
      ...(options.accountsPath === undefined ? {} : { accountsPath: options.accountsPath }),
      inputs, bundleDir, modelVersion: spec.modelVersion, partitioned: options.shardInput !== undefined,
    }).catch((err: unknown) => {
      // A full or failing shared directory: one line naming it, not a stack.
      throw typeof (err as NodeJS.ErrnoException).code === 'string' ? outputWriteError(runDir, 'shard folder', err) : err;
    });
    let parent = await runQueue.getJob(runId);
    if (parent !== undefined && !resumed) {
      // A run that failed before and starts over: its old jobs go, so the ids can be used again.
      await removeFlow(runQueue, shardQueue, runId, shards);
      parent = undefined;
    }
    if (parent === undefined) {
      const stored = new Set(earlier.map((s) => s.shard));
      const children = Array.from({ length: shards }, (_, shard) => shard).filter((s) => !stored.has(s)).map((shard) => ({
        name: 'shard', queueName: SHARD_QUEUE,
        data: shardTask(options, runId, runDir, shard, asOf),
        opts: {
          jobId: shardJobId(runId, shard),
          attempts: options.attempts ?? DEFAULT_RETRY.attempts,
          backoff: { type: 'exponential', delay: options.backoffMs ?? DEFAULT_RETRY.backoffMs },
          failParentOnFailure: true,
        },
      }));
      await flows.add({ name: 'run', queueName: RUN_QUEUE, data: task, opts: { jobId: runId, attempts: 3, backoff: { type: 'exponential', delay: 1_000 } }, children });
      log.info({ run: runId, enqueued: children.length }, 'shard jobs enqueued');
    }
    bar.start(`run ${runId}: shards stored`, shards);
    const failure = await waitForRun(runQueue, shardQueue, ledger, runId, shards, options.pollMs ?? 1_000, bar);
    bar.stop();
    if (failure !== undefined) throw failure;
    const run = (await store.getRun(runId))!;
    await mergeRejects(Array.from({ length: shards }, (_, s) => shardFiles(runDir, s).rejects), options.rejectsPath);
    await removeFlow(runQueue, shardQueue, runId, shards);
    await removeShardFolder(runDir, options.shardInput !== undefined, log);
    return { run, outcome: 'completed', resumed, runDir };
  } catch (err) {
    bar.stop();
    const reason = failureReason(err);
    try {
      await store.failRun(runId, reason, now(), countsReached(err));
      await store.audit({ actor, action: 'run_failed', runId, details: { reason } }, now());
    } catch (storeErr) {
      log.warn({ code: 'run_not_marked_failed', run: runId, cause: (storeErr as Error).message }, 'could not mark the run failed; a rerun resumes it');
    }
    throw err;
  } finally {
    await completer.close();
    await Promise.all([runQueue.close(), shardQueue.close(), flows.close()]);
    connection.disconnect();
  }
}

/**
 * The run a distributed score is: its key is the one a single-machine `score --store` of the same
 * pipeline, inputs, as-of, model and parameters has (sharding changes no result), so the two are
 * one run; do not run both modes of one pipeline at once.
 */
export async function distributedRunSpec(options: DistributedScoreOptions): Promise<{ spec: RunSpec; bundleDir: string; inputs: Record<string, string> }> {
  const bundleDir = await resolveModelRef(options.model);
  const bundle = await readBundle(bundleDir);
  const asOf = formatDay(options.asOf);
  const inputs = await inputFingerprints(options);
  const runKey = runKeyOf({
    pipeline: options.pipeline, inputs, asOf, modelVersion: bundle.version,
    params: {
      mapping: options.mapping ?? null, windowMonths: options.windowMonths ?? null, horizonDays: options.horizonDays ?? null, rejectGate: options.rejectGate ?? null,
      // Only when set, so the keys of runs without them stay what they were.
      ...(options.strictCodes === true ? { strictCodes: true } : {}),
    },
  });
  const spec: RunSpec = {
    runKey, pipeline: options.pipeline, asOf, modelName: path.basename(path.dirname(path.resolve(bundleDir))),
    modelVersion: bundle.version, riskClasses: bundle.manifest.labelSets.risk ?? [],
  };
  return { spec, bundleDir, inputs };
}

function shardTask(options: DistributedScoreOptions, runId: string, runDir: string, shard: number, asOf: string): ShardTask {
  return {
    runId, shard, shards: options.shards, runDir, asOf,
    ...(options.mapping === undefined ? {} : { mapping: options.mapping }),
    ...(options.windowMonths === undefined ? {} : { windowMonths: options.windowMonths }),
    ...(options.horizonDays === undefined ? {} : { horizonDays: options.horizonDays }),
    ...(options.accountsPath === undefined ? {} : { accounts: true }),
    ...(options.strictCodes === true ? { strictCodes: true } : {}),
  };
}

/** The run key's input part: the two files, or every pre-partitioned shard file. */
async function inputFingerprints(options: DistributedScoreOptions): Promise<Record<string, string>> {
  if (options.shardInput === undefined) {
    return {
      clients: await fileFingerprint(options.clientsPath), transactions: await fileFingerprint(options.transactionsPath),
      ...(options.accountsPath === undefined ? {} : { accounts: await fileFingerprint(options.accountsPath) }),
    };
  }
  const inputs: Record<string, string> = {};
  for (let s = 0; s < options.shards; s++) {
    const files = shardFiles(options.shardInput, s);
    for (const file of [files.clients, files.transactions]) {
      try {
        inputs[path.basename(file)] = await fileFingerprint(file);
      } catch (err) {
        throw new PipelineError('input_missing', `pre-partitioned shard file ${file} is missing: --shard-input needs clients-NNNN.csv and transactions-NNNN.csv for every shard`, { file }, { cause: err });
      }
    }
  }
  return inputs;
}

/**
 * Waits until the parent job completes (undefined) or fails (the error to throw): a failed shard
 * is 'shard_failed' with each failed shard's last error; a failed completion keeps its own code.
 */
async function waitForRun(runQueue: Queue, shardQueue: Queue, ledger: ShardLedger, runId: string, shards: number, pollMs: number, bar: Progress): Promise<PipelineError | undefined> {
  for (;;) {
    bar.update(await ledger.countShards(runId));
    const parent = await runQueue.getJob(runId);
    const state = parent === undefined ? 'missing' : await parent.getState();
    if (state === 'completed') return undefined;
    if (state === 'missing' || state === 'unknown') {
      return new PipelineError('shard_failed', `the run job ${runId} is gone from Redis (was the queue emptied?); rerun the command to enqueue it again`, { runId });
    }
    if (state === 'failed') {
      const failures = await failedShards(shardQueue, runId, shards);
      if (failures.length > 0) {
        const list = failures.map((f) => `shard ${f.shard} after ${f.attempts} attempt(s): ${f.reason}`).join('; ');
        return new PipelineError('shard_failed', `run ${runId} failed: ${list}; fix the cause and rerun the command (the run starts over)`, { runId, failures });
      }
      const reason = parent!.failedReason ?? 'unknown reason';
      const coded = /^\[([a-z_]+)\] (.*)$/s.exec(reason);
      return coded ? new PipelineError(coded[1] as PipelineErrorCode, coded[2]!, { runId }) : new PipelineError('store_failed', `completing run ${runId} failed: ${reason}`, { runId });
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

async function failedShards(shardQueue: Queue, runId: string, shards: number): Promise<ShardFailure[]> {
  const failures: ShardFailure[] = [];
  for (let shard = 0; shard < shards; shard++) {
    const job = await shardQueue.getJob(shardJobId(runId, shard));
    if (job !== undefined && (await job.getState()) === 'failed') {
      failures.push({ shard, attempts: job.attemptsMade, reason: job.failedReason });
    }
  }
  return failures;
}

async function removeFlow(runQueue: Queue, shardQueue: Queue, runId: string, shards: number): Promise<void> {
  for (let shard = 0; shard < shards; shard++) await (await shardQueue.getJob(shardJobId(runId, shard)))?.remove().catch(() => undefined);
  await (await runQueue.getJob(runId))?.remove().catch(() => undefined);
}

/**
 * Removes a stored run's shard folder: it holds a full copy of the client base (every shard's
 * clients and transactions) and the model. Kept when the run fails, for the retry; a folder the
 * user supplied (`--shard-input`) is theirs and stays.
 */
async function removeShardFolder(runDir: string, userSupplied: boolean, log: Logger): Promise<void> {
  if (userSupplied) return;
  try {
    await rm(runDir, { recursive: true, force: true });
  } catch (err) {
    log.warn({ code: 'shard_folder_kept', dir: runDir, cause: (err as Error).message }, 'could not remove the shard folder of the stored run: remove it by hand (it holds client data)');
  }
}
