import { describe, expect, it } from 'vitest';
import { fitRiskClassifier } from '../../src/classify/fit-risk-classifier.js';
import { Rng } from '../../src/core/rng.js';
import { gaussianRows } from './generate.js';

const x = gaussianRows(200, 4, 'errors');
const CLASSES = ['conservative', 'balanced', 'aggressive'];

describe('fitRiskClassifier refuses what it cannot learn from', () => {
  it('a target with a single class → stage_failed', async () => {
    const y = new Int32Array(200).fill(1);
    y[5] = -1;
    await expect(fitRiskClassifier(x, y, CLASSES, {}, new Rng(1))).rejects.toMatchObject({ code: 'stage_failed', details: { counts: { balanced: 199 } } });
  });

  it('fewer labelled rows than minLabelledRows → stage_failed', async () => {
    const y = new Int32Array(200).fill(-1);
    for (let i = 0; i < 20; i++) y[i] = i % 3;
    await expect(fitRiskClassifier(x, y, CLASSES, {}, new Rng(1))).rejects.toMatchObject({ code: 'stage_failed', details: { labelled: 20, required: 30 } });
  });

  it('labels that do not match the rows → input_invalid', async () => {
    await expect(fitRiskClassifier(x, new Int32Array(199), CLASSES, {}, new Rng(1))).rejects.toMatchObject({ code: 'input_invalid' });
    const y = new Int32Array(200);
    y[3] = 3;
    await expect(fitRiskClassifier(x, y, CLASSES, {}, new Rng(1))).rejects.toMatchObject({ code: 'input_invalid', details: { row: 3, label: 3 } });
    await expect(fitRiskClassifier({ ...x, rows: 201 }, new Int32Array(201), CLASSES, {}, new Rng(1))).rejects.toMatchObject({ code: 'input_invalid' });
  });

  it('misspelt or out-of-range params and a bad label set → config_invalid', async () => {
    const y = Int32Array.from({ length: 200 }, (_, i) => i % 3);
    await expect(fitRiskClassifier(x, y, CLASSES, { hiddenUnit: [8] } as never, new Rng(1))).rejects.toMatchObject({ code: 'config_invalid' });
    await expect(fitRiskClassifier(x, y, CLASSES, { validationFraction: 0 }, new Rng(1))).rejects.toMatchObject({ code: 'config_invalid' });
    await expect(fitRiskClassifier(x, y, ['a', 'a', 'b'], {}, new Rng(1))).rejects.toMatchObject({ code: 'config_invalid' });
  });
});

describe('fitRiskClassifier works for any label set', () => {
  it.each([
    [['no', 'yes']],
    [['C1', 'C2', 'C3', 'C4', 'C5']],
  ])('%j', async (classes) => {
    const c = classes.length;
    // the class is the bucket of f0, so even a few epochs separate them
    const y = Int32Array.from({ length: 200 }, (_, i) => Math.min(c - 1, Math.max(0, Math.floor((x.values[i * 4]! + 1.5) / 3 * c))));
    const clf = await fitRiskClassifier(x, y, classes, { maxEpochs: 5, hiddenUnits: [8] }, new Rng(2));
    try {
      const p = clf.predictProba(x);
      expect(p.length).toBe(200 * c);
      let sum = 0;
      for (let k = 0; k < c; k++) sum += p[k]!;
      expect(sum).toBeCloseTo(1, 5);
      expect(clf.classes).toStrictEqual(classes);
      expect(clf.spec.training.epochs).toBe(5);
    } finally {
      clf.dispose();
    }
  });
});
