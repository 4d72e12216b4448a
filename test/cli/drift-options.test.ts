import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftSettingsFromArgs } from '../../src/cli/drift-options.js';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-drift-options-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('the --drift-* flags', () => {
  it('read a settings file, then lay exclusions, bands and the reference over it (and over a pipeline block)', async () => {
    const file = path.join(dir, 'settings.json');
    await writeFile(file, JSON.stringify({ features: { recency_days: { psi: [0.2, 0.3] } }, reference: { kind: 'pooled', months: 2 } }));
    const settings = await driftSettingsFromArgs(
      { driftSettings: file, driftExclude: 'marital_status, lifecycle_stage', driftThreshold: ['recency_days.wasserstein=0.3,0.6', 'psi=0.15,0.3'], driftReference: 'seasonal' },
      { features: { asset_tier: { exclude: true } }, thresholds: { minRows: 500 } },
    );
    expect(settings).toStrictEqual({
      thresholds: { minRows: 500, psi: [0.15, 0.3] },
      features: {
        asset_tier: { exclude: true }, lifecycle_stage: { exclude: true }, marital_status: { exclude: true },
        recency_days: { psi: [0.2, 0.3], wasserstein: [0.3, 0.6] },
      },
      reference: { kind: 'seasonal', monthsBack: 12, toleranceDays: 3 },
    });
    expect(await driftSettingsFromArgs({})).toBeUndefined();
    expect((await driftSettingsFromArgs({ driftReference: 'pooled:6' }))?.reference).toStrictEqual({ kind: 'pooled', months: 6 });
  });

  it('refuse a malformed band, reference or settings file with config_invalid', async () => {
    for (const args of [{ driftThreshold: ['recency_days.psi=0.5,0.2'] }, { driftThreshold: ['recency_days.ks=0.1,0.2'] }, { driftReference: 'pooled' }, { driftReference: 'seasonal:0' }]) {
      await expect(driftSettingsFromArgs(args)).rejects.toMatchObject({ code: 'config_invalid' });
    }
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ features: { x: { exlude: true } } }));
    await expect(driftSettingsFromArgs({ driftSettings: bad })).rejects.toMatchObject({ code: 'config_invalid' });
  });
});
