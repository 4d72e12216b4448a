/**
 * v × 10,000 rounded as `v.toFixed(4)` rounds it, or -1 where only toFixed can say. toFixed rounds
 * the exact binary value to the nearest 1/10,000, ties up; rounding the product v × 10,000
 * agrees except when the product lands within its rounding error of a half, which is left to
 * toFixed itself, as is anything outside 0 ≤ v < 10⁹.
 *
 * @example
 * tenThousandths(0.25); // 2500
 */
export function tenThousandths(v: number): number {
  if (!(v >= 0 && v < 1e9)) return -1;
  const scaled = v * 10_000;
  const whole = Math.floor(scaled);
  const frac = scaled - whole;
  if (Math.abs(frac - 0.5) < 1e-6) return -1;
  return frac > 0.5 ? whole + 1 : whole;
}

/**
 * `v.toFixed(4)` for scores.csv, several times faster on the values it writes.
 *
 * @example
 * formatProbability(0.25); // '0.2500'
 */
export function formatProbability(v: number): string {
  const n = tenThousandths(v);
  if (n < 0) return v.toFixed(4);
  const int = Math.floor(n / 10_000);
  const dec = n - int * 10_000;
  return `${int}.${dec < 10 ? '000' : dec < 100 ? '00' : dec < 1000 ? '0' : ''}${dec}`;
}
