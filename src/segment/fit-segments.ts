import { z } from 'zod';
import type { Logger } from '../core/logger.js';
import type { Rng } from '../core/rng.js';
import { daviesBouldin } from '../monitor/davies-bouldin.js';
import { silhouette } from '../monitor/silhouette.js';
import { alignToPrevious } from './align-to-previous.js';
import type { FeatureLabel } from './feature-labels.js';
import { fitKMeans, type KMeansFit } from './fit-kmeans.js';
import { nameSegments } from './name-segments.js';
import { SegmentModel } from './segment-model.js';
import { selectK, type KCurvePoint } from './select-k.js';

export const SegmentParamsSchema = z.strictObject({
  /** 'auto' chooses k over kMin..kMax by silhouette; a number fixes it. Default 'auto'. */
  k: z.union([z.literal('auto'), z.int().min(2).max(50)]).default('auto'),
  /** Default 3. */
  kMin: z.int().min(2).default(3),
  /** Default 10. */
  kMax: z.int().min(2).default(10),
  /** Restarts of the final fit, keeping the lowest inertia. Default 5. */
  restarts: z.int().min(1).max(100).default(5),
  /** Rows of the seeded sample the silhouette is measured on. Default 5000. */
  sampleSize: z.int().min(10).max(20_000).default(5000),
});
export type SegmentParams = z.input<typeof SegmentParamsSchema>;

export interface FittedSegments {
  readonly model: SegmentModel;
  readonly fit: KMeansFit;
  /** The k-selection curve (one point when k was fixed). */
  readonly curve: readonly KCurvePoint[];
  /** Whether ids were aligned to a previous model's centroids. */
  readonly aligned: boolean;
}

/**
 * The behavioural segmentation estimator: k-means on standardised behaviour features, k chosen
 * by silhouette unless fixed, ids aligned to the previous model (Hungarian) so segment 2 stays
 * segment 2, and names from the centroid profiles.
 *
 * @example
 * const { model } = fitSegments(z, rows, behaviourNames, { k: 'auto' }, rng.fork('segments'));
 */
export function fitSegments(
  z: Float64Array,
  rows: number,
  features: readonly string[],
  params: SegmentParams,
  rng: Rng,
  options: { previous?: SegmentModel; labels?: Readonly<Record<string, FeatureLabel>>; log?: Logger } = {},
): FittedSegments {
  const p = SegmentParamsSchema.parse(params);
  const cols = features.length;
  let fit: KMeansFit;
  let curve: KCurvePoint[];
  if (p.k === 'auto') {
    const selection = selectK(z, rows, cols, { kMin: p.kMin, kMax: p.kMax, sampleSize: Math.min(p.sampleSize, rows), finalRestarts: p.restarts }, rng.fork('select-k'), options.log);
    fit = selection.fit;
    curve = [...selection.curve];
  } else {
    fit = fitKMeans(z, rows, cols, { k: p.k, restarts: p.restarts }, rng.fork('kmeans'), options.log);
    const sample = rng.fork('silhouette-sample').permutation(rows).subarray(0, Math.min(p.sampleSize, rows));
    curve = [{
      k: p.k, inertia: fit.inertia,
      silhouette: silhouette(z, rows, cols, fit.labels, sample),
      daviesBouldin: daviesBouldin(z, rows, cols, fit.labels, fit.centroids),
    }];
  }
  const previous = options.previous;
  const comparable = previous !== undefined && previous.features.length === cols && previous.features.every((f, j) => f === features[j]);
  const ids = comparable
    ? alignToPrevious(fit.centroids, previous.centroids, cols, { previousIds: previous.ids })
    : Int32Array.from({ length: fit.k }, (_, i) => i);
  const names = nameSegments(fit.centroids, features, { labels: options.labels });
  return { model: new SegmentModel(features, ids, fit.centroids, names), fit, curve, aligned: comparable };
}
