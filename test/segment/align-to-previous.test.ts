import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { alignToPrevious } from '../../src/segment/align-to-previous.js';

const code = (c: string) => expect.objectContaining({ code: c });

function centroids(k: number, cols: number, rng: Rng): Float64Array {
  return Float64Array.from({ length: k * cols }, () => rng.uniform(-3, 3));
}

function shuffleRows(c: Float64Array, cols: number, perm: ArrayLike<number>, rng: Rng, noise: number): Float64Array {
  const out = new Float64Array(perm.length * cols);
  for (let i = 0; i < perm.length; i++) {
    for (let j = 0; j < cols; j++) out[i * cols + j] = c[perm[i]! * cols + j]! + rng.normal(0, noise);
  }
  return out;
}

describe('alignToPrevious', () => {
  it('recovers the permutation of shuffled, slightly moved centroids', () => {
    const rng = new Rng('align');
    for (let t = 0; t < 10; t++) {
      const prev = centroids(7, 5, rng);
      const perm = rng.permutation(7);
      const next = shuffleRows(prev, 5, perm, rng, 0.05);
      expect(Array.from(alignToPrevious(next, prev, 5))).toEqual(Array.from(perm));
    }
  });

  it('gives unmatched new clusters the next free ids when k grows', () => {
    const prev = Float64Array.of(0, 0, 10, 0, 0, 10);
    const next = Float64Array.of(50, 50, 0, 9.5, 0.2, 0.1, 10.3, 0, -40, 0);
    expect(Array.from(alignToPrevious(next, prev, 2))).toEqual([3, 2, 0, 1, 4]);
  });

  it('keeps the previous ids when k shrinks, leaving a gap', () => {
    const prev = Float64Array.of(0, 10, 20, 30);
    expect(Array.from(alignToPrevious(Float64Array.of(29, 1), prev, 1))).toEqual([3, 0]);
  });

  it('does not hand an id to a cluster farther than maxDistance', () => {
    const prev = Float64Array.of(0, 10);
    expect(Array.from(alignToPrevious(Float64Array.of(10.5, 4), prev, 1, { maxDistance: 1 }))).toEqual([1, 2]);
  });

  it('maps through previous ids that were themselves aligned', () => {
    const prev = Float64Array.of(0, 10);
    expect(Array.from(alignToPrevious(Float64Array.of(10, 0, 99), prev, 1, { previousIds: [3, 0] }))).toEqual([0, 3, 4]);
  });

  it('starts from 0 when there is no previous model', () => {
    expect(Array.from(alignToPrevious(Float64Array.of(1, 2, 3), new Float64Array(0), 1))).toEqual([0, 1, 2]);
  });

  it('refuses centroids of another width with model_incompatible and a bad maxDistance with config_invalid', () => {
    expect(() => alignToPrevious(Float64Array.of(1, 2, 3), Float64Array.of(1, 2), 2)).toThrow(code('model_incompatible'));
    expect(() => alignToPrevious(Float64Array.of(1, 2), Float64Array.of(1, 2), 1, { previousIds: [0] })).toThrow(code('model_incompatible'));
    expect(() => alignToPrevious(Float64Array.of(1), Float64Array.of(1), 1, { maxDistance: -1 })).toThrow(code('config_invalid'));
  });
});
