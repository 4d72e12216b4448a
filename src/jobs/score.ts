import { initBackend } from '../classify/init-backend.js';
import { formatDay, type DayNumber } from '../core/days.js';
import type { FeatureMatrix } from '../core/feature-matrix.js';
import type { Logger } from '../core/logger.js';
import type { ClientTable } from '../core/records.js';
import { silentLogger } from '../core/logger.js';
import type { Progress } from '../core/progress.js';
import type { ClientProfile } from '../fuse/client-profile.js';
import { fuseProfile } from '../fuse/fuse-profile.js';
import { scoreSummary, type ScoreSummary } from '../fuse/score-summary.js';
import { writeScoresCsv } from '../fuse/write-scores-csv.js';
import type { Mapping } from '../ingest/mapping-schema.js';
import type { IngestResult } from '../ingest/ingest-options.js';
import { pickColumns } from '../segment/pick-columns.js';
import { buildFeatures } from './build-features.js';
import { loadModel, type LoadedModel } from './load-model.js';

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
}

export interface ScoreResult {
  readonly modelVersion: string;
  readonly modelDir: string;
  readonly riskClasses: readonly string[];
  readonly profiles: readonly ClientProfile[];
  readonly summary: ScoreSummary;
  readonly ingest: IngestResult;
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
    await initBackend('auto', log);
    const { matrix, ingest } = await buildFeatures({ ...options, log });
    const profiles = await scoreMatrix(model, matrix, ingest.clients, options.asOf);
    const asOf = formatDay(options.asOf);
    await writeScoresCsv(options.outPath, profiles, model.risk.classes, asOf, model.version);
    log.info({ clients: profiles.length, model: model.version }, 'scores written');
    return {
      modelVersion: model.version, modelDir: model.dir, riskClasses: model.risk.classes, profiles,
      summary: scoreSummary(profiles, model.risk.classes), ingest, segmentNames: segmentNamesOf(model),
    };
  } finally {
    model.dispose();
  }
}

/**
 * The model half of scoring, after features: segments, risk, needs and reasons, fused with the
 * rules into one profile per row of `matrix` (whose row i is client i of `clients`).
 */
export async function scoreMatrix(model: LoadedModel, matrix: FeatureMatrix, clients: ClientTable, asOf: DayNumber): Promise<ClientProfile[]> {
  const z = model.scaler.transform(matrix);
  const x = { names: matrix.names, rows: matrix.rows, cols: matrix.cols, values: z };
  const zb = pickColumns(z, matrix.rows, matrix.cols, model.segments.features.map((f) => matrix.names.indexOf(f)));
  const assignment = model.segments.assign(zb, matrix.rows);
  const riskProba = model.risk.predictProba(x);
  const riskClass = model.risk.classesFrom(riskProba);
  const riskReasons = model.risk.reasonCodes(x, 4, riskClass);
  const needProba = model.needs.predictProba(x);
  const needReasons = needsReasons(model, x, needProba);

  const c = model.risk.classes.length;
  const k = model.needs.needs.length;
  const pension = matrix.names.indexOf('pension_regularity');
  const profiles: ClientProfile[] = [];
  for (let i = 0; i < matrix.rows; i++) {
    const segmentId = assignment.ids[i]!;
    profiles.push(fuseProfile(clients, i, asOf, {
      segmentId,
      segmentName: model.segments.nameOf(segmentId).zh,
      riskClass: model.risk.classes[riskClass[i]!]!,
      riskProbabilities: Array.from(riskProba.subarray(i * c, (i + 1) * c)),
      needPropensities: Array.from(needProba.subarray(i * k, (i + 1) * k)),
      needThresholds: model.needThresholds,
      pensionRegularity: matrix.values[i * matrix.cols + pension]!,
      reasons: [...model.segments.reasons(zb, i, assignment).map((r) => r.code), ...riskReasons[i]!, ...(needReasons[i] ?? [])],
    }, model.rules));
  }
  return profiles;
}

export function segmentNamesOf(model: LoadedModel): Map<number, { zh: string; en: string }> {
  return new Map([...model.segments.ids].map((id) => [id, { zh: model.segments.nameOf(id).zh, en: model.segments.nameOf(id).en }]));
}

/** Reasons for each need a client is predicted to have: one forward pass per client. */
function needsReasons(model: LoadedModel, x: Parameters<typeof model.needs.predictProba>[0], proba: Float32Array): string[][] {
  const k = model.needs.needs.length;
  return model.needs.reasonCodesWhere(x, (i, j) => proba[i * k + j]! >= model.needThresholds[j]!, 4);
}
