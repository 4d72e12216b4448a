import { z } from 'zod';
import type { Logger } from '../core/logger.js';
import type { Rng } from '../core/rng.js';
import { daviesBouldin } from '../monitor/davies-bouldin.js';
import { silhouette } from '../monitor/silhouette.js';
import { PipelineError } from '../core/errors.js';
import { alignToPrevious } from './align-to-previous.js';
import { chooseSegmentColumns, type SegmentColumns } from './choose-segment-columns.js';
import { pickColumns } from './pick-columns.js';
import { segmentMeans } from './segment-means.js';
import { explainedShare } from './relevance-weights.js';
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
  /**
   * Restarts of the final fit, keeping the lowest inertia. Default 10 (scikit-learn's n_init): on
   * 69 balanced columns at 100,000 clients fewer than half the greedy k-means++ starts find the
   * partition with the small UHNW group, so 5 starts miss it too often.
   */
  restarts: z.int().min(1).max(100).default(10),
  /** Rows of the seeded sample the silhouette is measured on. Default 5000. */
  sampleSize: z.int().min(10).max(20_000).default(5000),
  /**
   * The columns to segment on, by name. Default: every behavioural feature of every block (the
   * caller's `defaultColumns`), never the profile. Constant and near-duplicate ones are still dropped.
   */
  features: z.array(z.string().min(1)).min(1).optional(),
  /**
   * Refits after weighting each column by the share of its variance the segments explain (R²);
   * 0 switches it off. Default 2.
   */
  relevanceRounds: z.int().min(0).max(10).default(2),
  /**
   * Drops a column whose |r| with an earlier kept one is ≥ 0.98. Default true; a feature table
   * turns it off so both levels of a two-level category count, as scikit-learn's one-hot does.
   */
  dropNearDuplicates: z.boolean().default(true),
});
export type SegmentParams = z.input<typeof SegmentParamsSchema>;

export interface FittedSegments {
  readonly model: SegmentModel;
  /** The final fit, in the weighted space (`data`). */
  readonly fit: KMeansFit;
  /** The rows k-means ran on: the model's features in z, times the model's weights. */
  readonly data: Float64Array;
  /** How the columns were chosen (constant and near-duplicate ones left out; block weights). */
  readonly columns: SegmentColumns;
  /** The k-selection curve (one point when k was fixed). */
  readonly curve: readonly KCurvePoint[];
  /** Whether ids were aligned to a previous model's centroids. */
  readonly aligned: boolean;
}

/** Below this R² a column keeps this much of its block weight, so no weight reaches 0. */
const MIN_RELEVANCE = 0.01;

export interface FitSegmentsOptions {
  previous?: SegmentModel;
  labels?: Readonly<Record<string, FeatureLabel>>;
  log?: Logger;
  /** The block of each feature, for the balance; default one block for all. */
  blockOf?: (feature: string) => string;
  /** The candidate columns when `params.features` is not given; default all of `features`. */
  defaultColumns?: readonly string[];
  /**
   * A column's scale in the k-means space before the block weights, default 1 (its z). A one-hot
   * level passes its sd, so it counts as a 0/1 indicator, as scikit-learn's OneHotEncoder does.
   */
  columnScale?: (feature: string) => number;
  /**
   * The columns segment names are chosen from, by their segment means: default the segment
   * columns. Names read best from every behavioural feature, not only the ones k-means ran on.
   */
  nameColumns?: readonly string[];
  /** One-hot level columns (`column=value`): names read them as levels, never as "low". */
  levels?: ReadonlySet<string>;
}

/**
 * The behavioural segmentation estimator. From the candidate columns of the standardised matrix
 * `z` (row-major over `features`), it drops constant and near-duplicate columns and balances the
 * blocks (chooseSegmentColumns); runs k-means (k by silhouette unless fixed); then, for
 * `relevanceRounds` rounds, weights each column by its block weight × the share of its variance
 * the segments explain and refits from the current centroids, so columns that carry segment
 * structure count and noisy ones fade (after Huang et al.'s weighted k-means). A block can only
 * lose weight this way, never gain it. Ids are aligned to the previous model (Hungarian) so
 * segment 2 stays segment 2, and names come from the centroid profiles (in plain z).
 *
 * @example
 * const { model } = fitSegments(z, rows, matrix.names, { k: 7 }, rng.fork('segments'), { defaultColumns: behaviourNames });
 */
