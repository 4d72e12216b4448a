import { PipelineError } from '../core/errors.js';

/**
 * Standardised feature rows, row-major: row i, column j is `values[i * cols + j]`. A core
 * `FeatureMatrix` after the scaler fits this shape. NaN is read as 0, the standardised mean.
 */
export interface FeatureRows {
  readonly names: readonly string[];
  readonly rows: number;
  readonly cols: number;
  readonly values: Float32Array | Float64Array;
}

/** Throws input_invalid when the shape does not add up, model_incompatible when names differ. */
export function checkRows(x: FeatureRows, expectedNames?: readonly string[]): void {
  if (x.cols !== x.names.length || x.values.length !== x.rows * x.cols) {
    throw new PipelineError('input_invalid',
      `feature rows do not add up (${x.rows} rows × ${x.cols} columns, ${x.names.length} names, ${x.values.length} values); rebuild the features`,
      { rows: x.rows, cols: x.cols, names: x.names.length, values: x.values.length });
  }
  if (expectedNames && (expectedNames.length !== x.names.length || expectedNames.some((n, i) => n !== x.names[i]))) {
    throw new PipelineError('model_incompatible',
      'the features do not match the ones the model was trained on; rebuild them with the model\'s feature catalogue or retrain',
      { expected: expectedNames, got: x.names });
  }
}

/** Rows `from`..`to` (or the listed rows) as float32, non-finite values replaced by 0. */
export function rowsToFloat32(x: FeatureRows, from: number, to: number, index?: Uint32Array): Float32Array {
  const d = x.cols;
  const out = new Float32Array((to - from) * d);
  for (let r = from; r < to; r++) {
    const src = (index ? index[r]! : r) * d;
    const dst = (r - from) * d;
    for (let j = 0; j < d; j++) {
      const v = x.values[src + j]!;
      out[dst + j] = Number.isFinite(v) ? v : 0;
    }
  }
  return out;
}

/** How many values are NaN or infinite (they are read as 0). */
export function countNonFinite(x: FeatureRows): number {
  let n = 0;
  for (let i = 0; i < x.values.length; i++) if (!Number.isFinite(x.values[i]!)) n++;
  return n;
}
