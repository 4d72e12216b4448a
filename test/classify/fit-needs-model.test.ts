import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitNeedsModel, refitNeedsModel } from '../../src/classify/fit-needs-model.js';
import { NeedsModel } from '../../src/classify/needs-model.js';
import { Rng } from '../../src/core/rng.js';
import { rocAuc } from '../../src/monitor/roc-auc.js';
import { gaussianRows, plantedNeeds } from './generate.js';

const NEEDS = ['education', 'retirement', 'protection', 'growth'];

describe('fitNeedsModel on needs planted on one feature each', () => {
  const train = gaussianRows(3000, 12, 'needs-train');
  const trainY = plantedNeeds(train, 4, 'needs-train-y');
  const test = gaussianRows(3000, 12, 'needs-test');
  const testY = plantedNeeds(test, 4, 'needs-test-y');
  let model: NeedsModel;

  beforeAll(async () => {
    model = await fitNeedsModel(train, trainY, NEEDS, {}, new Rng('needs'));
  });
  afterAll(() => model.dispose());

  it('ranks takers first: AUC ≥ 0.8 for every need', () => {
    const p = model.predictProba(test);
    for (let k = 0; k < 4; k++) {
      const scores = Float64Array.from({ length: 3000 }, (_, i) => p[i * 4 + k]!);
      const labels = Uint8Array.from({ length: 3000 }, (_, i) => testY[i * 4 + k]!);
      expect(rocAuc(scores, labels)).toBeGreaterThan(0.8);
    }
  });

  it('gives calibrated propensities: mean prediction within 0.03 of the take-up rate', () => {
    const p = model.predictProba(test);
    for (let k = 0; k < 4; k++) {
      let sumP = 0; let sumY = 0;
      for (let i = 0; i < 3000; i++) { sumP += p[i * 4 + k]!; sumY += testY[i * 4 + k]!; }
      expect(Math.abs(sumP - sumY) / 3000).toBeLessThan(0.03);
    }
  });

  it('weights the rare positives and records it', () => {
    for (const w of model.spec.positiveWeights) expect(w).toBeGreaterThan(3);
    expect(model.spec.trainPositives.every((n) => n > 100)).toBe(true);
  });

  it('explains each need by the feature it was planted on', () => {
    for (let k = 0; k < 4; k++) {
      const codes = model.reasonCodes(test, NEEDS[k]!);
      const strong = Array.from({ length: 3000 }, (_, i) => i).filter((i) => test.values[i * 12 + k]! > 1);
      const led = strong.filter((i) => codes[i]![0] === `need_${NEEDS[k]}_f${k}_up`);
      expect(led.length).toBeGreaterThan(strong.length * 0.85);
    }
    expect(() => model.attributions(test, 'pets')).toThrow(expect.objectContaining({ code: 'config_invalid' }));
  });

  it('gives the same codes for several needs from one forward pass as one need at a time', () => {
    const wanted = (i: number, k: number) => (i + k) % 3 === 0;
    const together = model.reasonCodesWhere(test, wanted);
    const oneByOne = Array.from({ length: test.rows }, () => [] as string[]);
    NEEDS.forEach((need, k) => {
      const codes = model.reasonCodes(test, need);
      for (let i = 0; i < test.rows; i++) if (wanted(i, k)) oneByOne[i]!.push(...codes[i]!);
    });
    expect(together).toStrictEqual(oneByOne);
    expect(together.some((codes) => codes.length > 4)).toBe(true);
  });

  it('refits on every row with its configuration, row visits and Platt maps, deterministically', async () => {
    const all = gaussianRows(3600, 12, 'needs-train');
    const allY = plantedNeeds(all, 4, 'needs-train-y');
    const shipped = await refitNeedsModel(model, all, allY, new Rng('refit'));
    const again = await refitNeedsModel(model, all, allY, new Rng('refit'));
    try {
      expect(shipped.spec.ensemble!.refit).toStrictEqual({ rows: 3600, rowVisits: model.spec.ensemble!.rowVisits });
      expect([shipped.spec.platt, shipped.spec.positiveWeights]).toStrictEqual([model.spec.platt, model.spec.positiveWeights]);
      expect(again.toArtifact()).toStrictEqual(shipped.toArtifact());
      const p = shipped.predictProba(test);
      for (let k = 0; k < 4; k++) {
        const scores = Float64Array.from({ length: 3000 }, (_, i) => p[i * 4 + k]!);
        const labels = Uint8Array.from({ length: 3000 }, (_, i) => testY[i * 4 + k]!);
        expect(rocAuc(scores, labels)).toBeGreaterThan(0.8);
      }
      await expect(refitNeedsModel(model, all, allY.subarray(4), new Rng(1))).rejects.toMatchObject({ code: 'input_invalid' });
    } finally {
      shipped.dispose(); again.dispose();
    }
  });

  it('round-trips through its artifact with identical propensities', async () => {
    const artifact = model.toArtifact();
    const back = await NeedsModel.fromArtifact({ spec: JSON.parse(JSON.stringify(artifact.spec)) as unknown, weights: artifact.weights });
    try {
      expect(back.predictProba(test)).toStrictEqual(model.predictProba(test));
    } finally {
      back.dispose();
    }
  });
});

describe('fitNeedsModel errors and determinism', () => {
  const x = gaussianRows(600, 5, 'needs-small');
  const y = plantedNeeds(x, 2, 'needs-small-y');

  it('no positives at all → stage_failed; wrong label length → input_invalid; bad params → config_invalid', async () => {
    await expect(fitNeedsModel(x, new Uint8Array(1200), ['a', 'b'], {}, new Rng(1))).rejects.toMatchObject({ code: 'stage_failed' });
    await expect(fitNeedsModel(x, new Uint8Array(100), ['a', 'b'], {}, new Rng(1))).rejects.toMatchObject({ code: 'input_invalid' });
    await expect(fitNeedsModel(x, y, ['a', 'b'], { calibration: 'isotonic' } as never, new Rng(1))).rejects.toMatchObject({ code: 'config_invalid' });
    await expect(fitNeedsModel({ ...x, rows: 20, values: x.values.subarray(0, 100) }, y.subarray(0, 40), ['a', 'b'], {}, new Rng(1)))
      .rejects.toMatchObject({ code: 'stage_failed', details: { rows: 20 } });
  });

  it('gives byte-identical weights for the same seed', async () => {
    const a = await fitNeedsModel(x, y, ['a', 'b'], { maxEpochs: 5 }, new Rng('s'));
    const b = await fitNeedsModel(x, y, ['a', 'b'], { maxEpochs: 5 }, new Rng('s'));
    try {
      expect(b.toArtifact()).toStrictEqual(a.toArtifact());
    } finally {
      a.dispose(); b.dispose();
    }
  });
});
