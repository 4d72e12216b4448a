import { z } from 'zod';
import { PipelineError } from '../core/errors.js';
import type { FeatureMatrix } from '../core/feature-matrix.js';

export const SCALER_FORMAT = 'clientseg.scaler/1';

/** The scaler as stored in a model bundle. */
export const ScalerJSONSchema = z.strictObject({
  format: z.literal(SCALER_FORMAT),
  names: z.array(z.string().min(1)).min(1),
  means: z.array(z.number()),
  sds: z.array(z.number().positive()),
});
export type ScalerJSON = z.infer<typeof ScalerJSONSchema>;

/** A fitted standardiser: z = (x − mean) / sd over the named columns, in this order. */
export interface Scaler {
  readonly names: readonly string[];
  readonly means: Float64Array;
  /** Never 0: a column without spread gets sd 1, so its z is always 0. */
  readonly sds: Float64Array;
  /**
   * Row-major `rows × names.length` z-values, columns looked up by name in `matrix`.
   * A NaN (value that could not be computed) becomes 0, the training mean: k-means has no notion
   * of a missing value and the mean is the least informative place to put one.
   */
  transform(matrix: FeatureMatrix): Float64Array;
  toJSON(): ScalerJSON;
}

/**
 * Fits a standardiser on `columns` of `matrix` (default: all of them), ignoring NaN values.
 *
 * @example
 * const scaler = fitScaler(matrix, ['trades_per_month', 'holding_days']);
 * const z = scaler.transform(matrix); // Float64Array, rows × 2
 */
export function fitScaler(matrix: FeatureMatrix, columns?: readonly string[]): Scaler {
  const names = columns ?? matrix.names;
  if (names.length === 0) {
    throw new PipelineError('config_invalid', 'no columns to standardise; choose at least one feature for segmentation', {});
  }
  const idx = columnIndices(matrix, names, 'config_invalid');
  const cols = names.length;
  const means = new Float64Array(cols);
  const sds = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    const src = idx[j]!;
    // Two passes (mean, then squared deviations) rather than sum-of-squares, which cancels badly on money amounts.
    let n = 0;
    let sum = 0;
    for (let i = 0; i < matrix.rows; i++) {
      const v = matrix.values[i * matrix.cols + src]!;
      if (Number.isNaN(v)) continue;
      if (!Number.isFinite(v)) throw infinite(names[j]!, i);
      n++;
      sum += v;
    }
    const mean = n > 0 ? sum / n : 0;
    let ss = 0;
    for (let i = 0; i < matrix.rows; i++) {
      const v = matrix.values[i * matrix.cols + src]!;
      if (!Number.isNaN(v)) ss += (v - mean) * (v - mean);
    }
    const sd = n > 0 ? Math.sqrt(ss / n) : 0;
    means[j] = mean;
    sds[j] = sd > 1e-12 * Math.max(1, Math.abs(mean)) ? sd : 1;
  }
  return makeScaler([...names], means, sds);
}

/**
 * Rebuilds a scaler from its stored form, refusing anything malformed.
 *
 * @example
 * const again = scalerFromJSON(JSON.parse(JSON.stringify(scaler.toJSON())));
 */
export function scalerFromJSON(json: unknown): Scaler {
  const parsed = ScalerJSONSchema.safeParse(json);
  if (!parsed.success) {
    throw new PipelineError('model_incompatible', `the stored scaler is not valid: ${z.prettifyError(parsed.error)}; retrain the model`, { issues: parsed.error.issues });
  }
  const { names, means, sds } = parsed.data;
  if (means.length !== names.length || sds.length !== names.length) {
    throw new PipelineError('model_incompatible', `the stored scaler has ${names.length} names, ${means.length} means and ${sds.length} sds; retrain the model`, {});
  }
  return makeScaler(names, Float64Array.from(means), Float64Array.from(sds));
}

function makeScaler(names: readonly string[], means: Float64Array, sds: Float64Array): Scaler {
  return {
    names,
    means,
    sds,
    transform(matrix: FeatureMatrix): Float64Array {
      const idx = columnIndices(matrix, names, 'model_incompatible');
      const cols = names.length;
      const out = new Float64Array(matrix.rows * cols);
      for (let i = 0; i < matrix.rows; i++) {
        const base = i * matrix.cols;
        for (let j = 0; j < cols; j++) {
          const v = matrix.values[base + idx[j]!]!;
          if (Number.isNaN(v)) continue;
          if (!Number.isFinite(v)) throw infinite(names[j]!, i);
          out[i * cols + j] = (v - means[j]!) / sds[j]!;
        }
      }
      return out;
    },
    toJSON(): ScalerJSON {
      return { format: SCALER_FORMAT, names: [...names], means: Array.from(means), sds: Array.from(sds) };
    },
  };
}

function columnIndices(matrix: FeatureMatrix, names: readonly string[], code: 'config_invalid' | 'model_incompatible'): number[] {
  const where = new Map(matrix.names.map((n, i) => [n, i]));
  const missing = names.filter((n) => !where.has(n));
  if (missing.length > 0) {
    const hint = code === 'config_invalid'
      ? 'choose features that the feature matrix has'
      : 'build the features with the catalogue version the model was trained on';
    throw new PipelineError(code, `the feature matrix lacks ${missing.join(', ')}; ${hint}`, { missing });
  }
  return names.map((n) => where.get(n)!);
}

function infinite(name: string, row: number): PipelineError {
  return new PipelineError('input_invalid', `feature ${name} is infinite at row ${row}; fix the feature computation or the input amounts`, { feature: name, row });
}
