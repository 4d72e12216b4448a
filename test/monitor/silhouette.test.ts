import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { pairDistances, silhouette, silhouetteFromDistances } from '../../src/monitor/silhouette.js';

const code = (c: string) => expect.objectContaining({ code: c });

describe('silhouette', () => {
  it('matches a 1-D fixture worked by hand', () => {
    // 0: a=1, b=10.5 → 19/21; 1: a=1, b=9.5 → 17/19; 10 and 11 mirror them.
    expect(silhouette(Float64Array.of(0, 1, 10, 11), 4, 1, [0, 0, 1, 1])).toBeCloseTo((19 / 21 + 17 / 19) / 2, 14);
  });

  it('scores a point alone in its cluster 0', () => {
    // 0: a=2.5, b=10 → 0.75; 2: a=1.5, b=8 → 0.8125; 3: a=2, b=7 → 5/7; 10: alone → 0.
    expect(silhouette(Float64Array.of(0, 2, 3, 10), 4, 1, [0, 0, 0, 1])).toBeCloseTo(255 / 448, 14);
  });

  it('matches a 2-D fixture on 3-4-5 triangles', () => {
    // Every point: a = 3, b = (4 + 5) / 2 = 4.5 → 1/3.
    const data = Float64Array.of(0, 0, 0, 3, 4, 0, 4, 3);
    expect(silhouette(data, 4, 2, Int32Array.of(0, 0, 1, 1))).toBeCloseTo(1 / 3, 14);
  });

  it('on a sample, uses only the sampled points', () => {
    // Rows 0, 1, 3 → points 0, 1, 11: 10/11, 9/10, and 11 is alone in the sample → 0.
    expect(silhouette(Float64Array.of(0, 1, 10, 11), 4, 1, [0, 0, 1, 1], [0, 1, 3])).toBeCloseTo((10 / 11 + 9 / 10) / 3, 14);
  });

  it('is negative when points sit nearer the other cluster', () => {
    expect(silhouette(Float64Array.of(0, 10, 1, 11), 4, 1, [0, 0, 1, 1])).toBeLessThan(0);
  });

  it('from precomputed distances, matches the direct computation', () => {
    expect(silhouetteFromDistances(pairDistances(Float64Array.of(0, 1, 10, 11), 4, 1), [0, 0, 1, 1])).toBeCloseTo((19 / 21 + 17 / 19) / 2, 6);
    const pairs = pairDistances(Float64Array.of(0, 1, 10, 11), 4, 1, [0, 1, 3]);
    expect(Array.from(pairs.dist)).toEqual([1, 11, 10]);
    expect(silhouetteFromDistances(pairs, [0, 0, 1, 1])).toBeCloseTo((10 / 11 + 9 / 10) / 3, 6);
    const rng = new Rng('sil');
    const data = Float64Array.from({ length: 300 * 3 }, () => rng.normal());
    const sample = [5, 17, 40, 41, 99, 150, 151, 152, 200, 280, 299];
    const pairs2 = pairDistances(data, 300, 3, sample);
    for (let t = 0; t < 3; t++) {
      const labels = Int32Array.from({ length: 300 }, () => rng.int(3));
      expect(Math.abs(silhouetteFromDistances(pairs2, labels) - silhouette(data, 300, 3, labels, sample))).toBeLessThan(1e-6);
      expect(Math.abs(silhouetteFromDistances(pairDistances(data, 300, 3), labels) - silhouette(data, 300, 3, labels))).toBeLessThan(1e-6);
    }
  });

  it('throws input_invalid on bad shapes, labels, sample rows or a single cluster', () => {
    expect(() => silhouette(Float64Array.of(0, 1, 2), 2, 1, [0, 1])).toThrow(code('input_invalid'));
    expect(() => silhouette(Float64Array.of(0, 1), 2, 1, [0])).toThrow(code('input_invalid'));
    expect(() => silhouette(Float64Array.of(0, 1), 2, 1, [0, -1])).toThrow(code('input_invalid'));
    expect(() => silhouette(Float64Array.of(0, 1), 2, 1, [0, 1.5])).toThrow(code('input_invalid'));
    expect(() => silhouette(Float64Array.of(0, 1), 2, 1, [0, 1], [0, 2])).toThrow(code('input_invalid'));
    expect(() => silhouette(Float64Array.of(0, 1), 2, 1, [1, 1])).toThrow(code('input_invalid'));
    expect(() => pairDistances(Float64Array.of(0, 1), 2, 1, [2])).toThrow(code('input_invalid'));
    expect(() => silhouetteFromDistances(pairDistances(Float64Array.of(0, 1), 2, 1), [0])).toThrow(code('input_invalid'));
    expect(() => silhouetteFromDistances(pairDistances(Float64Array.of(0, 1), 2, 1), [0, 0])).toThrow(code('input_invalid'));
  });
});
