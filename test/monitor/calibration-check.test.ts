import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { calibrationCheck, ECE_LIMIT } from '../../src/monitor/calibration-check.js';
import { expectedCalibrationError } from '../../src/monitor/classification-metrics.js';
import { classifierSummary } from '../../src/monitor/classifier-summary.js';

const C = 3;

/** Rows whose labels are drawn from softmax(logits): those probabilities are calibrated by construction. */
function fixture(n: number, seed: string): { logits: Float64Array; y: Int32Array } {
  const rng = new Rng(seed);
  const logits = Float64Array.from({ length: n * C }, () => rng.normal(0, 1.5));
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) y[i] = rng.pickWeighted(Array.from(softmax(logits, i, 1)));
  return { logits, y };
}

function softmax(logits: Float64Array, i: number, temperature: number): Float64Array {
  const z = Float64Array.from({ length: C }, (_, k) => logits[i * C + k]! / temperature);
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

function probabilities(logits: Float64Array, n: number, temperature: number): Float64Array {
  const p = new Float64Array(n * C);
  for (let i = 0; i < n; i++) p.set(softmax(logits, i, temperature), i * C);
  return p;
}

describe('calibration check', () => {
  const n = 3000;
  const { logits, y } = fixture(n, 'calibration');

  it('does not flag probabilities the labels were drawn from', () => {
    const check = calibrationCheck(expectedCalibrationError(probabilities(logits, n, 1), y));
    expect(check.ece).toBeLessThan(ECE_LIMIT);
    expect(check.miscalibrated).toBe(false);
  });

  it('flags an overconfident model (logits sharpened ×3) and an underconfident one (×0.3)', () => {
    for (const temperature of [1 / 3, 1 / 0.3]) {
      const check = calibrationCheck(expectedCalibrationError(probabilities(logits, n, temperature), y));
      expect({ temperature, miscalibrated: check.miscalibrated }).toStrictEqual({ temperature, miscalibrated: true });
      expect(check.ece).toBeGreaterThan(0.1);
    }
  });

  it('does not call a small test set miscalibrated on noise alone, but still flags a gross error', () => {
    const small = fixture(60, 'small');
    const calibrated = calibrationCheck(expectedCalibrationError(probabilities(small.logits, 60, 1), small.y));
    expect(calibrated.noiseFloor).toBeGreaterThan(0.04);
    expect(calibrated.miscalibrated).toBe(false);
    const sharp = calibrationCheck(expectedCalibrationError(probabilities(small.logits, 60, 0.1), small.y));
    expect(sharp.miscalibrated).toBe(true);
  });

  it('feeds the classifier summary, with the majority baseline beside the model', () => {
    const s = classifierSummary(y, probabilities(logits, n, 1 / 3), ['a', 'b', 'c']);
    expect(s.n).toBe(n);
    expect(s.miscalibrated).toBe(true);
    expect(s.macroF1).toBeGreaterThan(s.baseline.macroF1);
    expect(s.baseline.balancedAccuracy).toBeCloseTo(1 / 3, 12);
    const calibrated = classifierSummary(y, probabilities(logits, n, 1), ['a', 'b', 'c']);
    expect(calibrated.miscalibrated).toBe(false);
    // The calibrated probabilities are the better forecast: lower log-loss than the sharpened ones.
    expect(calibrated.logLoss).toBeLessThan(s.logLoss);
  });
});
