import type { Rng } from '../core/rng.js';
import { bootstrapJaccard } from '../segment/bootstrap-jaccard.js';
import { daviesBouldin } from '../monitor/davies-bouldin.js';
import { restartStability } from '../segment/restart-stability.js';
import type { SegmentStability } from '../report/training-report.js';
import type { KMeansFit } from '../segment/fit-kmeans.js';
import type { SegmentReliability } from '../segment/segment-model.js';

/**
 * Subsample sizes of the stability checks: fixed, so they cost the same at 100k clients as at
 * 5k (about 45 k-means fits on a few thousand rows; see docs/decisions.md).
 */
export const STABILITY_SAMPLE = { restarts: 5, restartRows: 5000, bootstraps: 20, bootstrapRows: 4000 } as const;

/**
 * How much the fitted segments can be trusted: the ARI between seeded restarts and the
 * bootstrap Jaccard of each segment (by its stable id), on seeded subsamples of the z rows.
 */
export function segmentStability(z: Float64Array, rows: number, cols: number, fit: KMeansFit, ids: Int32Array, rng: Rng): SegmentStability {
  const restarts = restartStability(z, rows, cols, fit.k, { restarts: STABILITY_SAMPLE.restarts, sampleSize: STABILITY_SAMPLE.restartRows }, rng.fork('restarts'));
  const boot = bootstrapJaccard(z, rows, cols, fit.centroids, fit.k, { bootstraps: STABILITY_SAMPLE.bootstraps, sampleSize: STABILITY_SAMPLE.bootstrapRows }, rng.fork('bootstrap'));
  return {
    restarts,
    bootstrap: {
      sampleSize: boot.sampleSize, bootstraps: boot.bootstraps,
      perSegment: boot.clusters.map((c) => ({ id: ids[c.cluster]!, jaccard: c.jaccard, verdict: c.verdict })),
    },
  };
}

/** Each segment's bootstrap Jaccard and verdict, in centroid order, for the model to carry to scoring. */
export function segmentReliability(stability: SegmentStability): SegmentReliability[] {
  return stability.bootstrap.perSegment.map((s) => ({ jaccard: s.jaccard, reliable: s.verdict !== 'unreliable' }));
}

/** Davies–Bouldin of the kept fit on all rows; NaN when fewer than two segments have clients. */
export function fitDaviesBouldin(z: Float64Array, rows: number, cols: number, fit: KMeansFit): number {
  return fit.sizes.filter((s) => s > 0).length >= 2 ? daviesBouldin(z, rows, cols, fit.labels, fit.centroids) : Number.NaN;
}

/** Clients per group (e.g. per asset tier) in each segment, by centroid index. */
export function segmentMix(index: Int32Array, k: number, codes: Int8Array, names: readonly string[]): Record<string, number>[] {
  const mix = Array.from({ length: k }, () => Object.fromEntries(names.map((n) => [n, 0])) as Record<string, number>);
  for (let i = 0; i < index.length; i++) {
    const name = names[codes[i]!];
    if (name !== undefined) mix[index[i]!]![name]! += 1;
  }
  return mix;
}
