import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitStatus } from '../../src/cli/commands/run-command.js';
import { generateClientBase, openStore, readAliases } from '../../src/index.js';
import { runRetrainPipeline } from '../../src/jobs/run-retrain-pipeline.js';
import { RetrainPipelineSchema, type RetrainPipeline } from '../../src/pipeline/pipeline-schema.js';
import { QUICK_TRAINING } from '../setup/quick-training.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-retrain-'));
  await generateClientBase({ clients: 500, seed: 41, outDir: path.join(dir, 'a') });
  await generateClientBase({ clients: 500, seed: 42, outDir: path.join(dir, 'b') });
}, 120_000);
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

const storeUrl = () => `sqlite:${path.join(dir, 'store.db')}`;
function pipeline(data: 'a' | 'b', seed: number, gates: unknown[]): RetrainPipeline {
  return RetrainPipelineSchema.parse({
    name: 'monthly-retrain', kind: 'retrain', asOf: '2026-06-30',
    inputs: { clients: { path: path.join(dir, data, 'clients.csv') }, transactions: { path: path.join(dir, data, 'transactions.csv') } },
    model: { name: path.join(dir, 'models', 'retail'), seed, k: 5 },
    params: { classifier: QUICK_TRAINING.classifier, needs: QUICK_TRAINING.needs },
    store: { url: storeUrl() }, output: path.join(dir, 'out'), gates,
  });
}
const lenient = [{ metric: 'risk.macroF1', maxRegression: 1 }, { metric: 'needs.meanAuc', threshold: 0.5 }];
const strict = [{ metric: 'risk.macroF1', threshold: 0.99 }, { metric: 'risk.ece', better: 'lower', maxRegression: 1 }];
const modelDir = () => path.join(dir, 'models', 'retail');

describe('the retrain pipeline', () => {
  let champion: string;

  it('makes the first version the champion', async () => {
    const first = await runRetrainPipeline(pipeline('a', 1, lenient));
    expect(first).toMatchObject({ outcome: 'first_champion', champion: null, gates: [] });
    champion = first.challenger;
    expect((await readAliases(modelDir())).champion).toBe(champion);
  }, 120_000);

  it('promotes a challenger when every gate passes, and audits it', async () => {
    const next = await runRetrainPipeline(pipeline('b', 7, lenient));
    expect(next).toMatchObject({ outcome: 'promoted', champion });
    expect(next.gates.map((g) => g.passed)).toEqual([true, true]);
    expect(next.gates[0]!.champion).toBeGreaterThan(0);
    expect(next.challenger).not.toBe(champion);
    // The promoted challenger is champion only: no version holds two aliases.
    const aliases = await readAliases(modelDir());
    expect(aliases.champion).toBe(next.challenger);
    expect(aliases.challenger).toBeUndefined();
    expect(exitStatus(next)).toBe(0);
    const report = JSON.parse(await readFile(path.join(dir, 'out', 'retrain-report.json'), 'utf8')) as { outcome: string };
    expect(report.outcome).toBe('promoted');
    champion = next.challenger;
  }, 120_000);

  it('keeps the champion when a gate fails, and exits with the gate status', async () => {
    const refused = await runRetrainPipeline(pipeline('a', 8, strict));
    expect(refused.outcome).toBe('refused');
    expect(refused.gates.map((g) => g.passed)).toEqual([false, true]);
    expect(refused.gates[0]!.reason).toMatch(/below the threshold 0.9900/);
    expect(await readAliases(modelDir())).toMatchObject({ champion, challenger: refused.challenger });
    expect(exitStatus(refused)).toBe(9);
    const store = await openStore(storeUrl());
    try {
      expect((await store.auditLog()).map((e) => e.action)).toEqual(['promotion_refused', 'challenger_trained', 'model_promoted', 'challenger_trained', 'model_promoted']);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('changes nothing when training reproduces the champion', async () => {
    const same = await runRetrainPipeline(pipeline('b', 7, strict));
    expect(same).toMatchObject({ outcome: 'unchanged', challenger: champion, champion });
    expect(exitStatus(same)).toBe(0);
  }, 120_000);
});
