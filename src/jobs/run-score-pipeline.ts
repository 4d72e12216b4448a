import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { checkOutputPaths } from '../core/check-output-paths.js';
import { formatDay } from '../core/days.js';
import { isPipelineError, PipelineError } from '../core/errors.js';
import { silentLogger, type Logger } from '../core/logger.js';
import type { Progress } from '../core/progress.js';
import type { Migration } from '../monitor/migration-matrix.js';
import { ingestCountsOf } from '../ingest/ingest-counts.js';
import { pipelineIngestExtras, pipelineMapping } from '../pipeline/pipeline-mapping.js';
import type { ScorePipeline } from '../pipeline/pipeline-schema.js';
import { resolveAsOf } from '../pipeline/resolve-as-of.js';
import { writeTextAtomically } from '../core/write-lines-atomically.js';
import { stableJson } from '../registry/stable-json.js';
import { renderScoreReport, type ScoreReportInput } from '../report/score-report-html.js';
import { openAdvisorStore } from '../store/open-advisor-store.js';
import type { OverrideStore } from '../store/override-store.js';
import type { DriftVerdict } from '../monitor/drift-verdict.js';
import { mergeDriftSettings, type DriftSettings } from '../monitor/drift-settings.js';
import type { RunRecord } from '../store/store.js';
import { driftGateFails } from './drift-of-score.js';
import { scoreIntoStore } from './score-into-store.js';

export interface PipelineRunOptions {
  /** Overrides the pipeline's store URL (`clientseg run --store`). */
  readonly store?: string;
  readonly log?: Logger;
  readonly progress?: Progress;
  /** Default: the wall clock; decides `today` in the as-of rule. */
  readonly now?: () => Date;
  /** Who started the run, for the audit log; default 'scheduler'. */
  readonly actor?: string;
  /** Drift settings laid over the pipeline's `drift` block (`clientseg run --drift-*`). */
  readonly driftSettings?: DriftSettings;
}

export interface ScorePipelineResult {
  readonly kind: 'score';
  readonly run: RunRecord;
  readonly outcome: 'completed' | 'already_completed';
  readonly storeLocation: string;
  readonly outputDir: string;
  readonly migration?: { readonly previousRunId: string; readonly matrix: Migration };
  readonly driftGate: { readonly failOn: DriftVerdict | 'never'; readonly verdict: DriftVerdict | null; readonly failed: boolean };
  /** Runs deleted by retention. */
  readonly pruned: readonly string[];
}

/**
 * The nightly job: ingest, score, store the run atomically (once per run key), migration against
 * the previous stored run, the drift gate, retention, and a run report (run-report.json and
 * report.html in the output folder) with the advisors' override rates on the previous run. A run
 * already stored is not scored again.
 *
 * @example
 * const result = await runScorePipeline(await loadPipeline('pipelines/nightly-score.json'));
 */
