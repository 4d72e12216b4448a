import { initBackend } from '../classify/init-backend.js';
import type { DayNumber } from '../core/days.js';
import type { FeatureMatrix } from '../core/feature-matrix.js';
import type { Logger } from '../core/logger.js';
import type { ClientTable } from '../core/records.js';
import { silentLogger } from '../core/logger.js';
import type { Progress } from '../core/progress.js';
import type { ClientProfile } from '../fuse/client-profile.js';
import { scoreSummaryOfColumns, type ScoreSummary } from '../fuse/score-summary.js';
import { profilesOf, type ProfileVocabulary, type ScoredColumns } from '../fuse/scored-columns.js';
import { ScoresFile } from '../fuse/scores-file.js';
import { scoresHeader } from '../fuse/write-scores-csv.js';
import type { Mapping } from '../ingest/mapping-schema.js';
import type { IngestResult } from '../ingest/ingest-options.js';
import { buildFeatures } from './build-features.js';
import { loadModel, type LoadedModel } from './load-model.js';
import { scoreInChunks, type ChunkedScores, type ScoreThreadOptions } from './score-in-chunks.js';

export interface ScoreOptions {
  /** A bundle folder, a model folder (its champion) or `models/NAME@challenger`. */
  model: string;
  clientsPath: string;
  transactionsPath: string;
  mapping?: Mapping;
  asOf: DayNumber;
  /** scores.csv to write. */
  outPath: string;
  rejectsPath: string;
  rejectGate?: number;
  /** Default 90; transactions later than as-of + horizon are rejected. */
  horizonDays?: number;
  windowMonths?: number;
  log?: Logger;
  progress?: Progress;
  /** Worker threads for the model half (default: every core). */
  threads?: ScoreThreadOptions;
}

export interface ScoreResult {
  readonly modelVersion: string;
  readonly modelDir: string;
  readonly riskClasses: readonly string[];
  /** One profile per client, in input order (built when first read). */
  readonly profiles: readonly ClientProfile[];
  /** The same profiles, column-wise (fuse/scored-columns.ts): what a large run should read. */
  readonly scored: ScoredColumns;
  readonly summary: ScoreSummary;
  readonly ingest: IngestResult;
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
    await initBackend('auto', log);
    const { matrix, ingest } = await buildFeatures({ ...options, log });
    const file = await ScoresFile.open(options.outPath, scoresHeader(model.risk.classes).join(','));
    let scored: ChunkedScores;
    try {
      scored = await scoreInChunks(model, matrix, ingest.clients, options.asOf, { ...options.threads, onLines: (lines) => file.write(lines) });
      await file.commit();
    } catch (err) {
      await file.abort();
      throw err;
    }
    log.info({ clients: scored.columns.rows, model: model.version, threads: scored.threads }, 'scores written');
    const vocabulary = profileVocabulary(model, scored);
    let profiles: ClientProfile[] | undefined;
    return {
      modelVersion: model.version, modelDir: model.dir, riskClasses: model.risk.classes,
      // Built on first use: a million profile objects cost more than scoring them did.
      get profiles(): readonly ClientProfile[] { return (profiles ??= profilesOf(scored.columns, ingest.clients, vocabulary)); },
      scored: scored.columns,
      summary: scoreSummaryOfColumns(scored.columns, model.risk.classes, vocabulary.segmentName), ingest,
    };
  } finally {
    model.dispose();
  }
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

function profileVocabulary(model: LoadedModel, scored: ChunkedScores): ProfileVocabulary {
  return { riskClasses: model.risk.classes, segmentName: (id) => model.segments.nameOf(id).zh, reasons: scored.vocabulary.codes };
}
