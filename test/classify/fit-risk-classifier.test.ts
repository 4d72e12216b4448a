import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitRiskClassifier, refitRiskClassifier } from '../../src/classify/fit-risk-classifier.js';
import { RiskClassifier } from '../../src/classify/risk-classifier.js';
import { Rng } from '../../src/core/rng.js';
import { classificationMetrics, expectedCalibrationError, logLoss } from '../../src/monitor/classification-metrics.js';
import { gaussianRows, riskLabels } from './generate.js';

const CLASSES = ['conservative', 'balanced', 'aggressive'];

describe('fitRiskClassifier on labels that are a known function of the features plus 15% noise', () => {
  const train = gaussianRows(3000, 12, 'risk-train');
  const trainY = riskLabels(train, 0.15, 'risk-train-noise');
  const test = gaussianRows(3000, 12, 'risk-test');
  const testY = riskLabels(test, 0.15, 'risk-test-noise');
  let clf: RiskClassifier;

  beforeAll(async () => {
    clf = await fitRiskClassifier(train, trainY.labels, CLASSES, {}, new Rng('risk'));
  });
  afterAll(() => clf.dispose());

  it('reaches macro-F1 within 0.06 of the noise ceiling, far above the majority baseline', () => {
    const m = classificationMetrics(testY.labels, clf.predictClass(test), CLASSES);
    // the ceiling: predicting the noise-free class of every row
    const ceiling = classificationMetrics(testY.labels, testY.clean, CLASSES).macroF1;
    expect(ceiling).toBeGreaterThan(0.8);
    expect(m.macroF1).toBeGreaterThan(ceiling - 0.06);
    expect(m.macroF1).toBeGreaterThan(m.baseline.macroF1 + 0.5);
    expect(m.balancedAccuracy).toBeGreaterThan(0.75);
  });

  it('gives calibrated probabilities: rows sum to 1, ECE below 0.07, log-loss near the noise floor', () => {
    const p = clf.predictProba(test);
    expect(p.length).toBe(3000 * 3);
    for (let i = 0; i < 3000; i += 97) expect(p[i * 3]! + p[i * 3 + 1]! + p[i * 3 + 2]!).toBeCloseTo(1, 5);
    expect(expectedCalibrationError(p, testY.labels).ece).toBeLessThan(0.07);
    // a perfect model pays −0.85 ln 0.85 − 0.15 ln 0.075 ≈ 0.53 nats on these labels (ignoring boundary blur)
    expect(logLoss(p, testY.labels)).toBeLessThan(0.65);
  });

  it('records a temperature that does not raise the validation NLL, and its training summary', () => {
    expect(clf.spec.validationNll.calibrated).toBeLessThanOrEqual(clf.spec.validationNll.uncalibrated);
    expect(clf.spec.temperature).toBeGreaterThan(0.05);
    expect(clf.spec.training).toMatchObject({ trainRows: 2400, validationRows: 600 });
    expect(clf.spec.training.bestEpoch).toBeLessThanOrEqual(clf.spec.training.epochs);
    expect(clf.spec.backend).toBe('wasm');
  });

  it('explains predictions with the features that drive the label', () => {
    const attr = clf.attributions(test);
    const topCounts = new Array<number>(12).fill(0);
    for (let i = 0; i < attr.rows; i++) topCounts[attr.feature[i * 4]!]!++;
    // f0 carries twice the weight of f1 and four times f2; the nine noise features lead only on rows
    // near the average client, where every gradient × input is small (measured: about 1400 / 700 / 250 of 3000)
    expect(topCounts[0]).toBeGreaterThan(attr.rows * 0.4);
    expect(topCounts[1]).toBeGreaterThan(topCounts[2]!);
    expect(topCounts[0]! + topCounts[1]! + topCounts[2]!).toBeGreaterThan(attr.rows * 0.75);
    expect(Math.max(...topCounts.slice(3))).toBeLessThan(topCounts[2]!);
    expect(clf.reasonCodes(test)[0]!.length).toBe(4);
  });

  it('round-trips through its artifact with identical probabilities', async () => {
    const artifact = clf.toArtifact();
    // Three members of the chosen configuration side by side: hidden units × 3, one weight file.
    const ensemble = artifact.spec.ensemble!;
    expect(ensemble.members).toBe(3);
    expect(artifact.spec.hiddenUnits).toStrictEqual(ensemble.config.hiddenUnits.map((u) => 3 * u));
    const sizes = [12, ...artifact.spec.hiddenUnits, 3];
    expect(artifact.weights.length).toBe(4 * sizes.slice(1).reduce((s, units, l) => s + sizes[l]! * units + units, 0));
    expect(artifact.spec.encoding!.knots.length).toBe(12);
    const json = JSON.parse(JSON.stringify(artifact.spec)) as unknown;
    const back = await RiskClassifier.fromArtifact({ spec: json, weights: artifact.weights.slice() });
    try {
      expect(back.predictProba(test)).toStrictEqual(clf.predictProba(test));
      expect(back.toArtifact().weights).toStrictEqual(artifact.weights);
    } finally {
      back.dispose();
    }
  });

  it('chose its configuration as the lowest validation loss of the search, the configured one first', () => {
    const { search, config } = clf.spec.ensemble!;
    expect(search.length).toBe(4);
    expect(search[0]!.config).toStrictEqual({ hiddenUnits: [32], learningRate: 0.003, l2: 1e-4 });
    const best = search.reduce((b, t) => (t.validationLoss < b.validationLoss ? t : b));
    expect(config).toStrictEqual(best.config);
  });

  it('refits on every labelled row with the same configuration, amount of training and calibration', async () => {
    const all = gaussianRows(4000, 12, 'risk-train');
    const labels = riskLabels(all, 0.15, 'risk-train-noise').labels;
    const shipped = await refitRiskClassifier(clf, all, labels, new Rng('refit'));
    const again = await refitRiskClassifier(clf, all, labels, new Rng('refit'));
    try {
      const { ensemble, temperature, classWeights, encoding } = shipped.spec;
      expect(ensemble!.refit).toStrictEqual({ rows: 4000, rowVisits: clf.spec.ensemble!.rowVisits });
      expect(clf.spec.ensemble!.rowVisits).toBe(clf.spec.training.bestEpoch * 2400);
      expect([temperature, classWeights]).toStrictEqual([clf.spec.temperature, clf.spec.classWeights]);
      expect(encoding).not.toStrictEqual(clf.spec.encoding); // refitted on 4,000 rows, not 2,400
      expect(shipped.toArtifact().weights).not.toStrictEqual(clf.toArtifact().weights);
      expect(again.toArtifact()).toStrictEqual(shipped.toArtifact());
      const m = classificationMetrics(testY.labels, shipped.predictClass(test), CLASSES);
      const before = classificationMetrics(testY.labels, clf.predictClass(test), CLASSES);
      expect(m.macroF1).toBeGreaterThan(before.macroF1 - 0.02);
    } finally {
      shipped.dispose(); again.dispose();
    }
  });

  it('refuses features that differ from the training ones', () => {
    const renamed = { ...test, names: test.names.map((n, j) => (j === 3 ? 'other' : n)) };
    expect(() => clf.predictProba(renamed)).toThrow(expect.objectContaining({ code: 'model_incompatible' }));
  });

  it('refuses a damaged artifact', async () => {
    const artifact = clf.toArtifact();
    await expect(RiskClassifier.fromArtifact({ spec: artifact.spec, weights: artifact.weights.subarray(4) }))
      .rejects.toMatchObject({ code: 'model_incompatible' });
    await expect(RiskClassifier.fromArtifact({ spec: { ...artifact.spec, format: 'other/9' }, weights: artifact.weights }))
      .rejects.toMatchObject({ code: 'model_incompatible' });
  });
});
