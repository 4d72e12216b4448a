import { describe, expect, it } from 'vitest';
import { MIN_SLICE_ROWS, sliceMetrics } from '../../src/monitor/slice-metrics.js';

describe('sliceMetrics', () => {
  it('measures each group on its own rows and shows groups below the minimum as too few', () => {
    // 150 rows in group 0, 99 in group 1, 100 in group 2, none in group 3, 5 in no group.
    const groups = [...new Array<number>(150).fill(0), ...new Array<number>(99).fill(1), ...new Array<number>(100).fill(2), ...new Array<number>(5).fill(-1)];
    const values = groups.map((g, i) => (g === 0 ? 1 : i));
    const seen: number[] = [];
    const slices = sliceMetrics(groups, ['a', 'b', 'c', 'd'], MIN_SLICE_ROWS, (rows) => {
      seen.push(rows.length);
      return { mean: Array.from(rows, (r) => values[r]!).reduce((s, v) => s + v, 0) / rows.length };
    });
    expect(slices.map((s) => [s.name, s.n])).toStrictEqual([['a', 150], ['b', 99], ['c', 100], ['d', 0]]);
    expect(slices[0]!.metrics).toStrictEqual({ mean: 1 });
    expect(slices[1]!.metrics).toBeNull();
    expect(slices[2]!.metrics).not.toBeNull();
    expect(slices[3]!.metrics).toBeNull();
    // The measure never runs on a slice below the guard.
    expect(seen).toStrictEqual([150, 100]);
  });
});
