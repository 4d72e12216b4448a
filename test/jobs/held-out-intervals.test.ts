import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { aucInterval, MAX_INTERVAL_ROWS, resampledAuc, riskIntervals } from '../../src/jobs/held-out-intervals.js';
import { classificationMetrics } from '../../src/monitor/classification-metrics.js';
import { rocAuc } from '../../src/monitor/roc-auc.js';

describe('resampledAuc', () => {
  it('is rocAuc of the resampled rows, ties and repeats included', () => {
    const rng = new Rng('auc');
    // Scores on a coarse grid, so many ties.
    const scores = Float64Array.from({ length: 300 }, () => Math.round(rng.next() * 20) / 20);
    const labels = Uint8Array.from(scores, (s) => (rng.next() < 0.2 + 0.6 * s ? 1 : 0));
    const auc = resampledAuc(scores, labels);
    expect(auc(Uint32Array.from(scores.keys()))).toBeCloseTo(rocAuc(scores, labels), 12);
    for (let t = 0; t < 20; t++) {
      const rows = Uint32Array.from({ length: 300 }, () => rng.int(300));
      expect(auc(rows)).toBeCloseTo(rocAuc(Float64Array.from(rows, (r) => scores[r]!), Uint8Array.from(rows, (r) => labels[r]!)), 12);
    }
    expect(auc(Uint32Array.of(0, 0, 0))).toBeNaN();
  });
});

describe('held-out intervals', () => {
  it('put macro-F1 and a binary AUC inside their 95% intervals, the same for the same seed', () => {
    const rng = new Rng('risk');
    const n = 400;
    const y = Int32Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
    const proba = new Float32Array(2 * n);
    y.forEach((v, i) => { const p = 0.4 + 0.2 * v + 0.4 * (rng.next() - 0.5); proba[2 * i + 1] = p; proba[2 * i] = 1 - p; });
    const predicted = Int32Array.from(y, (_, i) => (proba[2 * i + 1]! > 0.5 ? 1 : 0));
    const a = riskIntervals(y, predicted, proba, ['no', 'yes'], new Rng(1));
    expect(a).toStrictEqual(riskIntervals(y, predicted, proba, ['no', 'yes'], new Rng(1)));
    const f1 = classificationMetrics(y, predicted, ['no', 'yes']).macroF1;
    const auc = rocAuc(Float64Array.from(y, (_, i) => proba[2 * i + 1]!), y);
    expect(a.macroF1!.low).toBeLessThan(f1);
    expect(a.macroF1!.high).toBeGreaterThan(f1);
    expect(a.rocAuc!.low).toBeLessThan(auc);
    expect(a.rocAuc!.high).toBeGreaterThan(auc);
  });

  it('draws from a seeded sample of MAX_INTERVAL_ROWS rows beyond it, which can only widen the interval', () => {
    const rng = new Rng('big');
    const n = 3 * MAX_INTERVAL_ROWS;
    const labels = Uint8Array.from({ length: n }, () => (rng.next() < 0.1 ? 1 : 0));
    const scores = Float64Array.from(labels, (v) => rng.normal(v, 1));
    const ci = aucInterval(scores, labels, new Rng(4))!;
    expect(ci.resamples).toBe(200);
    const auc = rocAuc(scores, labels);
    expect(ci.low).toBeLessThan(auc);
    expect(ci.high).toBeGreaterThan(auc);
    // A sample of 50,000 rows at 10% prevalence: about ±0.006 around an AUC of 0.76.
    expect(ci.high - ci.low).toBeGreaterThan(0.006);
    expect(ci.high - ci.low).toBeLessThan(0.02);
  }, 60_000);
});
