import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { formatProbability } from '../../src/fuse/format-probability.js';

describe('formatProbability', () => {
  it('writes what toFixed(4) writes for float32 probabilities, halves included', () => {
    const rng = new Rng(11);
    const f32 = new Float32Array(1);
    const values: number[] = [0, -0, 1, 0.5, 0.00005, 0.00015, 0.99995, 0.99999994, 1e-30, 12_345.678_95];
    for (let n = 0; n <= 20_000; n++) {
      values.push(n / 10_000, (n + 0.5) / 10_000);
      f32[0] = (n + 0.5) / 10_000;
      values.push(f32[0]);
    }
    for (let i = 0; i < 200_000; i++) {
      f32[0] = rng.next();
      values.push(f32[0], rng.next());
    }
    const wrong = values.filter((v) => formatProbability(v) !== v.toFixed(4));
    expect(wrong).toStrictEqual([]);
  });

  it('leaves values outside its range to toFixed', () => {
    for (const v of [Number.NaN, -0.25, Infinity, 2e9]) expect(formatProbability(v)).toBe(v.toFixed(4));
  });
});
