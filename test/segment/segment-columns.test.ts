import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { adjustedRandIndex } from '../../src/monitor/adjusted-rand-index.js';
import { chooseSegmentColumns } from '../../src/segment/choose-segment-columns.js';
import { fitSegments } from '../../src/segment/fit-segments.js';
import { segmentMeans } from '../../src/segment/segment-means.js';
import { explainedShare } from '../../src/segment/relevance-weights.js';
import { SegmentModel, segmentModelFromJSON } from '../../src/segment/segment-model.js';
import { blobs } from './blobs.js';

describe('chooseSegmentColumns', () => {
  // Row-major 4 × 5 over a, b = 2a (a duplicate), c constant, d, e.
  const names = ['a', 'b', 'c', 'd', 'e'];
  const z = Float64Array.of(
    -1, -2, 0, 1, 0.5,
    0, 0, 0, -1, -1,
    1, 2, 0, 1, 1,
    0, 0, 0, -1, -0.5,
  );
  const blocks: Record<string, string> = { a: 'y', b: 'y', c: 'y', d: 'y', e: 'x' };

  it('drops constant columns, then near-duplicates of earlier kept ones, and balances the blocks', () => {
    const chosen = chooseSegmentColumns(z, 4, names, names, (f) => blocks[f]!);
    expect(chosen.constant).toEqual(['c']);
    expect(chosen.duplicates).toEqual([{ feature: 'b', of: 'a', r: expect.closeTo(1, 12) }]);
    expect(chosen.features).toEqual(['a', 'd', 'e']);
    expect(chosen.blocks).toEqual(['y', 'y', 'x']);
    // Block y keeps 2 columns, block x 1: each block's squared weights sum to 1.
    expect(Array.from(chosen.weights)).toEqual([1 / Math.sqrt(2), 1 / Math.sqrt(2), 1]);
  });

  it('keeps the earlier of two duplicates in candidate order, and only the candidates', () => {
    const chosen = chooseSegmentColumns(z, 4, names, ['b', 'a', 'd']);
    expect(chosen.features).toEqual(['b', 'd']);
    expect(chosen.duplicates.map((d) => [d.feature, d.of])).toEqual([['a', 'b']]);
    // One block for all without blockOf.
    expect(Array.from(chosen.weights)).toEqual([1 / Math.sqrt(2), 1 / Math.sqrt(2)]);
  });

  it('keeps near-duplicates when asked to, still dropping the constant', () => {
    const chosen = chooseSegmentColumns(z, 4, names, names, undefined, false);
    expect(chosen.features).toEqual(['a', 'b', 'd', 'e']);
    expect(chosen.duplicates).toEqual([]);
    expect(chosen.constant).toEqual(['c']);
  });

  it('keeps a column correlated just under the 0.98 bar', () => {
    // e correlates with d at r = 0.75 / √0.625 ≈ 0.949 on these rows.
    const chosen = chooseSegmentColumns(z, 4, names, ['d', 'e']);
    expect(chosen.features).toEqual(['d', 'e']);
  });
});

describe('explainedShare', () => {
  it('is the between-segment share of each column\'s sum of squares', () => {
    // Column 0 separates the two segments completely; column 1 not at all; column 2 half.
    const data = Float64Array.of(0, 1, 0, 0, -1, 2, 4, 1, 2, 4, -1, 4);
    const share = explainedShare(data, 4, 3, Int32Array.of(0, 0, 1, 1), 2);
    // Column 2: segment means 1 and 3, overall 2; total SS 4 + 0 + 0 + 4 = 8, within 1 + 1 + 1 + 1 = 4.
    expect(Array.from(share)).toEqual([1, 0, 0.5]);
  });
});

describe('SegmentModel with weights', () => {
  const name = (code: string) => ({ code, zh: code, en: code, description: { zh: '', en: '' }, topFeatures: [], score: null });
  const model = new SegmentModel(['x', 'y'], Int32Array.of(3, 8), Float64Array.of(0, 0, 2, 2), [name('a'), name('b')], Float64Array.of(1, 0.1),
    [{ jaccard: 0.9, reliable: true }, { jaccard: 0.4, reliable: false }]);

  it('measures distances in the weighted space, from plain z-values', () => {
    // (1.6, 0): unweighted nearer (0, 0) (2.56 vs 4.16); with y weighted 0.1 nearer (2, 2) (2.56 vs 0.2).
    expect(Array.from(model.assign(Float64Array.of(1.6, 0), 1).ids)).toEqual([8]);
    expect(Array.from(new SegmentModel(['x', 'y'], Int32Array.of(3, 8), Float64Array.of(0, 0, 2, 2), []).assign(Float64Array.of(1.6, 0), 1).ids)).toEqual([3]);
  });

  it('gives reasons from weighted margins, the same in both reason paths', () => {
    const z = Float64Array.of(1.6, 0);
    const a = model.assign(z, 1);
    // Own (2, 2), runner-up (0, 0): x's term 1.6² − 0.4² = 2.4 > 0; y's 0.1² × (0² − 2²) < 0.
    expect(model.reasons(z, 0, a)).toEqual([{ code: 'seg_x_high', feature: 'x', share: 1 }]);
    const out = new Int32Array(4);
    expect(model.reasonFeatures(z, 0, a, out, new Float64Array(2))).toBe(1);
    expect(out[0]).toBe(0);
  });

  it('stores weights and reliability in segments.json and reads them back', () => {
    const again = segmentModelFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(again.weights)).toEqual([1, 0.1]);
    expect([again.isReliable(3), again.isReliable(8)]).toEqual([true, false]);
    expect(again.reliability).toEqual(model.reliability);
  });

  it('refuses weights that do not match the features', () => {
    const json = { ...model.toJSON(), weights: [1] };
    expect(() => segmentModelFromJSON(json)).toThrowError(expect.objectContaining({ code: 'model_incompatible' }));
  });
});

