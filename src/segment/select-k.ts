import { z } from 'zod';
import { PipelineError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Rng } from '../core/rng.js';
import { daviesBouldin } from '../monitor/davies-bouldin.js';
import { pairDistances, silhouetteFromDistances } from '../monitor/silhouette.js';
import { fitKMeans, type KMeansFit } from './fit-kmeans.js';

export const SelectKOptionsSchema = z.strictObject({
  /** Smallest k tried; at least 2, since silhouette needs two clusters. Default 3. */
  kMin: z.int().min(2).default(3),
  /** Largest k tried. Default 10. */
  kMax: z.int().min(2).default(10),
  /** Rows in the seeded sample the silhouette is computed on (exactly, O(m²) time and m²/2 floats). Default 5000. */
  sampleSize: z.int().min(2).max(20_000).default(5000),
  /**
   * k-means restarts per k for the curve. Default 2: with greedy k-means++ starts the curve barely
   * moves with more (measured at 20,000 × 25), and the curve is most of the cost.
   */
  restarts: z.int().min(1).max(100).default(2),
  /** Restarts for the returned fit at the chosen k; its first `restarts` repeat the curve's. Default 5. */
  finalRestarts: z.int().min(1).max(100).default(5),
  /** Lloyd iterations per restart. Default 100 (ml-kmeans' default). */
  maxIterations: z.int().min(1).default(100),
  /**
   * Parsimony: the smallest k whose silhouette is within this of the best is chosen. Default 0.01:
   * at 20,000 clients the sampled silhouettes of neighbouring k differ by about that much from
   * run to run, so a larger k must beat a smaller one by more than noise to be preferred.
   */
  parsimony: z.number().min(0).max(1).default(0.01),
  /** Convergence tolerance (squared centroid movement in z-space). Default 1e-4. */
  tolerance: z.number().nonnegative().default(1e-4),
});
/** Options of `selectK`; see `SelectKOptionsSchema` for each default. */
export type SelectKOptions = z.input<typeof SelectKOptionsSchema>;

/** One point of the k-selection curve. */
export interface KCurvePoint {
  readonly k: number;
  readonly inertia: number;
  /** Mean silhouette on the sample; higher is better. */
  readonly silhouette: number;
  /** Davies–Bouldin on all rows; lower is better. */
  readonly daviesBouldin: number;
}

export interface KSelection {
  readonly k: number;
  readonly curve: readonly KCurvePoint[];
  /**
   * The fit for the chosen k with `finalRestarts` restarts, so the caller need not fit again; its
   * inertia may be below the curve's at that k.
   */
  readonly fit: KMeansFit;
  /** How many rows the silhouette was computed on. */
  readonly sampleSize: number;
}

/** Silhouettes closer than this count as a tie: below the Float32 rounding of the sample distances. */
export const SILHOUETTE_TIE = 1e-6;

/**
 * Fits k-means for each k in `kMin..kMax` and picks the smallest k whose silhouette is within
 * `parsimony` of the highest (with parsimony 0: the highest, ties within `SILHOUETTE_TIE` going
 * to the lower Davies–Bouldin, then the smaller k). The silhouette uses one seeded sample for
 * every k, so the curve compares like with like.
 *
 * @example
 * const { k, curve, fit } = selectK(z, rows, cols, { kMin: 3, kMax: 8 }, ctx.rng.fork('select-k'));
 */
export function selectK(
  data: Float64Array,
  rows: number,
  cols: number,
  options: SelectKOptions,
  rng: Rng,
  log?: Logger,
): KSelection {
  const parsed = SelectKOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new PipelineError('config_invalid', `k-selection options are invalid: ${z.prettifyError(parsed.error)}`, { issues: parsed.error.issues });
  }
  const { kMin, kMax, sampleSize, restarts, finalRestarts, maxIterations, tolerance, parsimony } = parsed.data;
  if (kMax < kMin) {
    throw new PipelineError('config_invalid', `kMax (${kMax}) is below kMin (${kMin}); set kMax ≥ kMin`, { kMin, kMax });
  }
  if (kMax > rows) {
    throw new PipelineError('input_invalid', `cannot try k up to ${kMax} with ${rows} rows; lower kMax or supply more clients`, { kMax, rows });
  }
  const sample = sampleRows(rows, sampleSize, rng.fork('silhouette-sample'));
  // The sample is the same for every k, so its distances are computed once.
  const pairs = pairDistances(data, rows, cols, sample);
  const curve: KCurvePoint[] = [];
  const fits = new Map<number, KMeansFit>();
  let bestPoint: KCurvePoint | undefined;
  for (let k = kMin; k <= kMax; k++) {
    const fit = fitKMeans(data, rows, cols, { k, restarts, maxIterations, tolerance }, rng.fork(`k-${k}`), log);
    const point: KCurvePoint = {
      k,
      inertia: fit.inertia,
      silhouette: silhouetteFromDistances(pairs, fit.labels),
      daviesBouldin: daviesBouldin(data, rows, cols, fit.labels, fit.centroids),
    };
    curve.push(point);
    log?.debug({ ...point }, 'k-selection point');
    fits.set(k, fit);
    if (!bestPoint || better(point, bestPoint)) bestPoint = point;
  }
  const k = parsimony > 0 ? curve.find((p) => p.silhouette >= bestPoint!.silhouette - parsimony)!.k : bestPoint!.k;
  // Same fork as the curve's fit, so the extra restarts can only lower the inertia.
  const fit = finalRestarts > restarts
    ? fitKMeans(data, rows, cols, { k, restarts: finalRestarts, maxIterations, tolerance }, rng.fork(`k-${k}`), log)
    : fits.get(k)!;
  return { k, curve, fit, sampleSize: pairs.sampleIdx.length };
}

// Points arrive in increasing k, so "not better" keeps the smaller k on a full tie.
function better(p: KCurvePoint, q: KCurvePoint): boolean {
  if (p.silhouette > q.silhouette + SILHOUETTE_TIE) return true;
  if (p.silhouette < q.silhouette - SILHOUETTE_TIE) return false;
  return p.daviesBouldin < q.daviesBouldin;
}

function sampleRows(rows: number, size: number, rng: Rng): Uint32Array | undefined {
  if (rows <= size) return undefined;
  // Sorted so the sampled rows are read in memory order.
  return rng.permutation(rows).subarray(0, size).sort();
}
