import { initBackend } from '../classify/init-backend.js';
import { formatDay, type DayNumber } from '../core/days.js';
import { PipelineError } from '../core/errors.js';
import type { FeatureMatrix } from '../core/feature-matrix.js';
import type { Logger } from '../core/logger.js';
import type { ClientTable } from '../core/records.js';
import { silentLogger } from '../core/logger.js';
import type { Progress } from '../core/progress.js';
import type { ClientProfile } from '../fuse/client-profile.js';
import { scoreSummaryOfColumns, type ScoreSummary } from '../fuse/score-summary.js';
import { profileAt, profilesOf, type ProfileVocabulary, type ScoredColumns } from '../fuse/scored-columns.js';
import { ScoresFile } from '../fuse/scores-file.js';
import { scoresHeader } from '../fuse/write-scores-csv.js';
import type { Mapping } from '../ingest/mapping-schema.js';
import type { IngestResult } from '../ingest/ingest-options.js';
import { buildFeatures } from './build-features.js';
import { loadModel, type LoadedModel } from './load-model.js';
import { checkDriftSettings, monitorRun, type RunDriftOptions, type RunMonitoring } from './monitor-run.js';
import type { DriftSettings } from '../monitor/drift-settings.js';
import type { PastRunCounts } from './choose-drift-reference.js';
import { writeLinesAtomically } from '../core/write-lines-atomically.js';
import { stableJson } from '../registry/stable-json.js';
import { scoreInChunks, type ChunkedScores, type ScoreThreadOptions } from './score-in-chunks.js';
import type { ProbabilityFormat } from '../fuse/probability-format.js';

export interface ScoreOptions {
  /** A bundle folder, a model folder (its champion) or `models/NAME@challenger`. */
  model: string;
  clientsPath: string;
  transactionsPath: string;
  mapping?: Mapping;
  /** Accounts file linking account_id to client_id (transactions then carry account_id); see docs/ingest.md. */
  accountsPath?: string;
  /** Reject rows with unmapped code values instead of only counting them; default false. */
  strictCodes?: boolean;
  asOf: DayNumber;
  /** scores.csv to write. */
  outPath: string;
  rejectsPath: string;
  rejectGate?: number;
  /** Default 90; transactions later than as-of + horizon are rejected. */
  horizonDays?: number;
  windowMonths?: number;
  /** drift.json to write (drift, migration, realised accuracy); not written when absent. */
  driftPath?: string;
  /** scores.csv of an earlier run: adds the migration of clients between the two runs. */
  previousScoresPath?: string;
  /** Refuse, before scoring, a model whose drift reference is too old to measure drift (for a drift gate). */
  requireDrift?: boolean;
  /** Per-feature bands and exclusions, and the reference (docs/data-science.md, "Drift settings"); default: the model's reference and the default bands. */
  driftSettings?: DriftSettings;
  /** Earlier runs' counts for a seasonal or pooled reference (`scoreIntoStore` reads them from the store). */
  driftHistory?: readonly PastRunCounts[];
  log?: Logger;
  progress?: Progress;
  /** Worker threads for the model half (default: every core). */
  threads?: ScoreThreadOptions;
  /** scores.csv probabilities: 4 decimals ('rounded', default) or every digit of the model's float32 ('full'). */
  probabilities?: ProbabilityFormat;
}

export interface ScoreResult {
  readonly modelVersion: string;
  readonly modelDir: string;
  readonly riskClasses: readonly string[];
  /** One profile per client, in input order (built when first read and then kept: a large run should use profileAt). */
  readonly profiles: readonly ClientProfile[];
  /** Client i's profile (input order), built on each call and kept by nobody. */
  profileAt(i: number): ClientProfile;
  /** The same profiles, column-wise (fuse/scored-columns.ts): what a large run should read. */
  readonly scored: ScoredColumns;
  readonly summary: ScoreSummary;
  readonly ingest: IngestResult;
  /** Drift, migration and realised accuracy; undefined when the model has no current drift reference. */
  readonly monitoring: RunMonitoring | undefined;
  /** zh-CN and en name of each behavioural segment id. */
  readonly segmentNames: ReadonlyMap<number, { readonly zh: string; readonly en: string }>;
}

/**
 * Scores a client base with a verified model: features, segments, risk and needs, fused with the
 * rules into one profile per client with reasons and flags, written to scores.csv.
 *
 * @example
 * const { summary } = await score({ model: 'models/sample', clientsPath, transactionsPath, asOf, outPath: 'out/scores.csv', rejectsPath: 'out/rejects.csv' });
 */
