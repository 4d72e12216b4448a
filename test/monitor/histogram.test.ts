import { describe, expect, it } from 'vitest';
import { addHistograms, binOf, histogram, quantileEdges } from '../../src/monitor/histogram.js';

describe('fixed-edge histograms', () => {
  it('puts values in half-open bins with open ends', () => {
    const edges = [1, 2, 3];
    expect([0, 1, 1.5, 2, 2.99, 3, 100].map((v) => binOf(edges, v))).toStrictEqual([0, 1, 1, 2, 2, 3, 3]);
    expect(histogram(edges, [0, 1, 1.5, 2, 3, 4]).counts).toStrictEqual([1, 2, 1, 2]);
  });

  it('takes quantile edges and collapses repeated ones', () => {
    expect(quantileEdges([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5)).toStrictEqual([3, 5, 7, 9]);
    expect(quantileEdges([0, 0, 0, 0, 0, 0, 0, 5, 6, 7], 5)).toStrictEqual([0, 6]);
    expect(quantileEdges([4, 4, 4], 10)).toStrictEqual([4]);
  });

  it('adds shard histograms to exactly the single-pass histogram', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i * 37) % 101);
    const edges = quantileEdges(values, 10);
    const whole = histogram(edges, values);
    const parts = [values.slice(0, 333), values.slice(333, 700), values.slice(700)].map((p) => histogram(edges, p));
    expect(parts.reduce(addHistograms)).toStrictEqual(whole);
    expect(() => addHistograms(whole, histogram([1], [1]))).toThrow();
  });
});
