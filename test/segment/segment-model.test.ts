import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { segmentMarginReasons } from '../../src/segment/segment-margin-reasons.js';
import { SegmentModel } from '../../src/segment/segment-model.js';

describe('SegmentModel.reasonFeatures', () => {
  it('picks the features segmentMarginReasons picks, in its order, ties included', () => {
    const features = ['a', 'b', 'c', 'd', 'e', 'f'];
    const rng = new Rng(5);
    // Values on a coarse grid so equal gains (ties) happen often.
    const grid = () => (rng.int(9) - 4) / 2;
    const centroids = Float64Array.from({ length: 4 * features.length }, grid);
    const model = new SegmentModel(features, Int32Array.from([0, 1, 2, 3]), centroids, []);
    const rows = 2000;
    const z = Float64Array.from({ length: rows * features.length }, grid);
    const a = model.assign(z, rows);
    const out = new Int32Array(4);
    const gains = new Float64Array(features.length);
    let ties = 0;
    for (let i = 0; i < rows; i++) {
      const expected = model.reasons(z, i, a).map((r) => r.code);
      const n = model.reasonFeatures(z, i, a, out, gains);
      const codes = Array.from(out.subarray(0, n), (j) => `seg_${features[j]}_${z[i * features.length + j]! >= 0 ? 'high' : 'low'}`);
      expect(codes).toStrictEqual(expected);
      const shares = model.reasons(z, i, a).map((r) => r.share);
      if (new Set(shares).size < shares.length) ties++;
    }
    expect(ties).toBeGreaterThan(50);
    expect(segmentMarginReasons([2, 0], [2, 0], [0, 0], ['x', 'y']).map((r) => r.code)).toStrictEqual(['seg_x_high']);
  });

  it('gives no reasons when there is no runner-up', () => {
    const model = new SegmentModel(['a'], Int32Array.from([4]), Float64Array.from([0]), []);
    const z = Float64Array.from([1]);
    expect(model.reasonFeatures(z, 0, model.assign(z, 1), new Int32Array(4), new Float64Array(1))).toBe(0);
  });
});
