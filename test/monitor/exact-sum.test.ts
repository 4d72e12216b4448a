import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/index.js';
import { addToExactSum, exactSumValue, mergeExactSums, type ExactSum } from '../../src/index.js';
import { canonicalExactSum, ExactSumAccumulator } from '../../src/monitor/exact-sum.js';

const sumOf = (xs: readonly number[]): ExactSum => { const s: ExactSum = []; for (const x of xs) addToExactSum(s, x); return s; };

describe('exact sums', () => {
  it('gives the correctly rounded total where plain addition does not', () => {
    expect(0.1 + 0.2 + 0.3).not.toBe(0.6);
    expect(exactSumValue(sumOf([0.1, 0.2, 0.3]))).toBe(0.6);
    expect(exactSumValue(sumOf([1e16, 1, -1e16]))).toBe(1);
    expect(exactSumValue([])).toBe(0);
  });

  it('adds shards to the single-pass value bit for bit, whatever the split and order', () => {
    const rng = new Rng('exact-sum');
    const xs = Array.from({ length: 5000 }, () => (rng.next() - 0.3) * 10 ** Math.floor(rng.next() * 12));
    const whole = exactSumValue(sumOf(xs));
    const plainWhole = xs.reduce((s, x) => s + x, 0);
    let plainDiffered = false;
    for (const cut of [1, 777, 2500, 4999]) {
      const a = xs.slice(0, cut), b = xs.slice(cut);
      expect(exactSumValue(mergeExactSums(sumOf(b), sumOf(a)))).toBe(whole);
      const plainSplit = b.reduce((s, x) => s + x, 0) + a.reduce((s, x) => s + x, 0);
      if (plainSplit !== plainWhole) plainDiffered = true;
    }
    // The fixture is one where plain floating-point sums do depend on the split.
    expect(plainDiffered).toBe(true);
  });

  it('writes one exact value one way: the canonical partials of every split are the same, and keep the value', () => {
    const rng = new Rng('canonical');
    const xs = Array.from({ length: 3000 }, () => (rng.next() - 0.4) * 10 ** Math.floor(rng.next() * 10));
    const whole = canonicalExactSum(sumOf(xs));
    let rawDiffered = false;
    for (const cut of [1, 1000, 2999]) {
      const merged = mergeExactSums(sumOf(xs.slice(cut)), sumOf(xs.slice(0, cut)));
      if (JSON.stringify(merged) !== JSON.stringify(sumOf(xs))) rawDiffered = true;
      expect(canonicalExactSum(merged)).toEqual(whole);
    }
    expect(rawDiffered).toBe(true);
    expect(exactSumValue(whole)).toBe(exactSumValue(sumOf(xs)));
    expect(canonicalExactSum([])).toEqual([]);
    expect(canonicalExactSum([1e-20, 3, -3])).toEqual([1e-20]);
  });
});

describe('the exact-sum accumulator', () => {
  it('holds the same partials as addToExactSum, growing past its first buffer', () => {
    // Exponents 60 apart cannot share a partial: seventeen of them need seventeen.
    const xs = [...Array.from({ length: 17 }, (_, k) => (k % 2 ? -1 : 1) * 2 ** (60 * k - 500)), ...Array.from({ length: 200 }, (_, i) => (i % 2 ? 1 : -1) * 2 ** (i % 60) * (1 + i / 1000))];
    const acc = new ExactSumAccumulator();
    for (const x of xs) acc.add(x);
    expect(acc.partials()).toStrictEqual(sumOf(xs));
    expect(acc.partials().length).toBeGreaterThan(8);
  });
});
