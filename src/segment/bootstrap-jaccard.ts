import type { Rng } from '../core/rng.js';
import { assignToCentroids } from './assign-to-centroids.js';
import { fitKMeans } from './fit-kmeans.js';
import { sampleMatrix } from '../monitor/sample-matrix.js';

/** Below this mean bootstrap Jaccard a cluster is not to be trusted (Hennig 2007; DESIGN.md). */
export const JACCARD_UNRELIABLE = 0.6;
/** From this mean bootstrap Jaccard up a cluster is stable. */
export const JACCARD_STABLE = 0.75;

export type StabilityVerdict = 'stable' | 'watch' | 'unreliable';

export interface BootstrapJaccardOptions {
  /** Bootstrap resamples. Default 20. */
  bootstraps?: number;
  /** Rows of the seeded subsample that is resampled (all rows when fewer). Default 4000. */
  sampleSize?: number;
  /** k-means++ starts per refit (the lowest inertia kept). Default 3: a refit stuck in a poor local optimum would count against a real cluster. */
  restarts?: number;
}

export interface ClusterJaccard {
  /** Index of the centroid (not its segment id). */
  readonly cluster: number;
  /** Mean over the resamples of the best Jaccard with a refitted cluster; NaN if never sampled. */
  readonly jaccard: number;
  /** Resamples in which the cluster had points. */
  readonly resamples: number;
  readonly verdict: StabilityVerdict;
}

export interface BootstrapJaccard {
  readonly sampleSize: number;
  readonly bootstraps: number;
  readonly clusters: readonly ClusterJaccard[];
}

/** The three-band verdict on a mean bootstrap Jaccard. */
export function stabilityVerdict(jaccard: number): StabilityVerdict {
  if (!(jaccard >= JACCARD_UNRELIABLE)) return 'unreliable';
  return jaccard >= JACCARD_STABLE ? 'stable' : 'watch';
}

/**
 * Per-cluster stability by the bootstrap (Hennig's clusterboot): the fitted clusters are the
 * rows nearest each of `centroids`; each resample (with replacement) of a seeded subsample is
 * clustered again with k-means, and each original cluster scores the best Jaccard similarity
 * |C ∩ D| / |C ∪ D| with any new cluster D, on the distinct points drawn. The mean over resamples
 * is ≈ 1 for a cluster the data really has and falls for one that k-means cut out of noise.
 *
 * @example
 * bootstrapJaccard(z, rows, cols, fit.centroids, fit.k, {}, rng.fork('bootstrap')).clusters[0].verdict; // 'stable'
 */
export function bootstrapJaccard(
  data: Float64Array, rows: number, cols: number, centroids: Float64Array, k: number,
  options: BootstrapJaccardOptions, rng: Rng,
): BootstrapJaccard {
  const bootstraps = Math.max(1, options.bootstraps ?? 20);
  const sub = sampleMatrix(data, rows, cols, options.sampleSize ?? 4000, rng.fork('sample'));
  const m = sub.rows;
  const original = assignToCentroids(sub.data, m, cols, centroids, k);
  const sum = new Float64Array(k);
  const seen = new Int32Array(k);
  const boot = new Float64Array(m * cols);
  const drawn = new Uint32Array(m);
  const newLabel = new Int32Array(m);
  for (let b = 0; b < bootstraps; b++) {
    const stream = rng.fork(`bootstrap-${b}`);
    for (let i = 0; i < m; i++) {
      drawn[i] = stream.int(m);
      boot.set(sub.data.subarray(drawn[i]! * cols, (drawn[i]! + 1) * cols), i * cols);
    }
    const kb = Math.min(k, m);
    const fit = fitKMeans(boot, m, cols, { k: kb, restarts: options.restarts ?? 3 }, stream.fork('kmeans'));
    // Label each distinct drawn point once (copies of a point share their label).
    newLabel.fill(-1);
    for (let i = 0; i < m; i++) newLabel[drawn[i]!] = fit.labels[i]!;
    const inter = new Float64Array(k * kb);
    const sizeC = new Float64Array(k);
    const sizeD = new Float64Array(kb);
    for (let u = 0; u < m; u++) {
      const d = newLabel[u]!;
      if (d < 0) continue;
      const c = original[u]!;
      inter[c * kb + d]! += 1;
      sizeC[c]! += 1;
      sizeD[d]! += 1;
    }
    for (let c = 0; c < k; c++) {
      if (sizeC[c] === 0) continue;
      let best = 0;
      for (let d = 0; d < kb; d++) {
        const i = inter[c * kb + d]!;
        const j = i / (sizeC[c]! + sizeD[d]! - i);
        if (j > best) best = j;
      }
      sum[c]! += best;
      seen[c]! += 1;
    }
  }
  const clusters = Array.from({ length: k }, (_, c) => {
    const jaccard = seen[c]! > 0 ? sum[c]! / seen[c]! : Number.NaN;
    return { cluster: c, jaccard, resamples: seen[c]!, verdict: stabilityVerdict(jaccard) };
  });
  return { sampleSize: m, bootstraps, clusters };
}
