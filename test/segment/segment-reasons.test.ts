import { describe, expect, it } from 'vitest';
import { segmentReasons } from '../../src/segment/segment-reasons.js';

describe('segmentReasons', () => {
  it('gives each feature its share of the squared distance, largest first', () => {
    expect(segmentReasons([2, 0], [0, 1], ['trades_per_month', 'holding_days'])).toEqual([
      { code: 'seg_trades_per_month_high', feature: 'trades_per_month', direction: 'high', share: 0.8 },
      { code: 'seg_holding_days_low', feature: 'holding_days', direction: 'low', share: 0.2 },
    ]);
  });

  it('keeps the top 4 by default, and ties in feature order', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    // Squared gaps 1, 9, 4, 1, 16, 9 → total 40.
    const r = segmentReasons([1, 3, -2, 0, 4, 3], [0, 0, 0, 1, 0, 0], names);
    expect(r.map((x) => [x.code, x.share])).toEqual([
      ['seg_e_high', 16 / 40], ['seg_b_high', 9 / 40], ['seg_f_high', 9 / 40], ['seg_c_low', 4 / 40],
    ]);
    expect(segmentReasons([1, 3, -2, 0, 4, 3], [0, 0, 0, 1, 0, 0], names, 2)).toHaveLength(2);
  });

  it('has no reasons for a client exactly at the centroid, and skips features with no gap', () => {
    expect(segmentReasons([1, 2], [1, 2], ['a', 'b'])).toEqual([]);
    expect(segmentReasons([1, 5], [1, 2], ['a', 'b']).map((x) => x.code)).toEqual(['seg_b_high']);
  });

  it('throws input_invalid on mismatched lengths or missing values', () => {
    expect(() => segmentReasons([1], [1, 2], ['a', 'b'])).toThrow(expect.objectContaining({ code: 'input_invalid' }));
    expect(() => segmentReasons([1, NaN], [1, 2], ['a', 'b'])).toThrow(expect.objectContaining({ code: 'input_invalid' }));
  });
});
