import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../../src/monitor/adjusted-rand-index.js';

describe('adjustedRandIndex', () => {
  it('is 1 for identical partitions, whatever the label values', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2], [0, 0, 1, 1, 2])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1, 2], [7, 7, 3, 3, -1])).toBe(1);
    expect(adjustedRandIndex(Int32Array.of(1, 1, 0), Float64Array.of(5, 5, 9))).toBe(1);
  });

  it('matches hand-worked contingency tables', () => {
    // cells C(2,2)+C(2,2)=2; rows 3+3=6; cols 1+1+1=3; expected 6·3/15=1.2; max 4.5 → 0.8/3.3 = 8/33.
    expect(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo(8 / 33, 14);
    // cells 1; rows 2; cols 1; expected 2/6; max 1.5 → (2/3)/(7/6) = 4/7.
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(4 / 7, 14);
    // cells 0; rows 2; cols 2; expected 2/3; max 2 → -0.5: worse than chance.
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 14);
  });

  it('is symmetric', () => {
    const a = [0, 0, 0, 1, 1, 2, 2, 2];
    const b = [1, 1, 0, 0, 0, 2, 2, 1];
    expect(adjustedRandIndex(a, b)).toBeCloseTo(adjustedRandIndex(b, a), 14);
  });

  it('treats the undefined limit cases as perfect agreement', () => {
    expect(adjustedRandIndex([0, 0, 0], [1, 1, 1])).toBe(1);
    expect(adjustedRandIndex([0, 1, 2], [2, 0, 1])).toBe(1);
    expect(adjustedRandIndex([], [])).toBe(1);
  });

  it('rejects labelings of different lengths with input_invalid', () => {
    expect(() => adjustedRandIndex([0, 1], [0])).toThrow(expect.objectContaining({ code: 'input_invalid' }));
  });
});
