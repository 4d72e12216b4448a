import { describe, expect, it } from 'vitest';
import { classificationMetrics, expectedCalibrationError, logLoss } from '../../src/monitor/classification-metrics.js';

describe('classificationMetrics', () => {
  // true a a a b b c c c c (and one unlabelled row), predicted a a b b c c c a c a
  const yTrue = [0, 0, 0, 1, 1, 2, 2, 2, 2, -1];
  const yPred = [0, 0, 1, 1, 2, 2, 2, 0, 2, 0];
  const m = classificationMetrics(yTrue, yPred, ['a', 'b', 'c']);

  it('counts the confusion matrix with truth on rows and skips unlabelled rows', () => {
    expect(m.n).toBe(9);
    expect(m.confusion).toStrictEqual([[2, 1, 0], [0, 1, 1], [1, 0, 3]]);
  });

  it('computes per-class precision, recall and F1', () => {
    expect(m.perClass.map((c) => [c.class, c.support, c.predicted])).toStrictEqual([['a', 3, 3], ['b', 2, 2], ['c', 4, 4]]);
    expect(m.perClass[0]!.precision).toBeCloseTo(2 / 3, 12);
    expect(m.perClass[1]!.recall).toBeCloseTo(1 / 2, 12);
    expect(m.perClass[2]!.f1).toBeCloseTo(3 / 4, 12);
  });

  it('computes accuracy, macro-F1, balanced accuracy and the majority baseline', () => {
    expect(m.accuracy).toBeCloseTo(6 / 9, 12);
    expect(m.macroF1).toBeCloseTo(23 / 36, 12);
    expect(m.balancedAccuracy).toBeCloseTo(23 / 36, 12);
    expect(m.baseline.class).toBe('c');
    expect(m.baseline.accuracy).toBeCloseTo(4 / 9, 12);
    // majority F1 = 2·(4/9) / (1 + 4/9) = 8/13, averaged over three classes
    expect(m.baseline.macroF1).toBeCloseTo(8 / 39, 12);
    // recall 1 on c, 0 on a and b
    expect(m.baseline.balancedAccuracy).toBeCloseTo(1 / 3, 12);
  });

  it('gives 0 precision to a class never predicted, and leaves unseen classes out of the means', () => {
    const r = classificationMetrics([0, 0, 1], [0, 0, 0], ['x', 'y', 'z']);
    expect(r.perClass[1]).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    // x: p 2/3 r 1 → F1 0.8; y: 0; z never seen
    expect(r.macroF1).toBeCloseTo(0.4, 12);
    expect(r.balancedAccuracy).toBeCloseTo(0.5, 12);
  });

  it('rejects mismatched lengths and out-of-range labels', () => {
    expect(() => classificationMetrics([0], [0, 1], ['a', 'b'])).toThrow(RangeError);
    expect(() => classificationMetrics([0], [2], ['a', 'b'])).toThrow(RangeError);
  });
});

describe('logLoss and expectedCalibrationError', () => {
  const probs = [0.9, 0.05, 0.05, 0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.4, 0.3, 0.3];
  const y = [0, 1, 1, 0];

  it('averages the negative log-probability of the true class', () => {
    expect(logLoss(probs, y)).toBeCloseTo(-(Math.log(0.9) + Math.log(0.1) + Math.log(0.7) + Math.log(0.4)) / 4, 12);
    expect(logLoss([0, 1], [0], 1e-15)).toBeCloseTo(-Math.log(1e-15), 9);
  });

  it('computes ECE and the reliability curve on two bins', () => {
    const r = expectedCalibrationError(probs, y, 2);
    // bin [0, 0.5): one row, confidence 0.4, right → gap 0.6; bin [0.5, 1]: confidence 0.8, 2/3 right
    expect(r.bins.map((b) => b.count)).toStrictEqual([1, 3]);
    expect(r.bins[0]).toMatchObject({ lower: 0, upper: 0.5, accuracy: 1 });
    expect(r.bins[0]!.confidence).toBeCloseTo(0.4, 12);
    expect(r.bins[1]!.confidence).toBeCloseTo(0.8, 12);
    expect(r.bins[1]!.accuracy).toBeCloseTo(2 / 3, 12);
    expect(r.ece).toBeCloseTo(0.25, 12);
  });

  it('puts a confidence of exactly 1 in the last bin', () => {
    const r = expectedCalibrationError([1, 0], [0], 10);
    expect(r.bins[9]!.count).toBe(1);
    expect(r.ece).toBe(0);
  });
});