export async function runScorePipeline(pipeline: ScorePipeline, options: PipelineRunOptions = {}): Promise<ScorePipelineResult> {
  const log = options.log ?? silentLogger();
  const now = options.now ?? (() => new Date());
  const asOf = resolveAsOf(pipeline.asOf, now());
  const outputDir = pipeline.output ?? path.join('out', pipeline.name);
  const mapping = await pipelineMapping(pipeline.inputs, pipeline.name);
  checkOutputPaths(
    [{ label: 'inputs.clients', path: pipeline.inputs.clients.path }, { label: 'inputs.transactions', path: pipeline.inputs.transactions.path }],
    ['scores.csv', 'rejects.csv', 'drift.json', 'report.html', 'run-report.json'].map((name) => ({ label: `the pipeline output ${name}`, path: path.join(outputDir, name) })),
  );
  // The advisor tables share the store: the report shows how often advisors corrected the last run.
  const advisor = await openAdvisorStore(options.store ?? pipeline.store.url);
  const store = advisor.results;
  try {
    const stored = await scoreIntoStore({
      store, pipeline: pipeline.name, batchSize: pipeline.store.batchSize, skipWhenStored: true, actor: options.actor ?? 'scheduler', now,
      model: `${pipeline.model.name}@${pipeline.model.alias}`,
      clientsPath: pipeline.inputs.clients.path, transactionsPath: pipeline.inputs.transactions.path, mapping, asOf,
      ...pipelineIngestExtras(pipeline.inputs),
      outPath: path.join(outputDir, 'scores.csv'), rejectsPath: path.join(outputDir, 'rejects.csv'), driftPath: path.join(outputDir, 'drift.json'),
      rejectGate: pipeline.inputs.rejectGate, windowMonths: pipeline.inputs.windowMonths, horizonDays: pipeline.inputs.horizonDays,
      driftSettings: mergeDriftSettings(pipeline.drift, options.driftSettings),
      log, progress: options.progress,
    });
    // Before retention, which may delete the previous run and its scores.
    const overrides = stored.score === undefined || stored.migration === undefined
      ? undefined : await overridesOf(advisor.overrides, stored.migration.previousRunId, (await store.getRun(stored.migration.previousRunId))?.asOf);
    const pruned = pipeline.retention === undefined ? [] : await store.prune(pipeline.name, pipeline.retention.keepRuns);
    if (pruned.length > 0) log.info({ pruned: pruned.length }, 'retention: old runs deleted');
    const verdict = stored.run.driftVerdict;
    const result: ScorePipelineResult = {
      kind: 'score', run: stored.run, outcome: stored.outcome, storeLocation: store.location, outputDir, migration: stored.migration,
      driftGate: { failOn: pipeline.driftGate.failOn, verdict, failed: driftGateFails(verdict ?? undefined, pipeline.driftGate.failOn) },
      pruned,
    };
    if (stored.score !== undefined) {
      await mkdir(outputDir, { recursive: true });
      const previous = stored.migration === undefined ? undefined : await store.getRun(stored.migration.previousRunId);
      const monitoring = stored.score.monitoring === undefined ? undefined : {
        ...stored.score.monitoring,
        // The report shows the migration against the previous stored run of this pipeline.
        migration: stored.migration === undefined ? undefined : { ...stored.migration.matrix, previous: { asOf: previous?.asOf, modelVersion: previous?.modelVersion } },
      };
      try {
        await writeTextAtomically(path.join(outputDir, 'report.html'), renderScoreReport({ asOf: formatDay(asOf), modelVersion: stored.run.modelVersion, summary: stored.score.summary, monitoring, overrides, ingest: ingestCountsOf(stored.score.ingest) }), 'report');
        await writeTextAtomically(path.join(outputDir, 'run-report.json'), stableJson({
          pipeline: pipeline.name, run: stored.run, store: store.location, summary: stored.score.summary, ingest: ingestCountsOf(stored.score.ingest),
          migration: stored.migration ?? null, drift: stored.drift?.document ?? null, driftGate: result.driftGate, pruned, overrides: overrides ?? null,
        }), 'run report');
      } catch (err) {
        // The run is stored and complete: say so, and fail with the output code (docs/decisions.md).
        if (!isPipelineError(err)) throw err;
        throw new PipelineError(err.code, `${err.message}. Run ${stored.run.id} itself is stored and complete; run the pipeline again once the reports can be written (the store gets nothing new)`, err.details, { cause: err });
      }
    }
    return result;
  } finally {
    await advisor.close();
  }
}

/** The override rates per segment of a run, or undefined when no advisor corrected any of its profiles. */
async function overridesOf(overrides: OverrideStore, runId: string, asOf: string | undefined): Promise<ScoreReportInput['overrides']> {
  const rates = await overrides.ratePerSegment(runId);
  return rates.some((r) => r.overridden > 0) ? { runId, asOf: asOf ?? '', rates } : undefined;
}