describe('fitSegments column choice', () => {
  // Three blobs in 2 columns, plus a constant column, a copy of column 0 and a noise column.
  const { data, labels, rows } = blobs(3, 200, 2, 11, 6);
  const rng = new Rng(3);
  const names = ['p', 'q', 'flat', 'p_copy', 'noise'];
  const z = new Float64Array(rows * names.length);
  for (let i = 0; i < rows; i++) {
    z.set([data[i * 2]!, data[i * 2 + 1]!, 0, 2 * data[i * 2]!, rng.normal()], i * names.length);
  }

  it('drops the constant and the duplicate, warns about the constant, and finds the blobs', () => {
    const lines: Record<string, unknown>[] = [];
    const log = pino({ base: null, timestamp: false }, new Writable({ write(chunk, _enc, cb) { lines.push(JSON.parse(String(chunk))); cb(); } }));
    const fitted = fitSegments(z, rows, names, { k: 3 }, new Rng(1), { log });
    expect(fitted.model.features).toEqual(['p', 'q', 'noise']);
    expect(fitted.columns.constant).toEqual(['flat']);
    expect(fitted.columns.duplicates.map((d) => d.feature)).toEqual(['p_copy']);
    expect(lines.filter((l) => l['code'] === 'segment_features_constant')).toEqual([
      expect.objectContaining({ level: 40, features: ['flat'] }),
    ]);
    expect(adjustedRandIndex(labels, fitted.fit.labels)).toBe(1);
    // Relevance: the noise column, which the segments do not explain, ends far lighter than p and q.
    const [wp, wq, wNoise] = Array.from(fitted.model.weights);
    expect(wNoise!).toBeLessThan(0.1 * Math.min(wp!, wq!));
    // The model assigns the training rows (plain z of its features) as the fit did.
    const picked = new Float64Array(rows * 3);
    for (let i = 0; i < rows; i++) picked.set([z[i * 5]!, z[i * 5 + 1]!, z[i * 5 + 4]!], i * 3);
    expect(fitted.model.assign(picked, rows).index).toStrictEqual(fitted.fit.labels);
  });

  it('segments on the named columns only, and refuses a name the data does not have', () => {
    const fitted = fitSegments(z, rows, names, { k: 3, features: ['q', 'flat'] }, new Rng(1));
    expect(fitted.model.features).toEqual(['q']);
    expect(() => fitSegments(z, rows, names, { k: 3, features: ['q', 'nope'] }, new Rng(1)))
      .toThrowError(expect.objectContaining({ code: 'config_invalid' }));
    expect(() => fitSegments(z, rows, names, { k: 3, features: ['flat'] }, new Rng(1)))
      .toThrowError(expect.objectContaining({ code: 'input_invalid' }));
  });

  it('aligns ids to a previous model on the features both keep, even when the kept sets differ', () => {
    const before = fitSegments(z, rows, names, { k: 3 }, new Rng(1));
    const after = fitSegments(z, rows, names, { k: 3, features: ['q', 'p'] }, new Rng(9), { previous: before.model });
    expect(after.aligned).toBe(true);
    const idBefore = before.model.ids;
    const idAfter = after.model.ids;
    for (let i = 0; i < rows; i++) expect(idAfter[after.fit.labels[i]!]).toBe(idBefore[before.fit.labels[i]!]);
  });

  it('names segments from the name columns\' segment means, never from a constant one', () => {
    // Segment on q alone; names may come from p, q, flat and noise. p separates the blobs (the
    // blobs are 6 sd apart in p), flat is constant, so no name cites flat.
    const fitted = fitSegments(z, rows, names, { k: 3, features: ['q'] }, new Rng(1), { nameColumns: ['p', 'q', 'flat', 'noise'] });
    const cited = fitted.model.names.flatMap((n) => n.topFeatures.map((t) => t.name));
    expect(cited).toContain('p');
    expect(cited).not.toContain('flat');
    // Each cited z is the segment's mean of that column over its training rows.
    const seg = 0;
    const members = Array.from(fitted.fit.labels.keys()).filter((i) => fitted.fit.labels[i] === seg);
    const meanP = members.reduce((s, i) => s + z[i * names.length]!, 0) / members.length;
    expect(fitted.model.names[seg]!.topFeatures.find((t) => t.name === 'p')?.z).toBeCloseTo(meanP, 10);
  });

  it('scales columns by columnScale before the block weights', () => {
    const plain = fitSegments(z, rows, names, { k: 3, features: ['p', 'q'], relevanceRounds: 0 }, new Rng(1));
    const scaled = fitSegments(z, rows, names, { k: 3, features: ['p', 'q'], relevanceRounds: 0 }, new Rng(1), { columnScale: (f) => (f === 'q' ? 0.5 : 1) });
    expect(scaled.model.weights[1]! / scaled.model.weights[0]!).toBeCloseTo(0.5 * plain.model.weights[1]! / plain.model.weights[0]!, 12);
  });

  it('keeps the profile out by default when the caller says which columns are behaviour', () => {
    const fitted = fitSegments(z, rows, names, { k: 3 }, new Rng(1), { defaultColumns: ['p', 'q'] });
    expect(fitted.model.features).toEqual(['p', 'q']);
  });
});

describe('segmentMeans', () => {
  it('is each segment\'s column means, 0 for an empty segment', () => {
    const data = Float64Array.of(1, 10, 3, 20, 5, 30);
    expect(Array.from(segmentMeans(data, 3, 2, Int32Array.of(0, 0, 1), 3))).toEqual([2, 15, 5, 30, 0, 0]);
  });
});
