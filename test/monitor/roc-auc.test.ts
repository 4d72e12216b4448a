import { describe, expect, it } from 'vitest';
import { precisionAtK, rocAuc } from '../../src/monitor/roc-auc.js';

describe('rocAuc', () => {
  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
  });

  it('counts a tie between a positive and a negative as one half', () => {
    // positive 0.4 beats 0.1 and ties two negatives at 0.4 (2 of 3); positive 0.8 beats all three
    expect(rocAuc([0.1, 0.4, 0.4, 0.8, 0.4], [0, 0, 1, 1, 0])).toBeCloseTo(5 / 6, 12);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
  });

  it('is NaN when one class is absent', () => {
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNaN();
  });
});

describe('precisionAtK', () => {
  it('takes the share of positives among the k highest scores, ties in input order', () => {
    expect(precisionAtK([0.9, 0.8, 0.3, 0.1], [1, 0, 1, 0], 2)).toBe(0.5);
    expect(precisionAtK([0.5, 0.5, 0.9], [0, 1, 1], 2)).toBe(0.5);
    expect(precisionAtK([0.5, 0.9], [1, 1], 10)).toBe(1);
  });
});
