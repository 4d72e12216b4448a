import type { NumericCounts } from './drift-counts.js';
import { exactSumValue } from './exact-sum.js';
import { quantileEdges } from './histogram.js';

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

/** A feature nearly constant at training: one value, and fewer than `minAway` clients off it. */
export interface TrainingAtom extends TrainingConstant {
  /** Training clients away from the value (0 for a constant). */
  readonly away: number;
}

/**
 * The value a feature sat at for all its training clients but fewer than `minAway` (the minimum-n
 * guard, `DriftThresholds.minRows`), or undefined. Its spread comes from that handful of clients,
 * so a distance scaled by it follows which few clients a draw happens to hold (`buy_share_fx`: 4
 * clients of 1,500 at training, 9 in a fresh draw of the same population, normalised Wasserstein
 * 0.105): like a constant, it is judged by the share of clients away from its value. The value
 * needs a bin of its own, [c, c⁺) (`atomEdges`); a constant is found as `trainingConstant` does.
 *
 * @example
 * trainingAtom({ name: 'x', edges: [0, 5e-324, 0.3], counts: [0, 1496, 2, 2], sums: [[], [], [0.4], [0.9]], sumSquares: [0.5], missing: 0 }, 100);
 * // { value: 0, bin: 1, away: 4 }
 */
export function trainingAtom(f: NumericCounts, minAway: number): TrainingAtom | undefined {
  const constant = trainingConstant(f);
  if (constant !== undefined) return { ...constant, away: 0 };
  for (let bin = 1; bin < f.edges.length; bin++) {
    if (f.edges[bin] !== nextAbove(f.edges[bin - 1]!)) continue;
    const away = f.counts.reduce((s, c) => s + c, 0) - f.counts[bin]!;
    return away < minAway ? { value: f.edges[bin - 1]!, bin, away } : undefined;
  }
  return undefined;
}

/**
 * Training edges for the drift reference: the deciles, except that a value held by at least two
 * tenths of the clients (a spike at 0: a rare transaction type, an asset class few buy), on which
 * decile edges collapse, gets a bin of its own, [c, c⁺), and the other edges are the deciles of
 * the values off it. Plain deciles collapse on such a spike, leaving two or three wide bins whose means move with the mix inside
 * them: `buy_share_equity` (87 % at 0) read a normalised Wasserstein of 0.100 on a fresh draw of
 * the same population, against 0.064 on the raw values; on these edges, 0.06. A constant gets
 * [c, c⁺] as `isolateConstant` gives it.
 *
 * @example
 * atomEdges([0, 0, 0, 0, 0, 0, 0, 5, 6, 7], 5); // [0, 5e-324, 5, 6, 7]
 * atomEdges([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5); // [3, 5, 7, 9]: no spike, the deciles
 */
export function atomEdges(values: ArrayLike<number>, bins = 10): number[] {
  const sorted = Float64Array.from(values).sort();
  let mode = NaN, most = 0;
  for (let i = 0, j = 0; i < sorted.length; i = j) {
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    if (j - i > most) { most = j - i; mode = sorted[i]!; }
  }
  if (most === 0 || most * bins < 2 * sorted.length) return quantileEdges(sorted, bins);
  const rest = sorted.filter((v) => v !== mode);
  const edges = new Set([mode, nextAbove(mode), ...(rest.length > 0 ? quantileEdges(rest, bins) : [])]);
  return [...edges].sort((a, b) => a - b);
}
