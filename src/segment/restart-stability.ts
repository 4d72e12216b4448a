import type { Rng } from '../core/rng.js';
import { fitKMeans } from './fit-kmeans.js';
import { adjustedRandIndex } from '../monitor/adjusted-rand-index.js';
import { sampleMatrix } from '../monitor/sample-matrix.js';

export interface RestartStabilityOptions {
  /** Independent single-start k-means fits compared pairwise. Default 5. */
  restarts?: number;
  /** Rows of the seeded subsample the fits run on (all rows when fewer). Default 5000. */
  sampleSize?: number;
  /**
   * k-means++ starts inside each run, the lowest inertia kept, as the model's own fit does. Default 5:
   * with single starts the index measures k-means' local optima more than the data.
   */
  startsPerRun?: number;
}

export interface RestartStability {
  readonly sampleSize: number;
  readonly restarts: number;
  /** Mean adjusted Rand index over every pair of restarts: 1 when every start finds the same partition. */
  readonly meanAri: number;
  readonly minAri: number;
}

/**
 * Stability as agreement between seeded restarts: the k-means fit (itself the best of
 * `startsPerRun` k-means++ starts) run `restarts` times with different seeds on one seeded
 * subsample, and the adjusted Rand index of every pair. A structure that is
 * really in the data is found from any start; an arbitrary cut of a blob moves with the start.
 *
 * @example
 * restartStability(z, rows, cols, 7, {}, rng.fork('stability')).meanAri; // ≈ 1 on clear clusters
 */
export function restartStability(data: Float64Array, rows: number, cols: number, k: number, options: RestartStabilityOptions, rng: Rng): RestartStability {
  const restarts = Math.max(2, options.restarts ?? 5);
  const starts = options.startsPerRun ?? 5;
  const sub = sampleMatrix(data, rows, cols, options.sampleSize ?? 5000, rng.fork('sample'));
  const labels = Array.from({ length: restarts }, (_, r) =>
    fitKMeans(sub.data, sub.rows, cols, { k: Math.min(k, sub.rows), restarts: starts }, rng.fork(`restart-${r}`)).labels);
  let sum = 0, min = Infinity, pairs = 0;
  for (let a = 0; a < restarts; a++) {
    for (let b = a + 1; b < restarts; b++) {
      const ari = adjustedRandIndex(labels[a]!, labels[b]!);
      sum += ari; pairs++;
      if (ari < min) min = ari;
    }
  }
  return { sampleSize: sub.rows, restarts, meanAri: sum / pairs, minAri: min };
}
