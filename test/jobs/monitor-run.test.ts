import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayNumber, generateClientBase, score, train, type DriftReport, type ScoreResult } from '../../src/index.js';
import { QUICK_TRAINING } from '../setup/quick-training.js';

// Small enough to run in seconds, large enough that sampling noise stays well inside the bands
// (at 1,500 clients a fresh draw of the same population peaks at PSI 0.02 and Wasserstein 0.07).
const CLIENTS = 1500;
const asOf = dayNumber(2026, 6, 30);
let dir: string;
const results: Record<string, ScoreResult> = {};
const inputs = (name: string) => ({
  clientsPath: path.join(dir, name, 'clients.csv'), transactionsPath: path.join(dir, name, 'transactions.csv'), rejectsPath: path.join(dir, name, 'rejects.csv'),
});
const verdicts = (drift: DriftReport) => Object.fromEntries(drift.features.map((f) => [f.name, f.verdict]));

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-drift-'));
  await generateClientBase({ clients: CLIENTS, seed: 1, outDir: path.join(dir, 'train') });
  // Seed 2 for every run: the amount run is the same clients as `fresh`, amounts ×3 and nothing else.
  await generateClientBase({ clients: CLIENTS, seed: 2, outDir: path.join(dir, 'fresh') });
  await generateClientBase({ clients: CLIENTS, seed: 2, outDir: path.join(dir, 'amounts'), amountScale: 3 });
  await generateClientBase({ clients: CLIENTS, seed: 2, outDir: path.join(dir, 'retirees'), archetypeShares: { retiree: 0.6 } });
  await generateClientBase({ clients: CLIENTS, seed: 2, outDir: path.join(dir, 'later'), asOf: dayNumber(2026, 9, 30) });
  await train({ ...inputs('train'), asOf, modelDir: path.join(dir, 'model'), seed: 4, ...QUICK_TRAINING });
  for (const name of ['train', 'fresh', 'amounts', 'retirees']) {
    results[name] = await score({ ...inputs(name), asOf, model: path.join(dir, 'model'), outPath: path.join(dir, name, 'scores.csv') });
  }
  results['later'] = await score({ ...inputs('later'), asOf: dayNumber(2026, 9, 30), model: path.join(dir, 'model'), outPath: path.join(dir, 'later', 'scores.csv') });
}, 300_000);
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('drift on generated populations', () => {
  it('is zero on the training population itself and ok on a fresh draw of the same population', () => {
    const itself = results['train']!.monitoring!.drift;
    expect(itself.verdict).toBe('ok');
    expect(itself.features.every((f) => (f.kind === 'numeric' ? f.psi === 0 && f.wasserstein === 0 : f.jensenShannon === 0))).toBe(true);
    expect(itself.segments.jensenShannon).toBe(0);
    const fresh = results['fresh']!.monitoring!.drift;
    expect(fresh.verdict).toBe('ok');
    expect(fresh.lowSample).toBe(false);
  });

  it('alerts on the amount features when amounts triple, and leaves every other feature ok', () => {
    const drift = results['amounts']!.monitoring!.drift;
    expect(drift.verdict).toBe('alert');
    const v = verdicts(drift);
    const shifted = ['log_monthly_flow', 'log_monthly_income', 'log_aum', 'asset_tier'];
    for (const name of shifted) expect({ name, verdict: v[name] }).toStrictEqual({ name, verdict: 'alert' });
    // Counts, shares, ratios (turnover and holding period divide an amount by AUM), ages and
    // family: the same clients as `fresh`, so exactly the same statistics, all ok.
    const fresh = verdicts(results['fresh']!.monitoring!.drift);
    for (const name of Object.keys(v).filter((n) => !shifted.includes(n))) {
      expect({ name, verdict: v[name] }).toStrictEqual({ name, verdict: 'ok' });
      expect(fresh[name]).toBe('ok');
    }
  });

  it('alerts on age, pension and life-cycle and the segment mix when retirees dominate, not on what retirees share with everyone', () => {
    const drift = results['retirees']!.monitoring!.drift;
    expect(drift.verdict).toBe('alert');
    const v = verdicts(drift);
    for (const name of ['age_years', 'pension_regularity', 'salary_regularity', 'lifecycle_stage']) expect({ name, verdict: v[name] }).toStrictEqual({ name, verdict: 'alert' });
    expect(drift.segments.verdict).toBe('alert');
    // A mixture shift moves most behaviour a little; these features do not separate retirees
    // from the other archetypes (retirees' AUM and flows sit mid-range, foreign and alternative
    // products are the UHNW archetype's), so they must not alert.
    for (const name of ['log_monthly_flow', 'log_aum', 'asset_tier', 'share_foreign', 'share_alternative', 'tenure_years']) {
      expect({ name, alert: v[name] === 'alert' }).toStrictEqual({ name, alert: false });
    }
  });

  it('measures realised accuracy on questionnaires answered after training, close to the held-out accuracy', () => {
    expect(results['fresh']!.monitoring!.accuracy).toBeUndefined();
    const accuracy = results['later']!.monitoring!.accuracy!;
    expect(accuracy.labelled).toBeGreaterThan(50);
    const trained = accuracy.training['macroF1'] as number;
    expect(accuracy.metrics.macroF1).toBeGreaterThan(accuracy.metrics.baseline.macroF1 + 0.2);
    expect(Math.abs(accuracy.metrics.macroF1 - trained)).toBeLessThan(0.15);
  });
});
