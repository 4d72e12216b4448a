import { PipelineError } from '../core/errors.js';
import type { FeatureMatrix } from '../core/feature-matrix.js';
import { pickColumns } from '../segment/pick-columns.js';
import type { LoadedModel } from './load-model.js';

/** Raw feature values (before the scaler) by name: a FeatureMatrix, or one plain object per row. */
export type PredictInput = FeatureColumns | readonly FeatureRecord[];
/** A matrix of raw features: row i, column j is `values[i * cols + j]`, columns named by `names`. */
export type FeatureColumns = Pick<FeatureMatrix, 'names' | 'rows' | 'cols' | 'values'>;
/** One row as a plain object, feature name → value (null or absent: missing). */
export type FeatureRecord = Readonly<Record<string, number | null | undefined>>;

/** What the model says of each row, column-wise; row i of every array is input row i. */
export interface Predictions {
  readonly rows: number;
  /** The behavioural segment id of each row. */
  readonly segment: Int32Array;
  /** The risk model's classes; empty when the bundle has no risk model. */
  readonly riskClasses: readonly string[];
  /** Calibrated class probabilities, rows × riskClasses.length, row-major: exactly scores.csv's p_<class> before rounding. */
  readonly riskProba: Float32Array;
  /** The predicted class of each row (an index into riskClasses), as scoring decides it. */
  readonly riskClass: Int32Array;
  /** The needs model's needs; empty when the bundle has no needs model. */
  readonly needs: readonly string[];
  /** Calibrated propensities, rows × needs.length, row-major: scores.csv's need_<need>. */
  readonly needProba: Float32Array;
}

/** Rows per tfjs batch: large batches are far faster than small ones, and this bounds the tensors' memory. */
const CHUNK_ROWS = 8192;

/**
 * The model half of scoring, in memory: scaler, segments, risk and needs probabilities for raw
 * feature rows (as `clientseg features` writes them, or `buildFeatures` returns them). Columns are
 * matched by name, extra ones ignored; a missing value (NaN, null, absent) is read as the training
 * mean, as scoring reads a feature that could not be computed. Reasons, tiers and rules are not
 * computed: use `score` for whole profiles.
 *
 * @example
 * const model = await loadModel('models/sample');
 * const { riskClasses, riskProba } = model.predict([{ recency_days: 3, txn_per_month: 12, ... }]);
 */
export function predictRows(model: LoadedModel, input: PredictInput): Predictions {
  const names = model.scaler.names;
  const matrix = isRecords(input) ? matrixOf(input, names) : checkMatrix(input, names);
  const rows = matrix.rows;
  const z = model.scaler.transform({ ...matrix, clientIds: [] });
  const cols = names.length;
  const segmentColumns = model.segments.features.map((f) => names.indexOf(f));
  const segment = model.segments.assign(pickColumns(z, rows, cols, segmentColumns), rows).ids;
  const classes = model.riskClasses.length;
  const needs = model.needs?.needs ?? [];
  const riskProba = new Float32Array(rows * classes);
  const needProba = new Float32Array(rows * needs.length);
  for (let from = 0; from < rows; from += CHUNK_ROWS) {
    const to = Math.min(rows, from + CHUNK_ROWS);
    const x = { names, rows: to - from, cols, values: z.subarray(from * cols, to * cols) };
    if (model.risk !== undefined) riskProba.set(model.risk.predictProba(x), from * classes);
    if (model.needs !== undefined) needProba.set(model.needs.predictProba(x), from * needs.length);
  }
  return {
    rows, segment: Int32Array.from(segment), riskClasses: model.riskClasses, riskProba,
    riskClass: model.risk === undefined ? new Int32Array(0) : model.risk.classesFrom(riskProba),
    needs: [...needs], needProba,
  };
}

function isRecords(input: PredictInput): input is readonly FeatureRecord[] {
  return Array.isArray(input);
}

function checkMatrix(m: FeatureColumns, names: readonly string[]): FeatureColumns {
  if (m.cols !== m.names.length || m.values.length !== m.rows * m.cols) {
    throw new PipelineError('input_invalid', `the feature rows do not add up (${m.rows} rows × ${m.cols} columns, ${m.names.length} names, ${m.values.length} values)`);
  }
  const missing = names.filter((n) => !m.names.includes(n));
  if (missing.length > 0) throw missingFeatures(missing);
  return m;
}

/** Plain objects to a matrix in the model's column order; a feature no row has is refused as a likely misspelling. */
function matrixOf(records: readonly FeatureRecord[], names: readonly string[]): FeatureColumns {
  const values = new Float64Array(records.length * names.length).fill(Number.NaN);
  const seen = new Uint8Array(names.length);
  records.forEach((record, i) => {
    names.forEach((name, j) => {
      const v = record[name];
      if (v === undefined || v === null) return;
      if (typeof v !== 'number') {
        throw new PipelineError('input_invalid', `row ${i}: feature ${name} is ${JSON.stringify(v)}, not a number`, { row: i, feature: name });
      }
      values[i * names.length + j] = v;
      seen[j] = 1;
    });
  });
  const missing = names.filter((_, j) => seen[j] === 0);
  if (records.length > 0 && missing.length > 0) throw missingFeatures(missing);
  return { names, rows: records.length, cols: names.length, values };
}

function missingFeatures(missing: readonly string[]): PipelineError {
  return new PipelineError('input_invalid', `no row has the feature${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; pass every feature the model was trained on (manifest.features)`, { missing });
}