export async function score(options: ScoreOptions): Promise<ScoreResult> {
  const log = options.log ?? silentLogger();
  const model = await loadModel(options.model);
  try {
    if (options.requireDrift === true && model.driftReference === undefined) {
      throw new PipelineError('model_incompatible', `a drift gate needs drift, and the drift reference of ${model.dir} is of an older format: retrain the model`, { dir: model.dir });
    }
    checkDriftSettings(model, options.driftSettings);
    await initBackend('auto', log);
    const { matrix, ingest } = await buildFeatures({ ...options, log });
    const file = await ScoresFile.open(options.outPath, scoresHeader(model.riskClasses).join(','));
    let scored: ChunkedScores;
    let monitoring: RunMonitoring | undefined;
    try {
      scored = await scoreInChunks(model, matrix, ingest.clients, options.asOf, { ...options.threads, probabilities: options.probabilities, onLines: (lines) => file.write(lines) });
      // Measured before the scores are committed: a bad --previous file leaves no scores behind.
      monitoring = await monitorIfPossible(model, matrix, ingest.clients, scored.columns, options, log);
      await file.commit();
    } catch (err) {
      await file.abort();
      throw err;
    }
    log.info({ clients: scored.columns.rows, model: model.version, threads: scored.threads }, 'scores written');
    const asOf = formatDay(options.asOf);
    if (monitoring !== undefined && options.driftPath !== undefined) {
      await writeLinesAtomically(options.driftPath, [driftJson(monitoring, asOf, model.version).trimEnd()], 'drift file');
      log[monitoring.drift.verdict === 'ok' ? 'info' : 'warn']({ code: `drift_${monitoring.drift.verdict}`, verdict: monitoring.drift.verdict }, 'drift measured');
    }
    const vocabulary = profileVocabulary(model, scored);
    let profiles: ClientProfile[] | undefined;
    return {
      modelVersion: model.version, modelDir: model.dir, riskClasses: model.riskClasses,
      // Built on first use: a million profile objects cost more than scoring them did.
      get profiles(): readonly ClientProfile[] { return (profiles ??= profilesOf(scored.columns, ingest.clients, vocabulary)); },
      profileAt: (i) => profiles?.[i] ?? profileAt(scored.columns, i, ingest.clients, 0, vocabulary),
      scored: scored.columns,
      summary: scoreSummaryOfColumns(scored.columns, model.riskClasses, vocabulary.segmentName, (id) => model.segments.isReliable(id)), ingest, monitoring,
      segmentNames: segmentNamesOf(model),
    };
  } finally {
    model.dispose();
  }
}

async function monitorIfPossible(model: LoadedModel, matrix: FeatureMatrix, clients: ClientTable, scored: ScoredColumns, options: ScoreOptions, log: Logger): Promise<RunMonitoring | undefined> {
  const reference = model.driftReference;
  if (reference === undefined) {
    log.warn({ code: 'drift_reference_outdated' }, 'the model\'s drift reference is of an older format: no drift is measured; retrain the model to monitor it');
    return undefined;
  }
  const driftOptions: RunDriftOptions = { settings: options.driftSettings, history: options.driftHistory };
  const monitoring = await monitorRun({ ...model, driftReference: reference }, matrix, clients, scored, options.asOf, options.previousScoresPath, driftOptions);
  const fallback = monitoring.drift.reference?.fallback;
  if (fallback !== undefined) log.warn({ code: 'drift_reference_fallback', reason: fallback }, 'drift measured against the model\'s training reference instead');
  return monitoring;
}

/**
 * drift.json: the verdict first for people reading it, then everything in stable key order,
 * with this run's counts so that runs and shards can be merged later.
 */
export function driftJson(m: RunMonitoring, asOf: string, modelVersion: string): string {
  const { verdict, ...rest } = m.drift;
  const body = stableJson({ ...rest, asOf, modelVersion, migration: m.migration, accuracy: m.accuracy, counts: m.counts });
  return `{\n  "verdict": ${JSON.stringify(verdict)},${body.slice(1)}`;
}

/**
 * The model half of scoring, after features: segments, risk and needs and reasons, fused with the
 * rules into one profile per row of `matrix` (whose row i is client i of `clients`). Large
 * matrices are scored on worker threads too (`threads`); the profiles are the same.
 */
export async function scoreMatrix(model: LoadedModel, matrix: FeatureMatrix, clients: ClientTable, asOf: DayNumber, threads?: ScoreThreadOptions): Promise<ClientProfile[]> {
  const scored = await scoreInChunks(model, matrix, clients, asOf, threads);
  return profilesOf(scored.columns, clients, profileVocabulary(model, scored));
}

/** What turns a run's scored columns back into profiles. */
export function profileVocabulary(model: LoadedModel, scored: ChunkedScores): ProfileVocabulary {
  return { riskClasses: model.riskClasses, segmentName: (id) => model.segments.nameOf(id).zh, reasons: scored.vocabulary.codes };
}

/** zh-CN and en name of each behavioural segment id, for stores and pages. */
export function segmentNamesOf(model: LoadedModel): Map<number, { zh: string; en: string }> {
  return new Map([...model.segments.ids].map((id) => [id, { zh: model.segments.nameOf(id).zh, en: model.segments.nameOf(id).en }]));
}
