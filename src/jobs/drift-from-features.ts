import { initBackend } from '../classify/init-backend.js';
import { PipelineError } from '../core/errors.js';
import { readFeaturesCsv } from '../ingest/read-features-csv.js';
import { compareDrift, type DriftReport } from '../monitor/compare-drift.js';
import { countDrift, type DriftCounts } from '../monitor/drift-counts.js';
import { pickColumns } from '../segment/pick-columns.js';
import type { RowCounts } from '../core/records.js';
import type { DriftSettings } from '../monitor/drift-settings.js';
import { loadModel } from './load-model.js';
import { checkDriftSettings } from './monitor-run.js';

export interface DriftFromFeaturesOptions {
  /** A bundle folder, a model folder (its champion) or `models/NAME@challenger`. */
  model: string;
  /** A features.csv from `clientseg features`. */
  featuresPath: string;
  rejectsPath: string;
  /** Bands and exclusions (docs/data-science.md, "Drift settings"); the reference is always the model's here. */
  settings?: DriftSettings;
}

export interface DriftFromFeaturesResult {
  readonly modelVersion: string;
  readonly rows: RowCounts;
  readonly counts: DriftCounts;
  readonly drift: DriftReport;
}

/**
 * Drift of a feature table against a model's reference, without scoring to scores.csv: feature
 * drift, and the shares of the segments, risk classes and needs the model predicts for it. The
 * categorical client columns (tier, life-cycle, marital status, declared risk) need the client
 * records, so only `score` measures them.
 *
 * @example
 * const { drift } = await driftFromFeatures({ model: 'models/sample', featuresPath: 'out/features.csv', rejectsPath: 'out/rejects.csv' });
 */
export async function driftFromFeatures(options: DriftFromFeaturesOptions): Promise<DriftFromFeaturesResult> {
  const model = await loadModel(options.model);
  try {
    const reference = model.driftReference;
    if (reference === undefined) {
      throw new PipelineError('model_incompatible', `the drift reference of ${model.dir} is of an older format; retrain the model to measure drift against it`, { dir: model.dir });
    }
    checkDriftSettings(model, options.settings);
    const { matrix, counts: rows } = await readFeaturesCsv(options.featuresPath, model.manifest.features, options.rejectsPath);
    await initBackend('auto');
    const z = model.scaler.transform(matrix);
    const x = { names: matrix.names, rows: matrix.rows, cols: matrix.cols, values: z };
    const zb = pickColumns(z, matrix.rows, matrix.cols, model.segments.features.map((f) => matrix.names.indexOf(f)));
    const segmentIds = model.segments.assign(zb, matrix.rows).ids;
    // A model trained without labels has no risk or needs mix to compare: both stay empty.
    const riskClass = model.risk === undefined ? new Int32Array(0) : model.risk.classesFrom(model.risk.predictProba(x));
    const proba = model.needs?.predictProba(x) ?? new Float32Array(0);
    const needNames = model.needs?.needs ?? [];
    const needs = Uint8Array.from(proba, (p, i) => (p >= model.needThresholds[i % needNames.length]! ? 1 : 0));
    const counts = countDrift(matrix, reference.features, {}, {
      segmentIds: Int32Array.from(segmentIds), riskClass: Int32Array.from(riskClass), riskClasses: model.riskClasses, needs, needNames,
    });
    return { modelVersion: model.version, rows, counts, drift: compareDrift(reference, counts, options.settings) };
  } finally {
    model.dispose();
  }
}
