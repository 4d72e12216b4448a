/**
 * A floating-point sum kept exactly, as Shewchuk's non-overlapping partials (Python's
 * `math.fsum`). Partials from shards merge without any rounding, and `exactSumValue` is the
 * correctly rounded total, so the sum of shard sums equals the single-pass sum bit for bit, in
 * any order. Plain `+` would differ in the last bits with the order of the additions.
 */
export type ExactSum = number[];

/** Adds `x` to the partials in place (finite values only). */
export function addToExactSum(partials: ExactSum, x: number): void {
  let i = 0;
  for (let j = 0; j < partials.length; j++) {
    let y = partials[j]!;
    if (Math.abs(x) < Math.abs(y)) { const t = x; x = y; y = t; }
    const hi = x + y;
    const lo = y - (hi - x);
    if (lo !== 0) partials[i++] = lo;
    x = hi;
  }
  partials.length = i;
  partials.push(x);
}

/**
 * `addToExactSum` on a growable Float64Array: the same partials, about twice as fast, for the
 * hot loop that sums every feature value of a run.
 */
export class ExactSumAccumulator {
  private p = new Float64Array(8);
  private n = 0;

  add(x: number): void {
    const p = this.p;
    let i = 0;
    for (let j = 0; j < this.n; j++) {
      let y = p[j]!;
      if ((x < 0 ? -x : x) < (y < 0 ? -y : y)) { const t = x; x = y; y = t; }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) p[i++] = lo;
      x = hi;
    }
    if (i === p.length) { this.p = new Float64Array(p.length * 2); this.p.set(p); }
    this.p[i] = x;
    this.n = i + 1;
  }

  /** The partials so far (as `addToExactSum` would hold them). */
  partials(): ExactSum {
    return Array.from(this.p.subarray(0, this.n));
  }
}

/**
 * The one way of writing an exact sum: its correctly rounded value, then the correctly rounded
 * rest, and so on (kept smallest first, as partials are). Different orders of adding leave
 * different partials for the same exact value; this form depends on the value alone, so the
 * counts that shards merge into equal a single pass's byte for byte.
 */
export function canonicalExactSum(partials: readonly number[]): ExactSum {
  const rest = [...partials];
  const out: number[] = [];
  for (let v = exactSumValue(rest); v !== 0; v = exactSumValue(rest)) {
    out.push(v);
    addToExactSum(rest, -v);
  }
  return out.reverse();
}

/** The exact sum of two exact sums, as new partials. */
export function mergeExactSums(a: readonly number[], b: readonly number[]): ExactSum {
  const out = [...a];
  for (const x of b) addToExactSum(out, x);
  return out;
}

/**
 * The correctly rounded value of the exact sum (round half to even across partials, as
 * CPython's fsum does).
 *
 * @example
 * const s: ExactSum = [];
 * for (const x of [0.1, 0.2, 0.3]) addToExactSum(s, x);
 * exactSumValue(s); // 0.6 (plain 0.1 + 0.2 + 0.3 is 0.6000000000000001)
 */
export function exactSumValue(partials: readonly number[]): number {
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n]!;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n]!;
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  if (n > 0 && ((lo < 0 && partials[n - 1]! < 0) || (lo > 0 && partials[n - 1]! > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}
