import type { Rng } from '../core/rng.js';

/** A percentile bootstrap confidence interval of a statistic of some rows. */
export interface BootstrapInterval {
  readonly low: number;
  readonly high: number;
  /** Coverage aimed at, e.g. 0.95. */
  readonly level: number;
  /** Resamples whose statistic was finite (a resample holding one class has no AUC): the interval's base. */
  readonly resamples: number;
}

export interface BootstrapOptions {
  /** Resamples drawn; default 200 (enough for a 95% interval's ends to move by about ±0.01 between seeds). */
  readonly resamples?: number;
  /** Default 0.95. */
  readonly level?: number;
}

/**
 * The percentile bootstrap interval of `statistic` over `n` rows: `resamples` times, draw n row
 * indices with replacement from `rng`, compute the statistic on them, and take the (1 − level)/2
 * and (1 + level)/2 quantiles of the finite results. Pure and seeded: the same rng state gives
 * the same interval. Null when fewer than half the resamples gave a finite statistic.
 *
 * @example
 * const mean = (rows: Uint32Array) => rows.reduce((s, i) => s + values[i]!, 0) / rows.length;
 * bootstrapInterval(values.length, mean, new Rng(7)); // { low: 0.27, high: 0.34, level: 0.95, resamples: 200 }
 */
export function bootstrapInterval(n: number, statistic: (rows: Uint32Array) => number, rng: Rng, options: BootstrapOptions = {}): BootstrapInterval | null {
  const resamples = options.resamples ?? 200;
  const level = options.level ?? 0.95;
  if (n === 0 || resamples <= 0) return null;
  const values: number[] = [];
  const rows = new Uint32Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) rows[i] = rng.int(n);
    const v = statistic(rows);
    if (Number.isFinite(v)) values.push(v);
  }
  if (values.length < resamples / 2) return null;
  values.sort((a, b) => a - b);
  return { low: quantile(values, (1 - level) / 2), high: quantile(values, (1 + level) / 2), level, resamples: values.length };
}

/** Linear interpolation between order statistics (numpy's default, type 7). */
function quantile(sorted: readonly number[], q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (at - lo) * (sorted[hi]! - sorted[lo]!);
}
