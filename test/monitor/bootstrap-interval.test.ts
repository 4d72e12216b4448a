import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { bootstrapInterval } from '../../src/monitor/bootstrap-interval.js';

const meanOf = (values: ArrayLike<number>) => (rows: Uint32Array): number => {
  let s = 0;
  for (const i of rows) s += values[i]!;
  return s / rows.length;
};

describe('bootstrapInterval', () => {
  it('covers a known proportion about 95% of the time, about as wide as the normal interval', () => {
    const p = 0.3, n = 300, trials = 200;
    const data = new Rng('coverage-data');
    let covered = 0, width = 0;
    for (let t = 0; t < trials; t++) {
      const sample = Uint8Array.from({ length: n }, () => (data.bernoulli(p) ? 1 : 0));
      const ci = bootstrapInterval(n, meanOf(sample), new Rng(`coverage-${t}`))!;
      if (ci.low <= p && p <= ci.high) covered++;
      width += (ci.high - ci.low) / trials;
    }
    // Binomial noise on 200 trials at 0.95 is ±0.015; percentile intervals run a little short at n = 300.
    expect(covered / trials).toBeGreaterThanOrEqual(0.9);
    expect(covered / trials).toBeLessThanOrEqual(0.99);
    const normalWidth = 2 * 1.96 * Math.sqrt((p * (1 - p)) / n);
    expect(width).toBeGreaterThan(0.85 * normalWidth);
    expect(width).toBeLessThan(1.15 * normalWidth);
  });

  it('is the same for the same seed and differs for another', () => {
    const values = Float64Array.from({ length: 80 }, (_, i) => Math.sin(i) * 3 + i / 10);
    const a = bootstrapInterval(values.length, meanOf(values), new Rng(5));
    const b = bootstrapInterval(values.length, meanOf(values), new Rng(5));
    const c = bootstrapInterval(values.length, meanOf(values), new Rng(6));
    expect(a).toStrictEqual(b);
    expect(a).not.toStrictEqual(c);
    expect(a!.resamples).toBe(200);
    expect(a!.level).toBe(0.95);
    expect(a!.low).toBeLessThan(meanOf(values)(Uint32Array.from(values, (_, i) => i)));
    expect(a!.high).toBeGreaterThan(meanOf(values)(Uint32Array.from(values, (_, i) => i)));
  });

  it('is the point itself for a constant statistic, and null when most resamples have none', () => {
    expect(bootstrapInterval(10, () => 0.5, new Rng(1))).toStrictEqual({ low: 0.5, high: 0.5, level: 0.95, resamples: 200 });
    expect(bootstrapInterval(10, () => Number.NaN, new Rng(1))).toBeNull();
    expect(bootstrapInterval(0, () => 1, new Rng(1))).toBeNull();
    // Resamples with no finite statistic are left out and counted.
    let call = 0;
    const ci = bootstrapInterval(10, () => (call++ % 4 === 0 ? Number.NaN : 1), new Rng(1))!;
    expect(ci.resamples).toBe(150);
  });

  it('takes the level asked for: a 50% interval lies inside the 95% one', () => {
    const values = Float64Array.from({ length: 200 }, (_, i) => (i * 7919) % 101);
    const wide = bootstrapInterval(values.length, meanOf(values), new Rng(3))!;
    const narrow = bootstrapInterval(values.length, meanOf(values), new Rng(3), { level: 0.5 })!;
    expect(narrow.low).toBeGreaterThan(wide.low);
    expect(narrow.high).toBeLessThan(wide.high);
  });
});
