import { describe, expect, it } from 'vitest';
import { buildDriftReference, compareDrift, countDrift, exactSumValue, mergeDriftCounts, Rng, type FeatureMatrix, type PredictionCounts } from '../../src/index.js';

/** A matrix of two features on very different scales, so plain float sums would depend on the split. */
function fixture(rows: number, seed: string, shift = 0): { matrix: FeatureMatrix; predictions: PredictionCounts; categories: Record<string, string[]> } {
  const rng = new Rng(seed);
  const values = new Float64Array(rows * 2);
  for (let i = 0; i < rows; i++) {
    values[i * 2] = rng.normal(10 + shift, 2);
    values[i * 2 + 1] = Math.exp(rng.normal(12, 1.5));
  }
  values[5] = Number.NaN;
  const segmentIds = Int32Array.from({ length: rows }, () => rng.int(3));
  const riskClass = Int32Array.from({ length: rows }, () => rng.int(2));
  const needs = Uint8Array.from({ length: rows * 2 }, () => (rng.next() < 0.3 ? 1 : 0));
  return {
    matrix: { names: ['a', 'b'], clientIds: Array.from({ length: rows }, (_, i) => `C${i}`), rows, cols: 2, values },
    predictions: { segmentIds, riskClass, riskClasses: ['low', 'high'], needs, needNames: ['n1', 'n2'] },
    categories: { tier: Array.from({ length: rows }, () => (rng.next() < 0.8 ? 'mass' : 'hnw')) },
  };
}

function slice(f: ReturnType<typeof fixture>, from: number, to: number): ReturnType<typeof fixture> {
  const { matrix, predictions } = f;
  return {
    matrix: { ...matrix, clientIds: matrix.clientIds.slice(from, to), rows: to - from, values: matrix.values.slice(from * 2, to * 2) },
    predictions: { ...predictions, segmentIds: predictions.segmentIds.slice(from, to), riskClass: predictions.riskClass.slice(from, to), needs: predictions.needs.slice(from * 2, to * 2) },
    categories: { tier: f.categories.tier!.slice(from, to) },
  };
}

describe('drift counts', () => {
  const train = fixture(3000, 'train');
  const reference = buildDriftReference(train.matrix, train.predictions, train.categories);

  it('keeps histograms on quantile edges, exact sums, categories and prediction counts', () => {
    expect(reference.rows).toBe(3000);
    expect(reference.features.map((f) => f.counts.length)).toStrictEqual([10, 10]);
    expect(reference.features.map((f) => f.counts.reduce((s, c) => s + c, 0))).toStrictEqual([3000, 2999]);
    expect(reference.features.map((f) => f.missing)).toStrictEqual([0, 1]);
    expect(Object.values(reference.categories['tier']!).reduce((s, c) => s + c, 0)).toBe(3000);
    expect(Object.keys(reference.segments)).toStrictEqual(['0', '1', '2']);
  });

  it('adds shard counts up to exactly the single pass, and so does the drift computed from them', () => {
    const run = fixture(2000, 'run', 0.5);
    const whole = countDrift(run.matrix, reference.features, run.categories, run.predictions);
    const cuts = [0, 333, 1200, 1201, 2000];
    const shards = cuts.slice(1).map((to, s) => {
      const part = slice(run, cuts[s]!, to);
      return countDrift(part.matrix, reference.features, part.categories, part.predictions);
    });
    const merged = [...shards].reverse().reduce(mergeDriftCounts);
    expect(merged.rows).toBe(whole.rows);
    for (const [j, f] of merged.features.entries()) {
      const w = whole.features[j]!;
      expect(f.counts).toStrictEqual(w.counts);
      expect(f.missing).toBe(w.missing);
      expect(f.sums.map(exactSumValue)).toStrictEqual(w.sums.map(exactSumValue));
      expect(exactSumValue(f.sumSquares)).toBe(exactSumValue(w.sumSquares));
    }
    expect(merged.categories).toStrictEqual(whole.categories);
    expect([merged.segments, merged.risk, merged.needs]).toStrictEqual([whole.segments, whole.risk, whole.needs]);
    expect(compareDrift(reference, merged)).toStrictEqual(compareDrift(reference, whole));
  });

  it('refuses to merge counts on other edges or of other features', () => {
    const run = fixture(200, 'other');
    const a = countDrift(run.matrix, reference.features, {}, run.predictions);
    const b = countDrift(run.matrix, [{ name: 'a', edges: [1, 2] }, reference.features[1]!], {}, run.predictions);
    expect(() => mergeDriftCounts(a, b)).toThrow(RangeError);
    expect(() => mergeDriftCounts(a, { ...a, features: [a.features[0]!] })).toThrow(RangeError);
    expect(() => countDrift(run.matrix, [{ name: 'zzz', edges: [0] }], {}, run.predictions)).toThrow(RangeError);
  });
});
