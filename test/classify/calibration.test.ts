import { describe, expect, it } from 'vitest';
import { fitPlatt } from '../../src/classify/fit-platt.js';
import { fitTemperature, meanNll } from '../../src/classify/fit-temperature.js';
import { Rng } from '../../src/core/rng.js';

describe('fitTemperature', () => {
  it('computes the mean NLL exactly on a tiny example', () => {
    // row 0: softmax([ln 3, 0]) = [0.75, 0.25], label 0; row 1: [0, 0] → 0.5, label 1
    expect(meanNll([Math.log(3), 0, 0, 0], Int32Array.from([0, 1]), 2)).toBeCloseTo((-Math.log(0.75) - Math.log(0.5)) / 2, 12);
  });

  it('recovers the temperature of deliberately over-confident logits and lowers the NLL', () => {
    // true logits give calibrated labels; the model reports them × 4 (over-confident)
    const rng = new Rng('temp');
    const n = 4000;
    const logits = new Float64Array(n * 3);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const z = [rng.normal(), rng.normal(), rng.normal()];
      const e = z.map(Math.exp);
      const s = e[0]! + e[1]! + e[2]!;
      labels[i] = rng.pickWeighted(e.map((v) => v / s));
      for (let k = 0; k < 3; k++) logits[i * 3 + k] = 4 * z[k]!;
    }
    const fit = fitTemperature(logits, labels, 3);
    expect(fit.temperature).toBeGreaterThan(3.6);
    expect(fit.temperature).toBeLessThan(4.4);
    expect(fit.nllAfter).toBeLessThan(fit.nllBefore - 0.3);
  });

  it('stays inside its bounds', () => {
    // perfectly separated logits want T → 0: the lower bound is returned
    expect(fitTemperature([4, 0, 0, 4], Int32Array.from([0, 1]), 2).temperature).toBeCloseTo(0.05, 9);
  });
});

describe('fitPlatt', () => {
  it('recovers a known logistic map', () => {
    const rng = new Rng('platt');
    const n = 20000;
    const z = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      z[i] = rng.normal(0, 2);
      y[i] = rng.bernoulli(1 / (1 + Math.exp(-(0.5 * z[i]! - 1)))) ? 1 : 0;
    }
    const { a, b } = fitPlatt(z, y);
    expect(a).toBeCloseTo(0.5, 1);
    expect(b).toBeCloseTo(-1, 1);
  });

  it('falls back when one side has too few rows', () => {
    expect(fitPlatt([1, 2, 3, 4], [0, 0, 0, 1], { a: 1, b: -2 })).toStrictEqual({ a: 1, b: -2 });
  });
});
