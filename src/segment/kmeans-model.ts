import { z } from 'zod';
import { PipelineError } from '../core/errors.js';
import { assignToCentroids, distancesToCentroids } from './assign-to-centroids.js';

export const KMEANS_FORMAT = 'clientseg.kmeans/1';

/** Centroids as stored in a model bundle (in the scaler's z-space, row-major). */
export const KMeansModelJSONSchema = z.strictObject({
  format: z.literal(KMEANS_FORMAT),
  k: z.int().min(1),
  cols: z.int().min(1),
  centroids: z.array(z.number()),
  inertia: z.number().nonnegative(),
  iterations: z.int().nonnegative(),
});
export type KMeansModelJSON = z.infer<typeof KMeansModelJSONSchema>;

/** Fitted k-means centroids; assigns new rows (already standardised) to the nearest one. */
export interface KMeansModel {
  readonly k: number;
  readonly cols: number;
  /** Row-major `k × cols`. */
  readonly centroids: Float64Array;
  /** Sum of squared distances of the training rows to their centroid. */
  readonly inertia: number;
  /** Lloyd iterations of the kept restart. */
  readonly iterations: number;
  /** Nearest centroid per row of a row-major `rows × cols` matrix; fills `out` when given. */
  assign(data: Float64Array, rows: number, out?: Int32Array): Int32Array;
  /** Squared distances to every centroid, row-major `rows × k`; fills `out` when given. */
  distances(data: Float64Array, rows: number, out?: Float64Array): Float64Array;
  toJSON(): KMeansModelJSON;
}

/**
 * Wraps centroids as a model. Takes ownership of `centroids` (does not copy).
 *
 * @example
 * const model = kmeansModel(Float64Array.of(0, 0, 5, 5), 2, 2, 0, 0);
 * model.assign(Float64Array.of(4, 6), 1); // Int32Array [1]
 */
export function kmeansModel(centroids: Float64Array, k: number, cols: number, inertia: number, iterations: number): KMeansModel {
  return {
    k,
    cols,
    centroids,
    inertia,
    iterations,
    assign(data, rows, out) {
      checkMatrix(data, rows, cols);
      if (out && out.length < rows) throw bufferTooSmall(out.length, rows);
      return assignToCentroids(data, rows, cols, centroids, k, out);
    },
    distances(data, rows, out) {
      checkMatrix(data, rows, cols);
      if (out && out.length < rows * k) throw bufferTooSmall(out.length, rows * k);
      return distancesToCentroids(data, rows, cols, centroids, k, out);
    },
    toJSON() {
      return { format: KMEANS_FORMAT, k, cols, centroids: Array.from(centroids), inertia, iterations };
    },
  };
}

/**
 * Rebuilds a model from its stored form, refusing anything malformed.
 *
 * @example
 * const model = kmeansModelFromJSON(JSON.parse(text));
 */
export function kmeansModelFromJSON(json: unknown): KMeansModel {
  const parsed = KMeansModelJSONSchema.safeParse(json);
  if (!parsed.success) {
    throw new PipelineError('model_incompatible', `the stored centroids are not valid: ${z.prettifyError(parsed.error)}; retrain the model`, { issues: parsed.error.issues });
  }
  const { k, cols, centroids, inertia, iterations } = parsed.data;
  if (centroids.length !== k * cols) {
    throw new PipelineError('model_incompatible', `the stored centroids hold ${centroids.length} values, not k × cols = ${k} × ${cols}; retrain the model`, { k, cols, length: centroids.length });
  }
  return kmeansModel(Float64Array.from(centroids), k, cols, inertia, iterations);
}

/** Throws `input_invalid` unless `data` is a finite row-major `rows × cols` matrix. */
export function checkMatrix(data: Float64Array, rows: number, cols: number): void {
  if (!Number.isInteger(rows) || rows < 0 || data.length !== rows * cols) {
    throw new PipelineError('input_invalid', `data has ${data.length} values, not rows × cols = ${rows} × ${cols}; standardise with the model's scaler first`, { length: data.length, rows, cols });
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]!)) {
      const row = Math.floor(i / cols);
      throw new PipelineError('input_invalid', `row ${row} has a missing or infinite value; standardise with the scaler, which fills missing values`, { row, column: i % cols });
    }
  }
}

function bufferTooSmall(length: number, needed: number): PipelineError {
  return new PipelineError('input_invalid', `the output buffer holds ${length} values but ${needed} are needed; pass a larger buffer or none`, { length, needed });
}