export function fitSegments(
  z: Float64Array,
  rows: number,
  features: readonly string[],
  params: SegmentParams,
  rng: Rng,
  options: FitSegmentsOptions = {},
): FittedSegments {
  const p = SegmentParamsSchema.parse(params);
  const candidates = [...new Set(p.features ?? options.defaultColumns ?? features)];
  const unknown = candidates.filter((f) => !features.includes(f));
  if (unknown.length > 0) {
    throw new PipelineError('config_invalid', `segment features ${unknown.join(', ')} are not features of this data; name catalogue features (docs/features.md) or columns of your table`, { unknown, features: [...features] });
  }
  const chosen = chooseSegmentColumns(z, rows, features, candidates, options.blockOf, p.dropNearDuplicates);
  const columns = options.columnScale === undefined ? chosen
    : { ...chosen, weights: Float64Array.from(chosen.weights, (w, j) => w * options.columnScale!(chosen.features[j]!)) };
  if (columns.constant.length > 0) {
    options.log?.warn({ code: 'segment_features_constant', features: columns.constant },
      `segment features constant on the training rows, left out of the segments: ${columns.constant.join(', ')}`);
  }
  if (columns.features.length === 0) {
    throw new PipelineError('input_invalid', `every segment feature is constant on the training rows (${columns.constant.join(', ')}); name others with --segment-features`, { constant: columns.constant, rows });
  }
  const cols = columns.features.length;
  const picked = pickColumns(z, rows, features.length, columns.features.map((f) => features.indexOf(f)));
  let weights = columns.weights;
  let data = scaleColumns(picked, rows, weights);
  let fit: KMeansFit;
  let curve: KCurvePoint[];
  if (p.k === 'auto') {
    // Half the final restarts per k on the curve: with two, one k's fit could miss its best
    // partition (4 in 10 starts find it at 100,000 clients) and the curve then chose another k.
    const selection = selectK(data, rows, cols, {
      kMin: p.kMin, kMax: p.kMax, sampleSize: Math.min(p.sampleSize, rows), restarts: Math.ceil(p.restarts / 2), finalRestarts: p.restarts,
    }, rng.fork('select-k'), options.log);
    fit = selection.fit;
    curve = [...selection.curve];
  } else {
    fit = fitKMeans(data, rows, cols, { k: p.k, restarts: p.restarts }, rng.fork('kmeans'), options.log);
    curve = [];
  }
  for (let round = 0; round < p.relevanceRounds; round++) {
    const share = explainedShare(picked, rows, cols, fit.labels, fit.k);
    const before = weights;
    weights = Float64Array.from(columns.weights, (w, j) => w * Math.max(MIN_RELEVANCE, share[j]!));
    data = scaleColumns(picked, rows, weights);
    // Warm start: the current centroids, moved from the old weights' space into the new one.
    const start = Float64Array.from(fit.centroids, (c, at) => (c / before[at % cols]!) * weights[at % cols]!);
    fit = fitKMeans(data, rows, cols, { k: fit.k }, rng.fork(`relevance-${round}`), options.log, start);
  }
  if (p.k !== 'auto') {
    const sample = rng.fork('silhouette-sample').permutation(rows).subarray(0, Math.min(p.sampleSize, rows));
    curve = [{
      k: p.k, inertia: fit.inertia,
      silhouette: silhouette(data, rows, cols, fit.labels, sample),
      daviesBouldin: daviesBouldin(data, rows, cols, fit.labels, fit.centroids),
    }];
  }
  const centroids = Float64Array.from(fit.centroids, (c, at) => c / weights[at % cols]!);
  // Ids follow the previous model on the features both use: the columns kept depend on the data
  // (constant, duplicates), and centroids in plain z compare across models column by column.
  const previous = options.previous;
  const shared = previous ? columns.features.filter((f) => previous.features.includes(f)) : [];
  const comparable = previous !== undefined && shared.length > 0;
  const ids = comparable
    ? alignToPrevious(
      centroidColumns(centroids, columns.features, shared), centroidColumns(previous.centroids, previous.features, shared),
      shared.length, { previousIds: previous.ids })
    : Int32Array.from({ length: fit.k }, (_, i) => i);
  const names = segmentNames(z, rows, features, fit, centroids, columns.features, options);
  return {
    model: new SegmentModel(columns.features, ids, centroids, names, weights),
    fit, data, columns, curve, aligned: comparable,
  };
}

/**
 * Names from the segments' mean z over the name columns that vary on the training rows (a
 * constant column never names a segment); from the centroids when no name columns are given.
 */
function segmentNames(
  z: Float64Array, rows: number, features: readonly string[], fit: KMeansFit, centroids: Float64Array, segmentColumns: readonly string[], options: FitSegmentsOptions,
) {
  const naming = { labels: options.labels, levels: options.levels };
  if (options.nameColumns === undefined) return nameSegments(centroids, segmentColumns, naming);
  const named = options.nameColumns.filter((f) => features.includes(f));
  const means = segmentMeans(pickColumns(z, rows, features.length, named.map((f) => features.indexOf(f))), rows, named.length, fit.labels, fit.k);
  const varying = named.filter((_, j) => varies(z, rows, features.length, features.indexOf(named[j]!)));
  const kept = varying.map((f) => named.indexOf(f));
  return nameSegments(pickColumns(means, fit.k, named.length, kept), varying, naming);
}

function varies(z: Float64Array, rows: number, cols: number, j: number): boolean {
  const first = z[j]!;
  for (let i = 1; i < rows; i++) if (Math.abs(z[i * cols + j]! - first) > 1e-9) return true;
  return false;
}

function scaleColumns(values: Float64Array, rows: number, weights: Float64Array): Float64Array {
  const cols = weights.length;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = values[i * cols + j]! * weights[j]!;
  return out;
}

/** The listed feature columns of row-major centroids over `features`. */
function centroidColumns(centroids: Float64Array, features: readonly string[], wanted: readonly string[]): Float64Array {
  return pickColumns(centroids, centroids.length / features.length, features.length, wanted.map((f) => features.indexOf(f)));
}
