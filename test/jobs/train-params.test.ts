import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel, NEEDS, parseIsoDay, readBundle, train, type NeedRule, type TrainResult } from '../../src/index.js';
import { buildLabelledFeatures } from '../../src/jobs/build-labelled-features.js';

// The committed sample trained with a non-default value in every parameter group, small enough
// to be quick: each value must show in what the fit produced, not only in the manifest.
const root = path.resolve(import.meta.dirname, '../..');
const clientsPath = path.join(root, 'data-samples/clients.csv');
const transactionsPath = path.join(root, 'data-samples/transactions.csv');
const asOf = parseIsoDay('2026-06-30')!;
/** The sample bank's reading turned round: education is an insurance buy, retirement a bond buy. */
const bankRules: NeedRule[] = [
  { need: 'education', types: ['buy'], assetClasses: ['insurance'] },
  { need: 'retirement', types: ['buy'], assetClasses: ['bond'] },
  { need: 'protection', types: ['insurance_premium'] },
  { need: 'wealth_transfer', types: ['buy'], assetClasses: ['trust'] },
  { need: 'global_allocation', types: ['buy'], assetClasses: ['fx'] },
  { need: 'liquidity', types: ['buy'], assetClasses: ['money_market'] },
  { need: 'growth', types: ['buy'], assetClasses: ['fund', 'equity'] },
];
let dir: string;
let trained: TrainResult;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-train-params-'));
  trained = await train({
    clientsPath, transactionsPath, asOf, modelDir: path.join(dir, 'model'), seed: 5, rejectsPath: path.join(dir, 'rejects.csv'),
    segments: { kMin: 3, kMax: 4, restarts: 2, relevanceRounds: 0 },
    classifier: { hiddenUnits: [5], activation: 'relu', members: 1, search: 'off', maxEpochs: 4, classWeighting: 'none' },
    needs: { hiddenUnits: [6], members: 2, search: 'off', maxEpochs: 3, calibration: 'none' },
    needRules: bankRules,
  });
}, 180_000);
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('train with parameters', () => {
  it('fits the segments over the given k range', () => {
    expect(trained.report.segments.curve.map((p) => p.k)).toStrictEqual([3, 4]);
    expect(trained.report.segments.k).toBeLessThanOrEqual(4);
  });

  it('fits the risk classifier and the needs model with their own parameters', async () => {
    const bundle = await readBundle(trained.dir);
    // The spec's own hiddenUnits is the members' combined width; the config is one member's.
    type Spec = { hiddenUnits: number[]; activation: string; ensemble: { members: number; config: { hiddenUnits: number[] } } };
    const risk = bundle.json('risk-model.json') as Spec;
    expect({ width: risk.hiddenUnits, member: risk.ensemble.config.hiddenUnits, activation: risk.activation, members: risk.ensemble.members })
      .toStrictEqual({ width: [5], member: [5], activation: 'relu', members: 1 });
    const needs = bundle.json('needs-model.json') as Spec;
    expect({ width: needs.hiddenUnits, member: needs.ensemble.config.hiddenUnits, members: needs.ensemble.members })
      .toStrictEqual({ width: [12], member: [6], members: 2 });
  });

  it('records every resolved parameter and the need rules in the manifest and the model card', async () => {
    const { manifest } = await readBundle(trained.dir);
    expect(manifest.params).toMatchObject({
      segments: { kMin: 3, kMax: 4, restarts: 2, relevanceRounds: 0, k: 'auto', sampleSize: 5000 },
      classifier: { hiddenUnits: [5], activation: 'relu', members: 1, search: 'off', maxEpochs: 4, classWeighting: 'none', learningRate: 0.003 },
      needs: { hiddenUnits: [6], members: 2, calibration: 'none', maxPositiveWeight: 50 },
      needRules: bankRules,
    });
    const card = await readFile(path.join(trained.dir, 'model-card.md'), 'utf8');
    expect(card).toContain('| education | buy | insurance | any | any |');
    expect(card).toContain('| retirement | buy | bond | any | any |');
    expect(card).toContain('"maxPositiveWeight": 50');
    const model = await loadModel(trained.dir);
    expect(model.needRules).toStrictEqual(bankRules);
    model.dispose();
  });

  it('labels needs by the given rules: the bank\'s education is the default retirement', async () => {
    const labelsWith = async (needRules?: NeedRule[]) => (await buildLabelledFeatures({ clientsPath, transactionsPath, asOf, rejectsPath: path.join(dir, 'r.csv'), needRules })).needLabels.labels;
    const column = (labels: Uint8Array, need: string) => Array.from({ length: labels.length / NEEDS.length }, (_, i) => labels[i * NEEDS.length + NEEDS.indexOf(need as never)]!);
    const [defaults, bank] = [await labelsWith(undefined), await labelsWith(bankRules)];
    expect(column(bank, 'education')).toStrictEqual(column(defaults, 'retirement'));
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(column(bank, 'education'))).toBeGreaterThan(20);
    expect(column(bank, 'retirement')).not.toStrictEqual(column(defaults, 'retirement'));
    expect(column(bank, 'growth')).toStrictEqual(column(defaults, 'growth'));
  });

  it('refuses an unknown parameter before reading any input', async () => {
    await expect(train({
      clientsPath: '/nonexistent/c.csv', transactionsPath: '/nonexistent/t.csv', asOf, modelDir: '/nonexistent/m', seed: 1, rejectsPath: '/nonexistent/r.csv',
      classifier: { hiddenUnit: [5] } as never,
    })).rejects.toMatchObject({ code: 'config_invalid' });
  });
});
