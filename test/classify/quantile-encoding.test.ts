import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../src/classify/normal-quantile.js';
import { fitQuantileEncoding, QuantileEncoding } from '../../src/classify/quantile-encoding.js';

/** One feature per column, rows given column by column. */
function rows(columns: number[][]): { names: string[]; rows: number; cols: number; values: Float64Array } {
  const n = columns[0]!.length;
  const d = columns.length;
  const values = new Float64Array(n * d);
  columns.forEach((col, j) => col.forEach((v, i) => { values[i * d + j] = v; }));
  return { names: columns.map((_, j) => `f${j}`), rows: n, cols: d, values };
}

describe('normalQuantile', () => {
  it('gives the standard normal quantiles', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326347874, 8);
    expect(normalQuantile(1 / 256)).toBeCloseTo(-2.660067468, 7);
  });
});

describe('fitQuantileEncoding', () => {
  it('maps a column onto normal scores at its training quantiles, clamped beyond them', () => {
    const x = rows([Array.from({ length: 1001 }, (_, i) => i)]);
    const enc = fitQuantileEncoding(x, undefined, 4);
    // levels 1/8, 3/8, 5/8, 7/8 → quantiles 125, 375, 625, 875
    expect(enc.toJSON().knots).toStrictEqual([[125, 375, 625, 875]]);
    const u = enc.transform(rows([[0, 125, 250, 500, 875, 5000]])).values;
    const z1 = normalQuantile(1 / 8);
    const z3 = normalQuantile(3 / 8);
    expect(u[0]).toBeCloseTo(z1, 6); // below the first knot: clamped
    expect(u[1]).toBeCloseTo(z1, 6);
    expect(u[2]).toBeCloseTo((z1 + z3) / 2, 6); // halfway between knots: linear
    expect(u[3]).toBeCloseTo(0, 6); // the median
    expect(u[4]).toBeCloseTo(-z1, 6);
    expect(u[5]).toBeCloseTo(-z1, 6);
  });

  it('puts a sentinel in 5% of the rows at one score and keeps the other rows spread', () => {
    const col = Array.from({ length: 2000 }, (_, i) => (i % 20 === 0 ? -999 : Math.exp(i / 200)));
    const enc = fitQuantileEncoding(rows([col]));
    const u = enc.transform(rows([[-999, -1e6, 1e12, ...col.slice(1, 6)]])).values;
    // All levels below 5% tie at −999: one knot whose score is that of their middle level.
    expect(enc.toJSON().knots[0]![0]).toBe(-999);
    expect(u[0]).toBeCloseTo(normalQuantile(3 / 128), 6); // levels ½/128 … 5½/128 tie: mean 3/128
    expect(u[1]).toBe(u[0]); // further out: clamped to the same
    expect(u[2]).toBeCloseTo(-normalQuantile(0.5 / 128), 6); // a huge value: the top score, not 10¹²
    for (let i = 4; i < 8; i++) expect(u[i]!).toBeGreaterThan(u[i - 1]!);
    expect(Math.max(...Array.from(enc.transform(rows([col])).values, Math.abs))).toBeLessThan(2.7);
  });

  it('encodes a constant column, an all-missing one and non-finite values as 0; a 0/1 column at its midranks', () => {
    const n = 1000;
    const binary = Array.from({ length: n }, (_, i) => (i < 900 ? 0 : 1));
    const enc = fitQuantileEncoding(rows([Array(n).fill(7), Array(n).fill(Number.NaN), binary]), undefined, 10);
    const u = enc.transform(rows([[7, 100, Number.NaN], [1, 2, 3], [0, 1, Number.POSITIVE_INFINITY]])).values;
    // rows: (7, 1, 0), (100, 2, 1), (NaN, 3, +∞)
    for (const i of [0, 1, 3, 4, 6, 7, 8]) expect(u[i]).toBe(0);
    // levels 0.05 … 0.95 step 0.1: 0.05–0.85 give 0 (mean 0.45), 0.95 gives 1
    expect(u[2]).toBeCloseTo(normalQuantile(0.45), 6);
    expect(u[5]).toBeCloseTo(normalQuantile(0.95), 6);
  });

  it('fits on the listed rows only', () => {
    const x = rows([[0, 1, 2, 3, 100, 200, 300, 400]]);
    const low = fitQuantileEncoding(x, Uint32Array.of(0, 1, 2, 3), 2);
    expect(low.toJSON().knots).toStrictEqual([[0.75, 2.25]]);
  });

  it('round-trips through JSON with identical output and refuses damaged knots', () => {
    const col = Array.from({ length: 500 }, (_, i) => Math.sin(i) * 1000);
    const x = rows([col, col.map((v) => v * v)]);
    const enc = fitQuantileEncoding(x);
    const back = QuantileEncoding.fromJSON(JSON.parse(JSON.stringify(enc.toJSON())) as ReturnType<typeof enc.toJSON>);
    expect(back.transform(x).values).toStrictEqual(enc.transform(x).values);
    const json = enc.toJSON();
    expect(() => QuantileEncoding.fromJSON({ ...json, knots: [json.knots[0]!.slice().reverse(), json.knots[1]!] }))
      .toThrow(expect.objectContaining({ code: 'model_incompatible' }));
    expect(() => QuantileEncoding.fromJSON({ ...json, scores: [json.scores[0]!] }))
      .toThrow(expect.objectContaining({ code: 'model_incompatible' }));
    expect(() => enc.transform(rows([col]))).toThrow(expect.objectContaining({ code: 'model_incompatible' }));
  });
});
