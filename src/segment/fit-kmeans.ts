import { kmeans } from 'ml-kmeans';
import { z } from 'zod';
import { PipelineError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Rng } from '../core/rng.js';
import { assignToCentroids } from './assign-to-centroids.js';
import { kmeansPlusPlus } from './kmeans-plus-plus.js';
import { checkMatrix, kmeansModel, type KMeansModel } from './kmeans-model.js';

export const KMeansParamsSchema = z.strictObject({
  /** Number of clusters; required, 1 ≤ k ≤ rows. */
  k: z.int().min(1),
  /** Independent k-means++ starts; the lowest inertia wins. Default 5. */
  restarts: z.int().min(1).max(100).default(5),
  /** Lloyd iterations per start. Default 100 (ml-kmeans' default). */
  maxIterations: z.int().min(1).max(10_000).default(100),
  /**
   * Stop when no centroid moves more than this squared distance (ml-kmeans' rule). Default 1e-4:
   * on standardised data that is scikit-learn's default, and ml-kmeans' own 1e-6 costs up to twice
   * the iterations for a change in inertia below 0.01%.
   */
  tolerance: z.number().nonnegative().default(1e-4),
});
/** k-means hyperparameters; see `KMeansParamsSchema` for each default. */
export type KMeansParams = z.input<typeof KMeansParamsSchema>;

/** Past this many rows, restarts run on a seeded sample of this many (see fitKMeans). */
export const SEED_SAMPLE_ROWS = 10_000;

/** A fit: the model plus what it learned about the training rows. */
export interface KMeansFit extends KMeansModel {
  /** Nearest final centroid for each training row. */
  readonly labels: Int32Array;
  /** Training rows per cluster. */
  readonly sizes: Int32Array;
  /**
   * Inertia of every restart, in order; the model is the lowest one (first on a tie). Past
   * SEED_SAMPLE_ROWS rows these are the inertias on the seed sample.
   */
  readonly restartInertias: readonly number[];
}

/**
 * k-means on standardised rows: seeded k-means++ starts on the flat array, ml-kmeans' Lloyd loop,
 * `restarts` times from forks of `rng`, keeping the lowest inertia. Same data, params and seed give
 * identical centroids. Past SEED_SAMPLE_ROWS rows the restarts run on a seeded sample of that many
 * rows and the best one's centroids start one Lloyd loop on all rows: a small far-off group (0.8% of
 * clients) is then seeded about as often, at a fifth of the cost per restart at 50,000 rows. With `start`, one Lloyd loop runs from those centroids (a warm start, e.g.
 * after reweighting the columns). An empty cluster is logged at warn (code `empty_cluster`), not thrown.
 *
 * @example
 * const fit = fitKMeans(z, rows, cols, { k: 6 }, ctx.rng.fork('kmeans'), ctx.log);
 * fit.labels; // Int32Array of cluster indices, one per row
 */
export function fitKMeans(
  data: Float64Array,
  rows: number,
  cols: number,
  params: KMeansParams,
  rng: Rng,
  log?: Logger,
  /** Row-major k × cols centroids to run one Lloyd loop from, instead of `restarts` k-means++ starts. */
  start?: Float64Array,
): KMeansFit {
  const parsed = KMeansParamsSchema.safeParse(params);
  if (!parsed.success) {
    throw new PipelineError('config_invalid', `k-means parameters are invalid: ${z.prettifyError(parsed.error)}`, { issues: parsed.error.issues });
  }
  const { k, restarts, maxIterations, tolerance } = parsed.data;
  if (!Number.isInteger(cols) || cols < 1) {
    throw new PipelineError('input_invalid', `cols must be a positive integer, got ${cols}; pass the number of features`, { cols });
  }
  checkMatrix(data, rows, cols);
  if (k > rows) {
    throw new PipelineError('input_invalid', `cannot make ${k} clusters from ${rows} rows; lower k or supply more clients`, { k, rows });
  }
  if (start === undefined && restarts > 1 && rows > SEED_SAMPLE_ROWS) {
    // Restarts on a seeded sample, then one Lloyd loop on every row from the best of them: the
    // restarts then cost about two full fits whatever the rows, so there can be enough of them.
    const sample = rng.fork('seed-sample').permutation(rows).subarray(0, SEED_SAMPLE_ROWS).sort();
    const sampled = new Float64Array(SEED_SAMPLE_ROWS * cols);
    sample.forEach((row, i) => sampled.set(data.subarray(row * cols, row * cols + cols), i * cols));
    const best = fitKMeans(sampled, SEED_SAMPLE_ROWS, cols, parsed.data, rng, log);
    const full = fitKMeans(data, rows, cols, parsed.data, rng.fork('all-rows'), log, best.centroids);
    return { ...full, restartInertias: best.restartInertias };
  }
  // ml-kmeans wants nested arrays; build them once for all restarts.
  const nested: number[][] = new Array<number[]>(rows);
  for (let i = 0; i < rows; i++) nested[i] = Array.from(data.subarray(i * cols, i * cols + cols));

  const labels = new Int32Array(rows);
  const sqDist = new Float64Array(rows);
  const restartInertias: number[] = [];
  let best: { centroids: Float64Array; inertia: number; iterations: number; labels: Int32Array } | undefined;
  if (start !== undefined && start.length !== k * cols) {
    throw new PipelineError('input_invalid', `a start of ${start.length} values is not ${k} centroids of ${cols} features`, { length: start.length, k, cols });
  }
  const starts = start !== undefined ? 1 : restarts;
  for (let r = 0; r < starts; r++) {
    const stream = rng.fork(`restart-${r}`);
    const init = start ?? kmeansPlusPlus(data, rows, cols, k, stream);
    const initialization: number[][] = [];
    for (let c = 0; c < k; c++) initialization.push(Array.from(init.subarray(c * cols, c * cols + cols)));
    const result = kmeans(nested, k, { initialization, seed: stream.nextUint32(), maxIterations, tolerance });
    const centroids = new Float64Array(k * cols);
    for (let c = 0; c < k; c++) centroids.set(result.centroids[c]!, c * cols);
    // ml-kmeans' labels are from before its last centroid update; reassign to the final centroids.
    assignToCentroids(data, rows, cols, centroids, k, labels, sqDist);
    let inertia = 0;
    for (let i = 0; i < rows; i++) inertia += sqDist[i]!;
    restartInertias.push(inertia);
    if (!best || inertia < best.inertia) {
      best = { centroids, inertia, iterations: result.iterations, labels: labels.slice() };
    }
  }
  const kept = best!;
  const sizes = new Int32Array(k);
  for (let i = 0; i < rows; i++) sizes[kept.labels[i]!]! += 1;
  const empty = [...sizes.keys()].filter((c) => sizes[c] === 0);
  if (empty.length > 0) {
    log?.warn({ code: 'empty_cluster', k, empty }, 'k-means left clusters without clients; fewer distinct clients than k, or lower k');
  }
  return { ...kmeansModel(kept.centroids, k, cols, kept.inertia, kept.iterations), labels: kept.labels, sizes, restartInertias };
}
