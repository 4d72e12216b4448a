import { describe, expect, it } from 'vitest';
import {
  binnedWasserstein, chiSquareTest, jensenShannonDistance, normalisedWasserstein, populationStabilityIndex,
} from '../../src/index.js';
import { upperRegularizedGamma } from '../../src/monitor/chi-square-test.js';

describe('population stability index', () => {
  it('matches the hand-computed value with the ½ pseudo-count', () => {
    // Shares (50.5/101, 50.5/101) = (0.5, 0.5) and (30.5/101, 70.5/101):
    // (0.30198 − 0.5)·ln(0.60396) + (0.69802 − 0.5)·ln(1.39604) = 0.099849 + 0.066069.
    expect(populationStabilityIndex([50, 50], [30, 70])).toBeCloseTo(0.165918, 6);
    expect(populationStabilityIndex([7, 3, 0], [7, 3, 0])).toBe(0);
  });

  it('stays finite when a bin is empty on one side', () => {
    // (0.5/11, 10.5/11) against (10.5/11, 0.5/11): 2 · (10/11) · ln 21.
    expect(populationStabilityIndex([0, 10], [10, 0])).toBeCloseTo(5.535495, 6);
    expect(() => populationStabilityIndex([1, 2], [1, 2, 3])).toThrow(RangeError);
  });
});

describe('binned Wasserstein distance', () => {
  it('moves half the mass one unit: 0.5, normalised by the reference σ of 0.5 to 1', () => {
    // Reference values 0, 0, 1, 1 on edges [0.5]; current 1, 1, 1, 1.
    const ref = { counts: [2, 2], sums: [0, 2] }, cur = { counts: [0, 4], sums: [0, 4] };
    expect(binnedWasserstein(ref, cur)).toBe(0.5);
    expect(normalisedWasserstein(binnedWasserstein(ref, cur), 0.5)).toBe(1);
  });

  it('sees a shift inside the open top bin through the bin means', () => {
    // Top bin holds 20, 30 (mean 25) then 60, 90 (mean 75): the exact W₁ of the raw values is
    // (|20 − 60| + |30 − 90|) / 2 = 50, and so is the binned one.
    expect(binnedWasserstein({ counts: [0, 2], sums: [0, 50] }, { counts: [0, 2], sums: [0, 150] })).toBe(50);
    // Two bins each: 1 | 20, 30 against 1 | 60, 90 → one third of the mass at 0 distance, two thirds move 50.
    expect(binnedWasserstein({ counts: [1, 2], sums: [1, 50] }, { counts: [1, 2], sums: [1, 150] })).toBeCloseTo(100 / 3, 12);
  });

  it('is 0 without mass, and a constant reference gives 0 or Infinity', () => {
    expect(binnedWasserstein({ counts: [0], sums: [0] }, { counts: [3], sums: [3] })).toBe(0);
    expect(normalisedWasserstein(0, 0)).toBe(0);
    expect(normalisedWasserstein(0.2, 0)).toBe(Infinity);
  });
});

describe('Jensen–Shannon distance', () => {
  it('matches the hand-computed value (base 2)', () => {
    // P = (½, ½), Q = (¼, ¾), M = (⅜, ⅝): KL(P‖M) = 0.0465545, KL(Q‖M) = 0.0510354 bits; √(mean) = 0.220896.
    expect(jensenShannonDistance([1, 1], [1, 3])).toBeCloseTo(0.220896, 6);
    expect(jensenShannonDistance([1, 0], [0, 1])).toBe(1);
    expect(jensenShannonDistance([2, 4], [20, 40])).toBe(0);
  });

  it('handles empty samples and refuses mismatched categories', () => {
    expect(jensenShannonDistance([0, 0], [0, 0])).toBe(0);
    expect(jensenShannonDistance([0, 0], [1, 0])).toBe(1);
    expect(() => jensenShannonDistance([1], [1, 2])).toThrow(RangeError);
  });
});

describe('chi-square test of homogeneity', () => {
  it('matches the hand-computed 2 × 2 table', () => {
    // Expected 15 in every cell: 4 · 25 / 15 = 6.667; p = erfc(√(6.667/2)) = 0.0098233; V = √(6.667/60) = ⅓.
    const test = chiSquareTest([10, 20], [20, 10]);
    expect(test.statistic).toBeCloseTo(20 / 3, 12);
    expect(test.df).toBe(1);
    expect(test.pValue).toBeCloseTo(0.0098233, 6);
    expect(test.cramersV).toBeCloseTo(1 / 3, 12);
  });

  it('matches the hand-computed 2 × 3 table, where p = exp(−χ²/2) exactly', () => {
    // Expected (15, 7.5, 7.5) per row: 25/15 + 2 · 6.25/7.5, twice = 6.667; df 2.
    const test = chiSquareTest([10, 10, 10], [20, 5, 5]);
    expect(test.statistic).toBeCloseTo(20 / 3, 12);
    expect(test.df).toBe(2);
    expect(test.pValue).toBeCloseTo(Math.exp(-10 / 3), 10);
  });

  it('leaves out categories empty on both sides, and one category is no test', () => {
    expect(chiSquareTest([10, 0, 20], [20, 0, 10]).df).toBe(1);
    expect(chiSquareTest([5, 0], [7, 0])).toStrictEqual({ statistic: 0, df: 0, pValue: 1, cramersV: 0 });
    expect(() => chiSquareTest([1], [1, 2])).toThrow(RangeError);
  });

  it('has an upper incomplete gamma that agrees with closed forms on both branches', () => {
    for (const x of [0.1, 1, 2.5, 7, 30]) expect(upperRegularizedGamma(1, x)).toBeCloseTo(Math.exp(-x), 12);
    expect(upperRegularizedGamma(3, 0)).toBe(1);
    // Q(2, x) = (1 + x) e^−x
    for (const x of [0.5, 2, 9]) expect(upperRegularizedGamma(2, x)).toBeCloseTo((1 + x) * Math.exp(-x), 12);
  });
});
