import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { adjustedRandIndex } from '../../src/monitor/adjusted-rand-index.js';
import { selectK } from '../../src/segment/select-k.js';
import { blobs } from './blobs.js';

const code = (c: string) => expect.objectContaining({ code: c });

describe('selectK', () => {
  it('picks 6 for 6 well-separated 10-D blobs and returns the matching fit', () => {
    const { data, labels, rows } = blobs(6, 1000, 10, 7);
    const sel = selectK(data, rows, 10, { sampleSize: 2000 }, new Rng(5));
    expect(sel.k).toBe(6);
    expect(sel.curve.map((p) => p.k)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sel.sampleSize).toBe(2000);
    const six = sel.curve[3]!;
    expect(six.silhouette).toBe(Math.max(...sel.curve.map((p) => p.silhouette)));
    expect(six.daviesBouldin).toBe(Math.min(...sel.curve.map((p) => p.daviesBouldin)));
    expect(six.silhouette).toBeGreaterThan(0.7);
    expect(sel.fit.k).toBe(6);
    expect(sel.fit.inertia).toBeLessThanOrEqual(six.inertia);
    expect(sel.fit.restartInertias).toHaveLength(5);
    expect(adjustedRandIndex(sel.fit.labels, labels)).toBeGreaterThanOrEqual(0.95);
    // More clusters never fit worse.
    for (let i = 1; i < sel.curve.length; i++) expect(sel.curve[i]!.inertia).toBeLessThanOrEqual(sel.curve[i - 1]!.inertia);
  });

  it('is deterministic per seed', () => {
    const { data, rows } = blobs(3, 100, 4, 2);
    const a = selectK(data, rows, 4, { kMin: 2, kMax: 4, sampleSize: 120, restarts: 2 }, new Rng(1));
    const b = selectK(data, rows, 4, { kMin: 2, kMax: 4, sampleSize: 120, restarts: 2 }, new Rng(1));
    expect(b.curve).toStrictEqual(a.curve);
    expect(b.fit.centroids).toStrictEqual(a.fit.centroids);
  });

  it('returns the curve\'s own fit when finalRestarts does not exceed restarts', () => {
    const { data, rows } = blobs(3, 40, 2, 6);
    const sel = selectK(data, rows, 2, { kMin: 2, kMax: 4, restarts: 3, finalRestarts: 3 }, new Rng(1));
    expect(sel.fit.inertia).toBe(sel.curve.find((p) => p.k === sel.k)!.inertia);
    expect(sel.fit.restartInertias).toHaveLength(3);
  });

  it('uses every row for the silhouette when there are fewer than sampleSize', () => {
    const { data, rows } = blobs(3, 20, 2, 4);
    expect(selectK(data, rows, 2, { kMin: 2, kMax: 3 }, new Rng(1)).sampleSize).toBe(rows);
  });

  it('throws config_invalid on a bad range and input_invalid when kMax exceeds the rows', () => {
    const data = Float64Array.of(0, 1, 2, 3, 10, 11);
    expect(() => selectK(data, 6, 1, { kMin: 4, kMax: 3 }, new Rng(1))).toThrow(code('config_invalid'));
    expect(() => selectK(data, 6, 1, { kMin: 1, kMax: 3 }, new Rng(1))).toThrow(code('config_invalid'));
    expect(() => selectK(data, 6, 1, { kMin: 2, kMax: 3, sample: 3 } as never, new Rng(1))).toThrow(code('config_invalid'));
    expect(() => selectK(data, 6, 1, { kMin: 2, kMax: 7 }, new Rng(1))).toThrow(code('input_invalid'));
  });
});
