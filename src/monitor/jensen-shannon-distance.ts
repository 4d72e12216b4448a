/**
 * Jensen–Shannon distance between two categorical distributions given as counts over the same
 * categories: √JSD with base-2 logarithms, so it lies in [0, 1] (scipy's `jensenshannon(p, q,
 * base=2)`). Finite with empty categories, so no smoothing. DESIGN.md threshold: 0.1.
 *
 * @example
 * jensenShannonDistance([1, 0], [0, 1]); // 1
 */
export function jensenShannonDistance(p: readonly number[], q: readonly number[]): number {
  if (p.length !== q.length) throw new RangeError(`Jensen–Shannon needs the same categories: ${p.length} and ${q.length}`);
  const np = p.reduce((s, v) => s + v, 0), nq = q.reduce((s, v) => s + v, 0);
  if (np === 0 || nq === 0) return np === nq ? 0 : 1;
  let divergence = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i]! / np, b = q[i]! / nq, m = (a + b) / 2;
    if (a > 0) divergence += 0.5 * a * Math.log2(a / m);
    if (b > 0) divergence += 0.5 * b * Math.log2(b / m);
  }
  return Math.sqrt(Math.max(0, divergence));
}
