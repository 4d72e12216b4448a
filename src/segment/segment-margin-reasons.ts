/** One reason a client is in their segment rather than the next nearest one. */
export interface SegmentMarginReason {
  /** Stable code `seg_<feature>_high|low`: the client's value is above/below the client average. */
  readonly code: string;
  readonly feature: string;
  /** This feature's share of the margin by which the own centroid is nearer than the runner-up. */
  readonly share: number;
}

/**
 * Why this segment: the squared distance to the runner-up centroid minus that to the own centroid
 * splits into one term per feature; the features with the largest positive terms, as shares of
 * their sum, are the reasons. A client equally near both centroids has no reasons.
 *
 * @example
 * segmentMarginReasons([2, 0], [2, 0], [0, 0], ['trades_per_month', 'holding_days']);
 * // [{ code: 'seg_trades_per_month_high', feature: 'trades_per_month', share: 1 }]
 */
export function segmentMarginReasons(
  rowZ: ArrayLike<number>,
  own: ArrayLike<number>,
  runnerUp: ArrayLike<number>,
  featureNames: readonly string[],
  top = 4,
): SegmentMarginReason[] {
  const terms: { j: number; gain: number }[] = [];
  let total = 0;
  for (let j = 0; j < featureNames.length; j++) {
    const x = rowZ[j]!;
    const gain = (x - runnerUp[j]!) ** 2 - (x - own[j]!) ** 2;
    if (gain > 0) { terms.push({ j, gain }); total += gain; }
  }
  terms.sort((a, b) => b.gain - a.gain || a.j - b.j);
  return terms.slice(0, top).map(({ j, gain }) => ({
    code: `seg_${featureNames[j]}_${rowZ[j]! >= 0 ? 'high' : 'low'}`,
    feature: featureNames[j]!,
    share: gain / total,
  }));
}
