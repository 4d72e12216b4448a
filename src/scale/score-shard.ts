import { parseIsoDay } from '../core/days.js';
import { PipelineError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { buildFeatures } from '../jobs/build-features.js';
import { runDriftCounts, runRealisedCounts } from '../jobs/monitor-run.js';
import { profileVocabulary, segmentNamesOf } from '../jobs/score.js';
import { scoreInChunks } from '../jobs/score-in-chunks.js';
import { profilesOf } from '../fuse/scored-columns.js';
import { scoreRecordOf } from '../store/score-record-of.js';
import type { ShardLedger } from '../store/shard-ledger.js';
import type { ModelCache } from './model-cache.js';
import type { ShardCounts } from './shard-counts.js';
import { runModelDir, shardFiles } from './shard-files.js';
import type { ShardTask } from './shard-task.js';

export interface ScoreShardDeps {
  readonly ledger: ShardLedger;
  readonly models: ModelCache;
  /** Who scored it (host:pid), recorded with the shard. */
  readonly worker: string;
  readonly log: Logger;
  readonly now?: () => Date;
}

export type ShardOutcome =
  | { readonly status: 'stored'; readonly scored: number }
  /** The run is no longer running (completed, or failed by another shard): nothing to do. */
  | { readonly status: 'skipped'; readonly runStatus: string };

/**
 * Scores one shard of a running run: loads the run's bundle from the shared directory and checks
 * it is the version the run names, ingests the shard's files (no reject gate here: the coordinator
 * applies it to the merged counts, as one machine applies it to the whole file), scores, and
 * stores the shard's scores with its counts in one transaction keyed by (run, client), so a
 * retried shard replaces its earlier attempt.
 *
 * @example
 * await scoreShard(task, { ledger, models: new ModelCache(log), worker: 'host-1:4242', log });
 */
export async function scoreShard(task: ShardTask, deps: ScoreShardDeps): Promise<ShardOutcome> {
  const { ledger, log } = deps;
  const now = deps.now ?? (() => new Date());
  const run = await ledger.getRun(task.runId);
  if (run === undefined) throw new PipelineError('store_failed', `no run ${task.runId} in the store ${ledger.location}: the worker and the coordinator must use the same --store`, { runId: task.runId });
  if (run.status !== 'running') {
    log.info({ run: task.runId, shard: task.shard, status: run.status }, 'shard skipped: the run is not running');
    return { status: 'skipped', runStatus: run.status };
  }
  // The bundle's folder is named by the version the run names, and loading checks the manifest
  // hashes to that name and every file to the manifest: a swapped or altered bundle is refused.
  const modelDir = runModelDir(task.runDir, run.modelVersion);
  const model = await deps.models.acquire(modelDir);
  try {
    if (model.version !== run.modelVersion) {
      throw new PipelineError('model_incompatible', `the bundle in ${modelDir} is version ${model.version} but run ${task.runId} names ${run.modelVersion}`, { runId: task.runId });
    }
    const asOf = parseIsoDay(task.asOf);
    if (asOf === undefined) throw new PipelineError('config_invalid', `shard task as-of ${task.asOf} is not a date`);
    const files = shardFiles(task.runDir, task.shard);
    const { matrix, ingest } = await buildFeatures({
      clientsPath: files.clients, transactionsPath: files.transactions, mapping: task.mapping, asOf,
      ...(task.accounts === true ? { accountsPath: files.accounts } : {}), ...(task.strictCodes === true ? { strictCodes: true } : {}),
      horizonDays: task.horizonDays, windowMonths: task.windowMonths, rejectsPath: files.rejects, rejectGate: 1, log,
    });
    const scored = await scoreInChunks(model, matrix, ingest.clients, asOf);
    const profiles = profilesOf(scored.columns, ingest.clients, profileVocabulary(model, scored));
    const names = segmentNamesOf(model);
    const records = profiles.map((p) => scoreRecordOf(p, {
      riskClasses: model.riskClasses,
      advisorId: ingest.clients.advisorId[ingest.clients.indexById.get(p.clientId)!],
      aum: ingest.clients.aum[ingest.clients.indexById.get(p.clientId)!],
      segmentNameEn: names.get(p.behaviourSegment)?.en ?? p.behaviourSegmentName,
    }));
    const counts: ShardCounts = {
      clients: ingest.clientCounts, transactions: ingest.transactionCounts, scored: profiles.length,
      drift: model.driftReference === undefined ? null : runDriftCounts({ ...model, driftReference: model.driftReference }, matrix, ingest.clients, scored.columns, asOf),
      realised: runRealisedCounts(model, ingest.clients, scored.columns, asOf),
    };
    await ledger.storeShard(task.runId, task.shard, task.shards, records, counts, deps.worker, now());
    log.info({ run: task.runId, shard: task.shard, scored: profiles.length }, 'shard stored');
    return { status: 'stored', scored: profiles.length };
  } finally {
    deps.models.release(modelDir);
  }
}
