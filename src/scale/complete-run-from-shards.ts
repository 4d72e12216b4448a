import { PipelineError } from '../core/errors.js';
import { countsReached, failureReason } from '../jobs/score-into-store.js';
import type { Logger } from '../core/logger.js';
import type { RowCounts } from '../core/records.js';
import { topReasons } from '../ingest/top-reasons.js';
import { accuracyOfRun, type RealisedCounts } from '../jobs/monitor-run.js';
import { driftJson } from '../jobs/score.js';
import { compareDrift } from '../monitor/compare-drift.js';
import type { DriftCounts } from '../monitor/drift-counts.js';
import { parseDriftReference } from '../monitor/drift-reference.js';
import { migrationBetween } from '../monitor/migration-matrix.js';
import { readBundle } from '../registry/read-bundle.js';
import type { ShardLedger } from '../store/shard-ledger.js';
import type { RunRecord, Store } from '../store/store.js';
import { mergeShardCounts } from './merge-shard-counts.js';
import type { ShardCounts } from './shard-counts.js';
import { runModelDir } from './shard-files.js';
import { bundleSegments, segmentIdBasis } from '../jobs/segment-id-basis.js';
import type { RunTask } from './shard-task.js';

export interface CompleteRunDeps {
  readonly store: Store;
  readonly ledger: ShardLedger;
  readonly log: Logger;
  readonly now?: () => Date;
}

/**
 * Completes a distributed run once every shard is stored: merges the shards' counts, applies the
 * reject gate to the merged counts per file (as one machine applies it to the whole file),
 * computes the migration against the previous completed run of the pipeline, and completes the
 * run in one store transaction, which makes its scores visible. Completing twice is harmless.
 *
 * @example
 * const run = await completeRunFromShards(task, { store, ledger, log });
 */
export async function completeRunFromShards(task: RunTask, deps: CompleteRunDeps): Promise<RunRecord> {
  const { store, ledger, log } = deps;
  const now = deps.now ?? (() => new Date());
  const run = await store.getRun(task.runId);
  if (run === undefined) throw new PipelineError('store_failed', `no run ${task.runId} in the store ${store.location}`, { runId: task.runId });
  if (run.status === 'completed') return run;
  const shards = await ledger.shardsOf(task.runId);
  if (shards.length !== task.shards) {
    throw new PipelineError('store_failed', `run ${task.runId} has ${shards.length} of ${task.shards} shards stored; rerun the command to resume it`, { runId: task.runId });
  }
  const merged = mergeShardCounts(shards.map((s) => s.counts as ShardCounts));
  try {
    checkGate('clients', merged.clients, task);
    checkGate('transactions', merged.transactions, task);
  } catch (err) {
    // Stored failed with the counts it reached, as a single-machine run stopped by the gate is;
    // if even that fails, the gate is still the error to report (the coordinator fails the run).
    await store.failRun(task.runId, failureReason(err), now(), countsReached(err, merged.clients, merged.transactions))
      .catch((storeErr: unknown) => log.warn({ code: 'run_not_marked_failed', run: task.runId, cause: (storeErr as Error).message }, 'could not store the gated run as failed'));
    throw err;
  }
  const previous = await store.latestCompletedRun({ pipeline: task.pipeline, excluding: task.runId });
  const migration = previous === undefined ? undefined : {
    previousRunId: previous.id,
    // The previous run's bundle is looked for beside this run's copy of its model.
    document: migrationBetween(await store.migrationSubjects(previous.id), await ledger.subjectsOf(task.runId),
      await segmentIdBasis(bundleSegments(await readBundle(runModelDir(task.runDir, run.modelVersion))), previous.modelVersion)),
  };
  const drift = merged.drift === null ? undefined : await driftOfRun(task, run, merged.drift, merged.realised ?? null);
  const { clients: c, transactions: t } = merged;
  const completed = await store.completeRun(task.runId, {
    counts: {
      clientsRead: c.read, clientsAccepted: c.accepted, clientsRejected: c.rejected,
      transactionsRead: t.read, transactionsAccepted: t.accepted, transactionsRejected: t.rejected,
      scored: merged.scored,
    },
    durationMs: now().getTime() - Date.parse(run.startedAt),
    driftVerdict: drift?.verdict ?? null,
    drift: drift?.document,
    migration,
  }, now());
  await store.audit({ actor: task.actor, action: 'run_completed', runId: task.runId, details: { scored: completed.counts.scored, shards: task.shards } }, now());
  log.info({ run: task.runId, scored: completed.counts.scored, shards: task.shards }, 'distributed run completed and stored');
  return completed;
}

/**
 * The run's drift and realised accuracy from its merged counts: the same document a single
 * machine stores.
 */
async function driftOfRun(
  task: RunTask, { modelVersion, asOf }: RunRecord, counts: DriftCounts, realised: RealisedCounts | null,
): Promise<{ verdict: RunRecord['driftVerdict']; document: unknown } | undefined> {
  const bundle = await readBundle(runModelDir(task.runDir, modelVersion));
  const reference = parseDriftReference(bundle.json('drift-reference.json'));
  if (reference === undefined) return undefined;
  const drift = compareDrift(reference, counts);
  const accuracy = accuracyOfRun(bundle.manifest, realised);
  return { verdict: drift.verdict, document: JSON.parse(driftJson({ counts, drift, accuracy }, asOf, modelVersion)) as unknown };
}

/** The gate of one machine (ingest.ts), on the merged counts: skipped rows do not count. */
function checkGate(file: 'clients' | 'transactions', counts: RowCounts, task: RunTask): void {
  const gate = task.rejectGate ?? 0.05;
  const skipped = counts.skipped ?? 0;
  const checked = counts.read - skipped;
  if (checked === 0) return;
  const share = counts.rejected / checked;
  if (share <= gate) return;
  const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
  throw new PipelineError('reject_gate',
    `${file}: ${pct(share)} of rows rejected (${counts.rejected} of ${checked}${skipped > 0 ? `, ${skipped} skipped rows not counted` : ''}), above the ${pct(gate)} gate; `
      + `main reasons: ${topReasons(counts.byReason)}; see the rejects files in ${task.runDir}, fix the export or the mapping`,
    { file, read: counts.read, rejected: counts.rejected, skipped, share, gate, byReason: counts.byReason });
}
