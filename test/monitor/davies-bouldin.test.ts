import { describe, expect, it } from 'vitest';
import { daviesBouldin } from '../../src/monitor/davies-bouldin.js';

const code = (c: string) => expect.objectContaining({ code: c });

describe('daviesBouldin', () => {
  it('matches a two-cluster fixture worked by hand', () => {
    // scatter 1 and 1, centroids 10 apart → (1 + 1) / 10.
    expect(daviesBouldin(Float64Array.of(0, 2, 10, 12), 4, 1, [0, 0, 1, 1], Float64Array.of(1, 11))).toBeCloseTo(0.2, 14);
  });

  it('matches a three-cluster fixture worked by hand', () => {
    // scatter [1, 2, 0]; R01 = 3/11, R02 = 1/29, R12 = 2/18; worst per cluster 3/11, 3/11, 1/9.
    const v = daviesBouldin(Float64Array.of(0, 2, 10, 14, 30), 5, 1, [0, 0, 1, 1, 2], Float64Array.of(1, 12, 30));
    expect(v).toBeCloseTo(65 / 297, 14);
  });

  it('uses Euclidean distance in 2-D', () => {
    // Cluster 0: (0,0),(0,2) around (0,1), scatter 1; cluster 1: (3,4),(3,6) around (3,5), scatter 1; ‖c0 − c1‖ = 5.
    const data = Float64Array.of(0, 0, 0, 2, 3, 4, 3, 6);
    expect(daviesBouldin(data, 4, 2, [0, 0, 1, 1], Float64Array.of(0, 1, 3, 5))).toBeCloseTo(0.4, 14);
  });

  it('leaves out clusters without points', () => {
    const v = daviesBouldin(Float64Array.of(0, 2, 10, 12), 4, 1, [0, 0, 2, 2], Float64Array.of(1, 100, 11));
    expect(v).toBeCloseTo(0.2, 14);
  });

  it('throws input_invalid on bad centroids, labels without a centroid, or one cluster', () => {
    const data = Float64Array.of(0, 2, 10, 12);
    expect(() => daviesBouldin(data, 2, 2, [0, 1], Float64Array.of(1, 2, 3))).toThrow(code('input_invalid'));
    expect(() => daviesBouldin(data, 4, 1, [0, 0, 1, 3], Float64Array.of(1, 11))).toThrow(code('input_invalid'));
    expect(() => daviesBouldin(data, 4, 1, [0, 0, 0, 0], Float64Array.of(1, 11))).toThrow(code('input_invalid'));
  });
});
