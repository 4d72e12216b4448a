import { PipelineError } from '../core/errors.js';

/** One reason: a feature's part in where a client sits relative to their segment's centroid. */
export interface SegmentReason {
  /** Stable code `seg_<feature>_high|low`: the client's value is above/below the centroid's. */
  readonly code: string;
  readonly feature: string;
  readonly direction: 'high' | 'low';
  /** This feature's share of the squared distance to the centroid, in (0, 1]. */
  readonly share: number;
}

/**
 * The features that contribute most to a client's squared (z-space) distance from their segment's
 * centroid, largest share first, at most `top`: what sets this client apart within the segment.
 * Ties go to the feature listed first. A client exactly at the centroid has no reasons.
 *
 * @example
 * segmentReasons([2, 0], [0, 1], ['trades_per_month', 'holding_days'], 4);
 * // [{ code: 'seg_trades_per_month_high', share: 0.8, … }, { code: 'seg_holding_days_low', share: 0.2, … }]
 */
export function segmentReasons(
  rowZ: ArrayLike<number>,
  centroid: ArrayLike<number>,
  featureNames: readonly string[],
  top = 4,
): SegmentReason[] {
  const cols = featureNames.length;
  if (rowZ.length !== cols || centroid.length !== cols) {
    throw new PipelineError('input_invalid', `got ${rowZ.length} values, a ${centroid.length}-value centroid and ${cols} feature names; pass one of each per feature`, { row: rowZ.length, centroid: centroid.length, names: cols });
  }
  let total = 0;
  for (let j = 0; j < cols; j++) {
    const t = rowZ[j]! - centroid[j]!;
    total += t * t;
  }
  if (!Number.isFinite(total)) {
    throw new PipelineError('input_invalid', 'the row or centroid has a missing or infinite value; standardise the row with the model\'s scaler first', {});
  }
  if (total === 0) return [];
  const reasons: SegmentReason[] = [];
  for (let j = 0; j < cols; j++) {
    const t = rowZ[j]! - centroid[j]!;
    if (t === 0) continue;
    const direction = t > 0 ? 'high' : 'low';
    reasons.push({ code: `seg_${featureNames[j]!}_${direction}`, feature: featureNames[j]!, direction, share: (t * t) / total });
  }
  // Array.prototype.sort is stable, so equal shares keep feature order.
  return reasons.sort((a, b) => b.share - a.share).slice(0, top);
}
