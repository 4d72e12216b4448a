import { hungarian } from '../core/hungarian.js';
import type { SegmentModel } from './segment-model.js';

/**
 * A segment id keeps its meaning across model versions while its centroid moves (`centroidDistance`)
 * by at most this share of the distance from its newer centroid to the nearest other segment of
 * the newer model: within half that distance the old centre is still nearer its own id than any
 * other. A fixed distance does not fit every segment: on a fresh population a small, extreme
 * segment moved 0.70 while distinct segments lay 0.59 apart (docs/decisions.md, "Segment identity").
 */
export const SEGMENT_MOVE_SHARE = 0.5;

/** One model version's segments and the standardiser its centroids are in. */
export interface SegmentSide {
  readonly segments: Pick<SegmentModel, 'features' | 'ids' | 'centroids' | 'names'>;
  readonly scaler: { readonly names: readonly string[]; readonly means: ArrayLike<number>; readonly sds: ArrayLike<number> };
}

export type SegmentIdentityStatus = 'same' | 'renamed' | 'moved' | 'new' | 'retired';

export interface SegmentIdentityEntry {
  readonly id: number;
  /** The segment's name in the older model; null when the id is new. */
  readonly before: { readonly code: string; readonly zh: string; readonly en: string } | null;
  /** Its name in the newer model; null when the id is retired. */
  readonly after: { readonly code: string; readonly zh: string; readonly en: string } | null;
  /** Distance between the id's two centroids; null when the id is in one model only. */
  readonly distance: number | null;
  /**
   * The most `distance` may be for the id to keep its meaning: `SEGMENT_MOVE_SHARE` of the distance
   * from its newer centroid to the nearest other newer one; null when the id is in one model only
   * or the newer model has one segment.
   */
  readonly limit: number | null;
  /**
   * The newer model's id whose centroid the alignment matches to this id's older centroid (null
   * when none lies within its limit, or the id is new): where the old meaning went.
   */
  readonly meaningNowAt: number | null;
  /** moved (beyond its limit) wins over renamed; new and retired ids are never flagged. */
  readonly status: SegmentIdentityStatus;
}

/** How the segment ids of two model versions relate. */
export interface SegmentIdentity {
  /** Always 'rms_z': see `centroidDistance`. */
  readonly distance: 'rms_z';
  /** `SEGMENT_MOVE_SHARE` unless another was passed. */
  readonly limitShare: number;
  /** The segment features both models use: the distance is over these. */
  readonly features: readonly string[];
  /** False when the models share no segment feature: then no id is comparable. */
  readonly comparable: boolean;
  /** Every id of either model, ascending. */
  readonly segments: readonly SegmentIdentityEntry[];
  /** Ids in both models whose centroid moved beyond its limit or whose name changed. */
  readonly flagged: readonly number[];
  /**
   * The older model's ids mapped to the newer model's by a Hungarian matching on centroid distance;
   * `to` is null when the matched centroid lies beyond its limit (no counterpart).
   */
  readonly alignment: readonly { readonly from: number; readonly to: number | null; readonly distance: number | null; readonly limit: number | null }[];
}

/**
 * Whether each segment id means the same in two model versions. Centroids are compared in one
 * space: each model's z-values are turned back into feature units with its own scaler and
 * standardised again with the newer model's scaler, so a retrain whose scaler moved does not
 * count as a moved segment. The distance is the root mean square over the shared segment
 * features of the difference in standard deviations (`centroidDistance`), so it reads the same
 * whatever the number of features.
 *
 * @example
 * const identity = segmentIdentity(champion, challenger);
 * identity.flagged; // [3]: id 3 now names another segment
 */
export function segmentIdentity(before: SegmentSide, after: SegmentSide, limitShare = SEGMENT_MOVE_SHARE): SegmentIdentity {
  const features = after.segments.features.filter((f) => before.segments.features.includes(f)
    && before.scaler.names.includes(f) && after.scaler.names.includes(f));
  const comparable = features.length > 0;
  const a = comparable ? commonSpace(before, after, features) : [];
  const b = comparable ? commonSpace(after, after, features) : [];
  const idsA = Array.from(before.segments.ids), idsB = Array.from(after.segments.ids);
  const dist = a.map((ca) => b.map((cb) => centroidDistance(ca, cb)));
  const limits = b.map((cb, j) => {
    const others = b.filter((_, q) => q !== j).map((o) => centroidDistance(cb, o));
    return others.length > 0 ? limitShare * Math.min(...others) : null;
  });
  const within = (d: number | null, j: number) => d !== null && (limits[j] === null || d <= limits[j]!);
  const match = comparable && idsB.length > 0 ? hungarian(dist.map((row) => row.map((d) => d * d))) : idsA.map(() => -1);
  const alignment = idsA.map((from, i) => {
    const j = match[i]!;
    const d = j >= 0 ? dist[i]![j]! : null;
    return { from, to: within(d, j) ? idsB[j]! : null, distance: d, limit: j >= 0 ? limits[j]! : null };
  });
  const all = [...new Set([...idsA, ...idsB])].sort((x, y) => x - y);
  const nameOf = (side: SegmentSide, at: number) => {
    const n = side.segments.names[at]!;
    return { code: n.code, zh: n.zh, en: n.en };
  };
  const segments = all.map((id): SegmentIdentityEntry => {
    const i = idsA.indexOf(id), j = idsB.indexOf(id);
    const beforeName = i >= 0 ? nameOf(before, i) : null;
    const afterName = j >= 0 ? nameOf(after, j) : null;
    const distance = comparable && i >= 0 && j >= 0 ? dist[i]![j]! : null;
    const limit = comparable && i >= 0 && j >= 0 ? limits[j]! : null;
    const meaningNowAt = i >= 0 ? alignment[i]!.to : null;
    let status: SegmentIdentityStatus;
    if (i < 0) status = 'new';
    else if (j < 0) status = 'retired';
    else if (!within(distance, j)) status = 'moved';
    else status = beforeName!.code === afterName!.code ? 'same' : 'renamed';
    return { id, before: beforeName, after: afterName, distance, limit, meaningNowAt, status };
  });
  return {
    distance: 'rms_z', limitShare, features, comparable, segments,
    flagged: segments.filter((s) => s.status === 'moved' || s.status === 'renamed').map((s) => s.id),
    alignment,
  };
}

/**
 * Root mean square of the per-feature differences of two centroids given in the same standardised
 * space: √(Σ_j (a_j − b_j)² / n), in standard deviations of the newer model's training clients.
 */
export function centroidDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += (a[j]! - b[j]!) ** 2;
  return a.length > 0 ? Math.sqrt(sum / a.length) : 0;
}

/** The side's centroids over `features`, in feature units standardised by `to`'s scaler. */
function commonSpace(side: SegmentSide, to: SegmentSide, features: readonly string[]): Float64Array[] {
  const cols = side.segments.features.length;
  const at = features.map((f) => side.segments.features.indexOf(f));
  const own = features.map((f) => side.scaler.names.indexOf(f));
  const target = features.map((f) => to.scaler.names.indexOf(f));
  return Array.from(side.segments.ids, (_, c) => Float64Array.from(features, (_f, j) => {
    const raw = side.scaler.means[own[j]!]! + side.scaler.sds[own[j]!]! * side.segments.centroids[c * cols + at[j]!]!;
    return (raw - to.scaler.means[target[j]!]!) / to.scaler.sds[target[j]!]!;
  }));
}
