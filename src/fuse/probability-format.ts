/**
 * How scores.csv writes probabilities: 'rounded' to 4 decimals (the default, what a person reads),
 * or 'full': every digit the model's float32 output holds, for analysis downstream.
 */
export const PROBABILITY_FORMATS = ['rounded', 'full'] as const;
export type ProbabilityFormat = (typeof PROBABILITY_FORMATS)[number];

/**
 * A decimal that reads back as exactly the same float32, with as few digits as rounding to whole
 * decimal places allows (at most 9 significant digits, which always suffice): the probability as
 * the network computed it, without float64 noise such as 0.30000001192092896. A value that is not
 * a float32 is written in full (String). About 0.7 µs a value.
 *
 * @example
 * fullProbability(Math.fround(0.3)); // '0.3'
 * fullProbability(Math.fround(0.123456789)); // '0.12345679'
 */
export function fullProbability(v: number): string {
  if (!Number.isFinite(v) || Math.fround(v) !== v) return String(v);
  if (v === 0) return '0';
  // Decimals d such that v rounded to d places reads back as v: more places only come closer,
  // so they form a range, bisected with arithmetic (toPrecision costs ~1 µs a call).
  let lo = 0;
  let hi = 8 - Math.floor(Math.log10(Math.abs(v)));
  if (hi > 22 || hi < 0) return String(Number(v.toPrecision(9)));
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Math.fround(roundTo(v, mid)) === v) hi = mid; else lo = mid + 1;
  }
  const r = roundTo(v, lo);
  return Math.fround(r) === v ? String(r) : String(Number(v.toPrecision(9)));
}

/** v rounded to d decimals, as the double nearest that decimal (10^d is exact up to d = 22). */
function roundTo(v: number, d: number): number {
  const scale = 10 ** d;
  return Math.round(v * scale) / scale;
}
