import { z } from 'zod';
import { PipelineError } from '../core/errors.js';
import { distancesToCentroids } from './assign-to-centroids.js';
import type { SegmentName } from './name-segments.js';
import { segmentMarginReasons, type SegmentMarginReason } from './segment-margin-reasons.js';

export const SEGMENTS_FORMAT = 'clientseg.segments/1';

const BilingualSchema = z.strictObject({ zh: z.string(), en: z.string() });
export const SegmentModelJSONSchema = z.strictObject({
  format: z.literal(SEGMENTS_FORMAT),
  /** The standardised features k-means ran on, in centroid column order. */
  features: z.array(z.string()).min(1),
  /** Segment id of each centroid (stable across retraining, so not always 0..k-1). */
  ids: z.array(z.int().nonnegative()).min(1),
  /** Row-major k × features, in z-space. */
  centroids: z.array(z.number()),
  names: z.array(z.strictObject({
    code: z.string(), zh: z.string(), en: z.string(), description: BilingualSchema,
    topFeatures: z.array(z.strictObject({ name: z.string(), z: z.number() })), score: z.number().nullable(),
  })),
  /**
   * Weight of each feature in the distance (absent: 1 each). Distances are Σ (w_j (z_j − c_j))²,
   * so the centroids stay plain z-values, readable as profiles.
   */
  weights: z.array(z.number().positive()).optional(),
  /** Bootstrap Jaccard of each segment, in centroid order, when training measured it. */
  reliability: z.array(z.strictObject({ jaccard: z.number(), reliable: z.boolean() })).optional(),
});
export type SegmentModelJSON = z.infer<typeof SegmentModelJSONSchema>;

/** How far a segment can be trusted: its bootstrap Jaccard, and whether that reaches 0.6. */
export interface SegmentReliability {
  readonly jaccard: number;
  readonly reliable: boolean;
}

/** Where each client landed: the centroid index, the stable id, and the runner-up index. */
export interface SegmentAssignment {
  readonly index: Int32Array;
  readonly ids: Int32Array;
  readonly runnerUp: Int32Array;
}

/**
 * A fitted segmentation: centroids in z-space with their stable ids and names, and each feature's
 * weight in the distance (block balance and relevance, chosen at training). `assign` maps
 * standardised rows (the model's features, in order, unweighted) to segments; the weights are
 * applied inside, so callers pass plain z-values.
 *
 * @example
 * const segments = segmentModelFromJSON(bundle.json('segments.json'));
 * const { ids } = segments.assign(zRows, rows);
 */
export class SegmentModel {
  readonly weights: Float64Array;
  /** The centroids times the weights: the space the distances are measured in. */
  private readonly weighted: Float64Array;

  constructor(
    readonly features: readonly string[],
    readonly ids: Int32Array,
    readonly centroids: Float64Array,
    readonly names: readonly SegmentName[],
    weights?: Float64Array,
    readonly reliability?: readonly SegmentReliability[],
  ) {
    this.weights = weights ?? new Float64Array(features.length).fill(1);
    this.weighted = weighRows(centroids, ids.length, this.weights);
  }

  get k(): number { return this.ids.length; }

  /** The same model, with each segment's reliability (bootstrap Jaccard, in centroid order). */
  withReliability(reliability: readonly SegmentReliability[]): SegmentModel {
    return new SegmentModel(this.features, this.ids, this.centroids, this.names, this.weights, reliability);
  }

  /** Whether the segment with this id is reliable; true when training did not measure it. */
  isReliable(id: number): boolean {
    const at = this.ids.indexOf(id);
    return at < 0 || this.reliability?.[at]?.reliable !== false;
  }

  /** Rows of z-values (the model's features) times the weights: the space k-means ran in. */
  weigh(z: Float64Array, rows: number): Float64Array {
    return weighRows(z, rows, this.weights);
  }

