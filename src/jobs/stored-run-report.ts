import { scoreSummaryOfRows } from '../fuse/score-summary.js';
import type { DriftReport } from '../monitor/compare-drift.js';
import type { Migration } from '../monitor/migration-matrix.js';
import { renderScoreReport, type ScoreReportInput } from '../report/score-report-html.js';
import type { Store } from '../store/store.js';

/**
 * The score report of a completed run, read back from the store: the same summary, drift and
 * migration sections a single machine writes when it scores, for runs scored elsewhere (shards).
 *
 * @example
 * await writeFile('report.html', await storedRunReport(store, run.id));
 */
export async function storedRunReport(store: Store, runId: string): Promise<string> {
  const input = await storedRunReportInput(store, runId);
  return renderScoreReport(input);
}

export async function storedRunReportInput(store: Store, runId: string): Promise<ScoreReportInput> {
  const run = await store.getRun(runId);
  if (run === undefined || run.status !== 'completed') throw new RangeError(`run ${runId} is not a completed run of ${store.location}`);
  const summary = await scoreSummaryOfRows(store.iterateScores(runId), run.riskClasses);
  // The stored drift document is drift.json: the drift report with the run's counts beside it.
  const drift = (await store.driftOf(runId)) as (DriftReport & { readonly accuracy?: NonNullable<ScoreReportInput['monitoring']>['accuracy'] }) | null | undefined;
  const stored = await store.migrationOf(runId);
  const previous = stored === undefined ? undefined : await store.getRun(stored.previousRunId);
  const migration = stored === undefined ? undefined : { ...(stored.document as Migration), previous: { asOf: previous?.asOf, modelVersion: previous?.modelVersion } };
  return {
    asOf: run.asOf, modelVersion: run.modelVersion, summary,
    monitoring: drift === null || drift === undefined || drift.features === undefined ? undefined : { drift, migration, accuracy: drift.accuracy },
  };
}
