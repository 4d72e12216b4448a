import { readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustedRandIndex, classificationMetrics, generateClientBase, NEEDS, parseIsoDay, RISK_LEVELS, rocAuc, score, train, type ScoreResult } from '../../src/index.js';

// Quality on known ground truth: train on one generated population (seed 99), measure on an
// independent one (seed 100) that the model never saw.
const CLIENTS = 20_000;
const asOf = parseIsoDay('2026-06-30')!;
let dir: string;
let scored: ScoreResult;
let truth: Map<string, { archetype: string; risk: string; needs: string[] }>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-quality-'));
  for (const [name, seed] of [['train', 99], ['test', 100]] as const) {
    await generateClientBase({ clients: CLIENTS, seed, outDir: path.join(dir, name) });
  }
  const data = (name: string) => ({ clientsPath: path.join(dir, name, 'clients.csv'), transactionsPath: path.join(dir, name, 'transactions.csv'), asOf, rejectsPath: path.join(dir, `${name}-rejects.csv`) });
  // Every default but the training report's diagnostics, which read the model and change none of it.
  await train({ ...data('train'), modelDir: path.join(dir, 'model'), seed: 1, diagnostics: false });
  scored = await score({ ...data('test'), model: path.join(dir, 'model'), outPath: path.join(dir, 'scores.csv') });
  const lines = (await readFile(path.join(dir, 'test', 'truth.csv'), 'utf8')).trim().split('\n').slice(1);
  truth = new Map(lines.map((l) => {
    const [id, archetype, risk, needs] = l.split(',');
    return [id!, { archetype: archetype!, risk: risk!, needs: needs ? needs.split(';') : [] }];
  }));
}, 600_000);
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe(`model quality at ${CLIENTS} clients, measured on an unseen population`, () => {
  // Measured 0.997 (k chosen by silhouette) on catalogue 2.0.0's balanced, relevance-weighted
  // blocks; 0.95 leaves room for seeds and machines while catching a return to the old 0.84.
  it('recovers the generator\'s behaviour archetypes with ARI ≥ 0.95', () => {
    const archetypes = [...new Set([...truth.values()].map((t) => t.archetype))];
    const a = scored.profiles.map((p) => archetypes.indexOf(truth.get(p.clientId)!.archetype));
    const b = scored.profiles.map((p) => p.behaviourSegment);
    expect(adjustedRandIndex(a, b)).toBeGreaterThanOrEqual(0.95);
  });

  it('predicts the risk segment far above the majority baseline and near the noise ceiling', () => {
    // The generator's questionnaire (noise 0.15) caps accuracy against declared labels near 0.745 and
    // the best behaviour-based predictor reaches about 0.86 against the true tolerance
    // (docs/generator.md); a model within 0.08 of that ceiling learned what can be learned.
    const y = scored.profiles.map((p) => RISK_LEVELS.indexOf(truth.get(p.clientId)!.risk as never));
    const predicted = scored.profiles.map((p) => RISK_LEVELS.indexOf(p.riskSegment as never));
    const m = classificationMetrics(y, predicted, RISK_LEVELS);
    expect(m.macroF1).toBeGreaterThanOrEqual(0.86 - 0.08);
    expect(m.macroF1 - m.baseline.macroF1).toBeGreaterThan(0.5);
  });

  it('ranks every planted need with AUC ≥ 0.75', () => {
    for (const [j, need] of NEEDS.entries()) {
      const scores = scored.profiles.map((p) => p.needPropensities[j]!);
      const labels = scored.profiles.map((p) => (truth.get(p.clientId)!.needs.includes(need) ? 1 : 0));
      expect({ need, auc: rocAuc(scores, labels) >= 0.75 }).toStrictEqual({ need, auc: true });
    }
  });
});