  assign(z: Float64Array, rows: number): SegmentAssignment {
    const k = this.k;
    // One pass over the distances gives both the nearest centroid and the runner-up.
    const d = distancesToCentroids(this.weigh(z, rows), rows, this.features.length, this.weighted, k);
    const index = new Int32Array(rows);
    const ids = new Int32Array(rows);
    const runnerUp = new Int32Array(rows);
    for (let i = 0; i < rows; i++) {
      let best = 0, second = -1;
      for (let c = 1; c < k; c++) {
        const v = d[i * k + c]!;
        if (v < d[i * k + best]!) { second = best; best = c; } else if (second < 0 || v < d[i * k + second]!) second = c;
      }
      index[i] = best;
      ids[i] = this.ids[best]!;
      runnerUp[i] = second;
    }
    return { index, ids, runnerUp };
  }

  /** Why row `i` is in its segment rather than the runner-up (up to `top` reasons). */
  reasons(z: Float64Array, i: number, a: SegmentAssignment, top = 4): SegmentMarginReason[] {
    const cols = this.features.length;
    if (a.runnerUp[i]! < 0) return [];
    const row = weighRows(z.subarray(i * cols, (i + 1) * cols), 1, this.weights);
    const own = this.weighted.subarray(a.index[i]! * cols, (a.index[i]! + 1) * cols);
    const other = this.weighted.subarray(a.runnerUp[i]! * cols, (a.runnerUp[i]! + 1) * cols);
    return segmentMarginReasons(row, own, other, this.features, top);
  }

  /**
   * reasons() without objects: the columns of row i's reasons, strongest first, into `out` (its
   * length is the most wanted); returns how many. The code of column j is `seg_<feature>_high`
   * when z[i, j] ≥ 0, else `_low`. `gains` is scratch space of one value per feature.
   */
  reasonFeatures(z: Float64Array, i: number, a: SegmentAssignment, out: Int32Array, gains: Float64Array): number {
    const cols = this.features.length;
    const second = a.runnerUp[i]!;
    if (second < 0) return 0;
    const row = i * cols;
    const own = a.index[i]! * cols;
    const other = second * cols;
    for (let j = 0; j < cols; j++) {
      const x = z[row + j]!;
      const w = this.weights[j]!;
      gains[j] = w * w * ((x - this.centroids[other + j]!) ** 2 - (x - this.centroids[own + j]!) ** 2);
    }
    // Repeated maximum, first column on ties: the order of segmentMarginReasons' sort.
    let n = 0;
    for (; n < out.length; n++) {
      let best = -1;
      for (let j = 0; j < cols; j++) if (gains[j]! > 0 && (best < 0 || gains[j]! > gains[best]!)) best = j;
      if (best < 0) break;
      out[n] = best;
      gains[best] = 0;
    }
    return n;
  }

  /** The name of the segment with this id. */
  nameOf(id: number): SegmentName {
    const at = this.ids.indexOf(id);
    if (at < 0) throw new Error(`no segment with id ${id}`);
    return this.names[at]!;
  }

  toJSON(): SegmentModelJSON {
    return {
      format: SEGMENTS_FORMAT, features: [...this.features], ids: [...this.ids], centroids: [...this.centroids],
      names: this.names.map((n) => ({ ...n, topFeatures: [...n.topFeatures] })), weights: [...this.weights],
      ...(this.reliability ? { reliability: this.reliability.map((r) => ({ ...r })) } : {}),
    };
  }
}

function weighRows(values: Float64Array, rows: number, weights: Float64Array): Float64Array {
  const cols = weights.length;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = values[i * cols + j]! * weights[j]!;
  return out;
}

export function segmentModelFromJSON(json: unknown): SegmentModel {
  const parsed = SegmentModelJSONSchema.safeParse(json);
  if (!parsed.success) throw new PipelineError('model_incompatible', `segments.json is not one this version reads: ${z.prettifyError(parsed.error)}`);
  const { features, ids, centroids, names, weights, reliability } = parsed.data;
  if (centroids.length !== ids.length * features.length || names.length !== ids.length
    || (weights !== undefined && weights.length !== features.length) || (reliability !== undefined && reliability.length !== ids.length)) {
    throw new PipelineError('model_incompatible', `segments.json holds ${centroids.length} centroid values, ${weights?.length ?? 'no'} weights and ${reliability?.length ?? 'no'} reliabilities for ${ids.length} segments × ${features.length} features`);
  }
  return new SegmentModel(features, Int32Array.from(ids), Float64Array.from(centroids), names, weights ? Float64Array.from(weights) : undefined, reliability);
}
