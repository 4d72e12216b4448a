import type { NumericCounts } from './drift-counts.js';
import { exactSumValue } from './exact-sum.js';

/** Where a feature that had one value at training sits on its reference bins. */
export interface TrainingConstant {
  /** The value every training client had. */
  readonly value: number;
  /** The bin that holds it: every client of a run outside this bin has moved away. */
  readonly bin: number;
}

/**
 * The value of a feature that was constant at training, or undefined when the training values
 * spread. A constant normally sits in a bin of its own, [c, c⁺) (see `isolateConstant`), so a
 * run's clients outside that bin are exactly the clients away from c. Counts not built by
 * `buildDriftReference` or `parseDriftReference` may keep the constant in a wider bin (σ = 0 tells
 * it is constant); then only the moves out of that bin are seen.
 *
 * @example
 * trainingConstant({ name: 'x', edges: [0, 5e-324], counts: [0, 2000, 0], sums: [[], [], []], sumSquares: [], missing: 0 });
 * // { value: 0, bin: 1 }
 */
export function trainingConstant(f: NumericCounts): TrainingConstant | undefined {
  const occupied = f.counts.flatMap((c, i) => (c > 0 ? [i] : []));
  if (occupied.length !== 1) return undefined;
  const bin = occupied[0]!;
  const lower = f.edges[bin - 1];
  if (lower !== undefined && f.edges[bin] === nextAbove(lower)) return { value: lower, bin };
  const n = f.counts[bin]!;
  const mean = exactSumValue(f.sums[bin]!) / n;
  return exactSumValue(f.sumSquares) / n - mean * mean === 0 ? { value: mean, bin } : undefined;
}

/**
 * The same counts with a constant feature's value given a bin of its own: edges […, c, c⁺, …]
 * with c⁺ the next double above c. Training deciles of a constant column collapse to one edge c,
 * whose bin [c, next edge) also takes every value above c: a run moving up from the constant
 * (a client buying insurance where none had at training) would not change a single count. The
 * split is exact because every training value is c (Σv = n·c and Σv² = n·c² with all v ≥ c, to
 * the rounding of those sums). Other features, and constants already alone in their bin, are
 * returned as they are.
 *
 * @example
 * isolateConstant({ name: 'x', edges: [0], counts: [0, 2000], sums: [[], []], sumSquares: [], missing: 0 });
 * // edges [0, 5e-324], counts [0, 2000, 0], sums [[], [], []]
 */
export function isolateConstant(f: NumericCounts): NumericCounts {
  const occupied = f.counts.flatMap((c, i) => (c > 0 ? [i] : []));
  if (occupied.length !== 1 || occupied[0]! === 0) return f;
  const bin = occupied[0]!;
  const c = f.edges[bin - 1]!, n = f.counts[bin]!;
  const upper = nextAbove(c);
  if (f.edges[bin] === upper) return f;
  if (exactSumValue(f.sums[bin]!) !== n * c || exactSumValue(f.sumSquares) !== n * (c * c)) return f;
  return {
    ...f,
    edges: [...f.edges.slice(0, bin), upper, ...f.edges.slice(bin)],
    counts: [...f.counts.slice(0, bin + 1), 0, ...f.counts.slice(bin + 1)],
    sums: [...f.sums.slice(0, bin + 1), [], ...f.sums.slice(bin + 1)],
  };
}

/** The smallest double above `x` (Java's Math.nextUp), for a finite x. */
export function nextAbove(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const bits = new Float64Array([x]);
  const int = new BigInt64Array(bits.buffer);
  int[0] = int[0]! + (x > 0 ? 1n : -1n);
  return bits[0]!;
}
