/**
 * Pseudo-count added to every bin before shares are taken (Jeffreys' ½). An empty bin would make
 * PSI infinite; a fixed floor share (Evidently uses 0.0001) ignores how many rows were counted,
 * while ½ of a row shrinks towards 0 as the sample grows, and the shares still sum to 1.
 */
export const PSI_PSEUDO_COUNT = 0.5;

/**
 * Population stability index of `actual` against `expected`, counts on the same bins:
 * Σ (aᵢ − eᵢ) · ln(aᵢ / eᵢ) with shares aᵢ = (countᵢ + ½) / (n + ½·B). DESIGN.md: 0.1 is a minor
 * shift, 0.25 a major one.
 *
 * @example
 * populationStabilityIndex([50, 50], [30, 70]); // ≈ 0.1659
 */
export function populationStabilityIndex(expected: readonly number[], actual: readonly number[], pseudoCount = PSI_PSEUDO_COUNT): number {
  if (expected.length !== actual.length) throw new RangeError(`PSI needs the same bins: ${expected.length} expected, ${actual.length} actual`);
  const e = smoothedShares(expected, pseudoCount);
  const a = smoothedShares(actual, pseudoCount);
  let psi = 0;
  for (let i = 0; i < e.length; i++) psi += (a[i]! - e[i]!) * Math.log(a[i]! / e[i]!);
  return psi;
}

function smoothedShares(counts: readonly number[], pseudoCount: number): number[] {
  const total = counts.reduce((s, c) => s + c, 0) + pseudoCount * counts.length;
  return counts.map((c) => (c + pseudoCount) / total);
}
