import { describe, expect, it } from 'vitest';
import type { FeatureMatrix } from '../../src/core/feature-matrix.js';
import { Rng } from '../../src/core/rng.js';
import { fitScaler, scalerFromJSON } from '../../src/segment/fit-scaler.js';

const code = (c: string) => expect.objectContaining({ code: c });

function matrix(names: string[], columns: number[][]): FeatureMatrix {
  const rows = columns[0]!.length;
  const cols = names.length;
  const values = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) values[i * cols + j] = columns[j]![i]!;
  return { names, clientIds: Array.from({ length: rows }, (_, i) => `c${i}`), rows, cols, values };
}

// c: mean 5, population sd 2; a: 1/3 alternating (mean 2, sd 1) with two NaNs; b: constant.
const fixture = matrix(['a', 'b', 'c'], [
  [1, 3, NaN, 1, 3, 1, 3, NaN],
  [7, 7, 7, 7, 7, 7, 7, 7],
  [2, 4, 4, 4, 5, 5, 7, 9],
]);

describe('fitScaler', () => {
  it('fits means and population sds, ignoring NaN, with sd 1 for a constant column', () => {
    const s = fitScaler(fixture, ['c', 'a', 'b']);
    expect(s.names).toEqual(['c', 'a', 'b']);
    expect(Array.from(s.means)).toEqual([5, 2, 7]);
    expect(Array.from(s.sds)).toEqual([2, 1, 1]);
  });

  it('transforms to z in its own column order, filling NaN with 0 (the mean)', () => {
    const z = fitScaler(fixture, ['c', 'a', 'b']).transform(fixture);
    expect(Array.from(z)).toEqual([
      -1.5, -1, 0,
      -0.5, 1, 0,
      -0.5, 0, 0,
      -0.5, -1, 0,
      0, 1, 0,
      0, -1, 0,
      1, 1, 0,
      2, 0, 0,
    ]);
  });

  it('uses every column by default and finds columns by name in another matrix', () => {
    const s = fitScaler(fixture);
    expect(s.names).toEqual(['a', 'b', 'c']);
    const reordered = matrix(['c', 'x', 'a', 'b'], [[9], [100], [3], [7]]);
    expect(Array.from(s.transform(reordered))).toEqual([1, 0, 2]);
  });

  it('round-trips through JSON exactly', () => {
    const rng = new Rng('scaler');
    const cols = Array.from({ length: 4 }, () => Array.from({ length: 50 }, () => rng.logNormal(1000, 1.3)));
    const m = matrix(['w', 'x', 'y', 'z'], cols);
    const s = fitScaler(m);
    const again = scalerFromJSON(JSON.parse(JSON.stringify(s.toJSON())));
    expect(again.names).toEqual(s.names);
    expect(again.means).toStrictEqual(s.means);
    expect(again.sds).toStrictEqual(s.sds);
    expect(again.transform(m)).toStrictEqual(s.transform(m));
    expect(again.toJSON()).toStrictEqual(s.toJSON());
  });

  it('a column with no values gets mean 0 and sd 1', () => {
    const s = fitScaler(matrix(['a'], [[NaN, NaN]]));
    expect([s.means[0], s.sds[0]]).toEqual([0, 1]);
  });

  it('throws config_invalid for unknown or no columns, model_incompatible when a matrix lacks one', () => {
    expect(() => fitScaler(fixture, ['a', 'nope'])).toThrow(code('config_invalid'));
    expect(() => fitScaler(fixture, [])).toThrow(code('config_invalid'));
    const s = fitScaler(fixture, ['a', 'c']);
    expect(() => s.transform(matrix(['a'], [[1]]))).toThrow(code('model_incompatible'));
  });

  it('throws input_invalid on infinite values', () => {
    expect(() => fitScaler(matrix(['a'], [[1, Infinity]]))).toThrow(code('input_invalid'));
    const s = fitScaler(matrix(['a'], [[1, 2]]));
    expect(() => s.transform(matrix(['a'], [[-Infinity]]))).toThrow(code('input_invalid'));
  });

  it('refuses a malformed stored scaler with model_incompatible', () => {
    const good = fitScaler(fixture).toJSON();
    expect(() => scalerFromJSON({ ...good, sds: [1, 0, 1] })).toThrow(code('model_incompatible'));
    expect(() => scalerFromJSON({ ...good, means: [1] })).toThrow(code('model_incompatible'));
    expect(() => scalerFromJSON({ ...good, extra: 1 })).toThrow(code('model_incompatible'));
    expect(() => scalerFromJSON('scaler')).toThrow(code('model_incompatible'));
  });
});
