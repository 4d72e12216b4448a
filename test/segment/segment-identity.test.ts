import { describe, expect, it } from 'vitest';
import { centroidDistance, segmentIdentity, type SegmentSide } from '../../src/index.js';

const name = (code: string) => ({ code, zh: code, en: code, description: { zh: '', en: '' }, topFeatures: [], score: null });

/** Two features, a scaler with these means and sds, segments with these ids, centroids (z) and names. */
function side(ids: number[], centroids: number[], codes: string[], means = [0, 0], sds = [1, 1]): SegmentSide {
  return {
    segments: { features: ['f', 'g'], ids: Int32Array.from(ids), centroids: Float64Array.from(centroids), names: codes.map(name) },
    scaler: { names: ['f', 'g'], means: Float64Array.from(means), sds: Float64Array.from(sds) },
  };
}

describe('segmentIdentity', () => {
  it('measures the root mean square of z differences: one feature 2 sd apart over two features is √2', () => {
    expect(centroidDistance([0, 0], [2, 0])).toBeCloseTo(Math.SQRT2, 12);
    expect(centroidDistance([1, 1], [1, 1])).toBe(0);
  });

  it('keeps ids that stay within half the distance to the nearest other segment, and flags the ones whose meaning moved', () => {
    // Before: id 0 at (0,0) "saver", id 1 at (4,0) "trader", id 2 at (0,4) "education".
    const before = side([0, 1, 2], [0, 0, 4, 0, 0, 4], ['saver', 'trader', 'education']);
    // After (k = 4): id 0 barely moved; id 2 now sits where "trader" was and id 1 is a new place;
    // education moved to id 3.
    const after = side([0, 1, 2, 3], [0.1, 0, 4, -4, 4, 0.2, 0, 4.1], ['saver', 'loans', 'trader', 'education']);
    const r = segmentIdentity(before, after);
    expect(r.comparable).toBe(true);
    expect(r.features).toStrictEqual(['f', 'g']);
    expect(r.segments.map((s) => [s.id, s.status, s.meaningNowAt])).toStrictEqual([
      [0, 'same', 0], [1, 'moved', 2], [2, 'moved', 3], [3, 'new', null],
    ]);
    expect(r.flagged).toStrictEqual([1, 2]);
    // id 0: moved 0.1 in f → rms 0.1/√2; its limit is half of its distance to the nearest other (id 2 at (4, 0.2)).
    const zero = r.segments[0]!;
    expect(zero.distance).toBeCloseTo(0.1 / Math.SQRT2, 12);
    expect(zero.limit).toBeCloseTo(0.5 * centroidDistance([0.1, 0], [4, 0.2]), 12);
    expect(r.alignment.map((a) => [a.from, a.to])).toStrictEqual([[0, 0], [1, 2], [2, 3]]);
  });

  it('flags a renamed segment that did not move, and calls a missing id retired', () => {
    const before = side([0, 1, 2], [0, 0, 4, 0, 0, 4], ['saver', 'trader', 'education']);
    const after = side([0, 1], [0, 0, 4, 0], ['saver', 'high turnover']);
    const r = segmentIdentity(before, after);
    expect(r.segments.map((s) => s.status)).toStrictEqual(['same', 'renamed', 'retired']);
    expect(r.flagged).toStrictEqual([1]);
    expect(r.alignment.find((a) => a.from === 2)!.to).toBeNull();
  });

  it('compares centroids in the newer model\'s standardised space, so a rescaled retrain of the same segments moves nothing', () => {
    // Same segments in feature units (f: 10 and 30, g: 5), standardised by different scalers.
    const before = side([0, 1], [-1, 0, 1, 0], ['a', 'b'], [20, 5], [10, 1]);
    const after = side([0, 1], [-0.5, 0, 0.5, 0], ['a', 'b'], [20, 5], [20, 1]);
    const r = segmentIdentity(before, after);
    expect(r.segments.map((s) => s.distance)).toStrictEqual([0, 0]);
    expect(r.flagged).toStrictEqual([]);
    // Read in the older model's z instead, the centroids would be 0.5 sd apart on f: that is not a move.
    expect(centroidDistance([-1, 0], [-0.5, 0])).toBeGreaterThan(0.3);
  });

  it('says the ids are not comparable when the models share no segment feature', () => {
    const before = side([0, 1], [0, 0, 4, 0], ['a', 'b']);
    const other: SegmentSide = { segments: { ...before.segments, features: ['x', 'y'] }, scaler: { ...before.scaler, names: ['x', 'y'] } };
    const r = segmentIdentity(before, other);
    expect(r.comparable).toBe(false);
    expect(r.alignment.map((a) => a.to)).toStrictEqual([null, null]);
    expect(r.segments.map((s) => s.status)).toStrictEqual(['moved', 'moved']);
  });
});
