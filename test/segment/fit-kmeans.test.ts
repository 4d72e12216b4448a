import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { adjustedRandIndex } from '../../src/monitor/adjusted-rand-index.js';
import { fitKMeans } from '../../src/segment/fit-kmeans.js';
import { kmeansModelFromJSON } from '../../src/segment/kmeans-model.js';
import { blobs } from './blobs.js';

const code = (c: string) => expect.objectContaining({ code: c });

describe('fitKMeans', () => {
  it('finds the two obvious clusters of a 1-D fixture, with exact centroids and inertia', () => {
    const fit = fitKMeans(Float64Array.of(0, 1, 10, 11), 4, 1, { k: 2 }, new Rng(1));
    const order = fit.centroids[0]! < fit.centroids[1]! ? [0, 1] : [1, 0];
    expect([fit.centroids[order[0]!], fit.centroids[order[1]!]]).toEqual([0.5, 10.5]);
    expect(fit.inertia).toBe(1);
    expect(fit.labels[0]).toBe(fit.labels[1]);
    expect(fit.labels[2]).toBe(fit.labels[3]);
    expect(fit.labels[0]).not.toBe(fit.labels[2]);
    expect(Array.from(fit.sizes)).toEqual([2, 2]);
    expect(fit.restartInertias).toEqual([1, 1, 1, 1, 1]);
  });

  it('recovers 6 well-separated 10-D blobs (6,000 points) with ARI ≥ 0.95', () => {
    const { data, labels, rows } = blobs(6, 1000, 10, 7);
    const fit = fitKMeans(data, rows, 10, { k: 6 }, new Rng(11));
    expect(adjustedRandIndex(fit.labels, labels)).toBeGreaterThanOrEqual(0.95);
    expect(fit.restartInertias).toHaveLength(5);
    expect(fit.inertia).toBe(Math.min(...fit.restartInertias));
    // Unit-variance blobs: inertia per point per dimension near 1.
    expect(fit.inertia / (rows * 10)).toBeGreaterThan(0.9);
    expect(fit.inertia / (rows * 10)).toBeLessThan(1.1);
  });

  it('gives identical centroids for the same seed, and the same partition for another seed', () => {
    const { data, rows } = blobs(4, 300, 5, 3);
    const a = fitKMeans(data, rows, 5, { k: 4, restarts: 3 }, new Rng('seed-a'));
    const b = fitKMeans(data, rows, 5, { k: 4, restarts: 3 }, new Rng('seed-a'));
    const c = fitKMeans(data, rows, 5, { k: 4, restarts: 3 }, new Rng('seed-b'));
    expect(b.centroids).toStrictEqual(a.centroids);
    expect(b.labels).toStrictEqual(a.labels);
    expect(adjustedRandIndex(a.labels, c.labels)).toBe(1);
  });

  it('assigns new rows like the training labels and reports squared distances', () => {
    const { data, rows } = blobs(3, 100, 4, 5);
    const fit = fitKMeans(data, rows, 4, { k: 3, restarts: 2 }, new Rng(2));
    expect(fit.assign(data, rows)).toStrictEqual(fit.labels);
    const out = new Int32Array(rows);
    expect(fit.assign(data, rows, out)).toBe(out);
    const d = fit.distances(data.subarray(0, 4), 1);
    expect(d).toHaveLength(3);
    let manual = 0;
    for (let j = 0; j < 4; j++) manual += (data[j]! - fit.centroids[fit.labels[0]! * 4 + j]!) ** 2;
    expect(d[fit.labels[0]!]).toBeCloseTo(manual, 12);
    expect(Math.min(...d)).toBe(d[fit.labels[0]!]);
  });

  it('round-trips through JSON to a model that assigns the same', () => {
    const { data, rows } = blobs(3, 50, 2, 9);
    const fit = fitKMeans(data, rows, 2, { k: 3, restarts: 1 }, new Rng(4));
    const again = kmeansModelFromJSON(JSON.parse(JSON.stringify(fit.toJSON())));
    expect(again.centroids).toStrictEqual(fit.centroids);
    expect([again.k, again.cols, again.inertia, again.iterations]).toEqual([fit.k, fit.cols, fit.inertia, fit.iterations]);
    expect(again.assign(data, rows)).toStrictEqual(fit.labels);
  });

  it('warns with code empty_cluster when there are fewer distinct rows than k', () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({ write(chunk, _enc, cb) { lines.push(JSON.parse(String(chunk))); cb(); } });
    const log = pino({ base: null, timestamp: false }, sink);
    const fit = fitKMeans(Float64Array.of(1, 1, 1, 5, 5), 5, 1, { k: 3, restarts: 1 }, new Rng(1), log);
    expect(Array.from(fit.sizes).sort()).toEqual([0, 2, 3]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, code: 'empty_cluster', k: 3 });
  });

  it('throws config_invalid on bad params and input_invalid on bad data', () => {
    const data = Float64Array.of(0, 1, 2, 3);
    expect(() => fitKMeans(data, 4, 1, { k: 0 }, new Rng(1))).toThrow(code('config_invalid'));
    expect(() => fitKMeans(data, 4, 1, { k: 2, restart: 3 } as never, new Rng(1))).toThrow(code('config_invalid'));
    expect(() => fitKMeans(data, 4, 1, { k: 5 }, new Rng(1))).toThrow(code('input_invalid'));
    expect(() => fitKMeans(data, 3, 1, { k: 2 }, new Rng(1))).toThrow(code('input_invalid'));
    expect(() => fitKMeans(Float64Array.of(0, NaN, 2), 3, 1, { k: 2 }, new Rng(1))).toThrow(code('input_invalid'));
    expect(() => fitKMeans(data, 4, 0, { k: 2 }, new Rng(1))).toThrow(code('input_invalid'));
  });

  it('refuses malformed stored models with model_incompatible, and bad data to assign with input_invalid', () => {
    expect(() => kmeansModelFromJSON({ format: 'clientseg.kmeans/1', k: 2, cols: 2, centroids: [1, 2, 3], inertia: 0, iterations: 1 })).toThrow(code('model_incompatible'));
    expect(() => kmeansModelFromJSON({ k: 2 })).toThrow(code('model_incompatible'));
    const fit = fitKMeans(Float64Array.of(0, 1, 10, 11), 4, 1, { k: 2 }, new Rng(1));
    expect(() => fit.assign(Float64Array.of(0, 1, 2), 2)).toThrow(code('input_invalid'));
    expect(() => fit.assign(Float64Array.of(0, Infinity), 2)).toThrow(code('input_invalid'));
    expect(() => fit.assign(Float64Array.of(0, 1), 2, new Int32Array(1))).toThrow(code('input_invalid'));
  });
});
