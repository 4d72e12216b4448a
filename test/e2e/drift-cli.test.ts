import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClientBase } from '../../src/index.js';
import { BUNDLE_SCHEMA_VERSION, type Manifest } from '../../src/registry/manifest-schema.js';
import { writeBundle } from '../../src/registry/write-bundle.js';
import { runCli } from './run-cli.js';
import { QUICK_TRAINING_ARGS } from '../setup/quick-training.js';

let dir: string;
const data = (name: string) => ['--clients', path.join(dir, name, 'clients.csv'), '--transactions', path.join(dir, name, 'transactions.csv'), '--as-of', '2026-06-30'];
const model = () => path.join(dir, 'model');
const json = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-drift-cli-'));
  expect(runCli(['generate', '--clients', '600', '--seed', '8', '--out', path.join(dir, 'base')]).status).toBe(0);
  expect(runCli(['train', ...data('base'), '--out', model(), '--seed', '2', '--k', '4', ...QUICK_TRAINING_ARGS]).status).toBe(0);
}, 180_000);
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('drift from the command line', () => {
  it('writes drift.json beside the scores, with the verdict first; --fail-on passes an ok run', async () => {
    const run = runCli(['score', ...data('base'), '--model', model(), '--out', path.join(dir, 'run1', 'scores.csv'), '--fail-on', 'watch']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('drift: ok');
    const text = await readFile(path.join(dir, 'run1', 'drift.json'), 'utf8');
    expect(text.startsWith('{\n  "verdict": "ok",')).toBe(true);
    const drift = JSON.parse(text) as { features: { name: string; verdict: string; psi?: number }[]; segments: unknown; predictions: { risk: unknown; needs: unknown[] }; counts: { rows: number; features: unknown[] } };
    expect(drift.features.map((f) => f.name)).toContain('log_aum');
    expect(drift.features.map((f) => f.name)).toContain('asset_tier');
    expect(drift.features.every((f) => f.verdict === 'ok')).toBe(true);
    expect(drift.predictions.needs).toHaveLength(7);
    expect(drift.counts.rows).toBe(600);
    expect(drift.counts.features).toHaveLength(83);
    // Same data, same model: the same bytes.
    expect(runCli(['score', ...data('base'), '--model', model(), '--out', path.join(dir, 'run1b', 'scores.csv')]).status).toBe(0);
    expect(await readFile(path.join(dir, 'run1b', 'drift.json'), 'utf8')).toBe(text);
  }, 120_000);

  it('exits 10 under --fail-on alert when amounts triple, after writing scores, drift.json with migration, and the report', async () => {
    await generateClientBase({ clients: 600, seed: 8, outDir: path.join(dir, 'rich'), amountScale: 3 });
    const out = path.join(dir, 'run2');
    const run = runCli(['score', ...data('rich'), '--model', model(), '--out', path.join(out, 'scores.csv'), '--drift', path.join(out, 'monitoring.json'),
      '--previous', path.join(dir, 'run1', 'scores.csv'), '--fail-on', 'alert']);
    expect(run.status).toBe(10);
    expect(run.stderr).toContain('--fail-on alert');
    expect((await readFile(path.join(out, 'scores.csv'), 'utf8')).trim().split('\n')).toHaveLength(601);
    const drift = await json(path.join(out, 'monitoring.json')) as { verdict: string; features: { name: string; verdict: string }[]; migration: { matched: number; tier: { stayRate: number }; tierMoves: { total: number; boundary: number; behaviour: number } } };
    expect(drift.verdict).toBe('alert');
    expect(drift.features.find((f) => f.name === 'log_monthly_flow')!.verdict).toBe('alert');
    expect(drift.features.find((f) => f.name === 'txn_per_month')!.verdict).toBe('ok');
    expect(drift.migration.matched).toBe(600);
    expect(drift.migration.tier.stayRate).toBeLessThan(1);
    expect(drift.migration.tierMoves.total).toBe(drift.migration.tierMoves.boundary + drift.migration.tierMoves.behaviour);
    expect(drift.migration.tierMoves.total).toBeGreaterThan(0);
    const html = await readFile(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('class="verdict-alert"');
    expect(html).toContain('Migration since the previous run');
  }, 120_000);

  it('measures drift of a features.csv on its own with `clientseg drift`', async () => {
    expect(runCli(['features', ...data('rich'), '--out', path.join(dir, 'rich-features.csv')]).status).toBe(0);
    const gated = runCli(['drift', '--model', model(), '--features', path.join(dir, 'rich-features.csv'), '--fail-on', 'alert']);
    expect(gated.status).toBe(10);
    const drift = await json(path.join(dir, 'drift.json')) as { verdict: string; features: { name: string; kind: string }[] };
    expect(drift.verdict).toBe('alert');
    expect(drift.features.every((f) => f.kind === 'numeric')).toBe(true);
    expect(runCli(['drift', '--model', model(), '--features', path.join(dir, 'rich-features.csv'), '--out', path.join(dir, 'd2.json')]).status).toBe(0);
  }, 120_000);

  it('still scores with a bundle whose drift reference is of the old format, but refuses to gate on it', async () => {
    const good = path.join(model(), (await readdir(model())).find((n) => /^[0-9a-f]{12}$/.test(n))!);
    const manifest = JSON.parse(await readFile(path.join(good, 'manifest.json'), 'utf8')) as Manifest;
    const files = new Map<string, Uint8Array | string>();
    for (const f of Object.keys(manifest.files)) files.set(f, await readFile(path.join(good, f)));
    files.set('drift-reference.json', JSON.stringify({ format: 'clientseg.drift-reference/1', rows: 1, features: [], segments: {}, risk: {}, needs: {} }));
    const { files: _hashes, ...rest } = manifest;
    await writeBundle(path.join(dir, 'old-reference'), { ...rest, bundleSchemaVersion: BUNDLE_SCHEMA_VERSION }, files);
    const plain = runCli(['score', ...data('base'), '--model', path.join(dir, 'old-reference'), '--out', path.join(dir, 'run4', 'scores.csv')]);
    expect(plain.status).toBe(0);
    expect(existsSync(path.join(dir, 'run4', 'drift.json'))).toBe(false);
    const gated = runCli(['score', ...data('base'), '--model', path.join(dir, 'old-reference'), '--out', path.join(dir, 'run5', 'scores.csv'), '--fail-on', 'alert']);
    expect(gated.status).toBe(7);
    expect(gated.stderr).toContain('retrain');
    expect(existsSync(path.join(dir, 'run5', 'scores.csv'))).toBe(false);
  }, 120_000);

  it('refuses a bad previous file, a bad --fail-on and a features table without its columns, each in one line', async () => {
    const bad = runCli(['score', ...data('base'), '--model', model(), '--out', path.join(dir, 'run3', 'scores.csv'), '--previous', path.join(dir, 'base', 'clients.csv')]);
    expect(bad.status).toBe(4);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const flag = runCli(['score', ...data('base'), '--model', model(), '--out', path.join(dir, 'run3', 'scores.csv'), '--fail-on', 'sometimes']);
    expect(flag.status).toBe(2);
    const table = runCli(['drift', '--model', model(), '--features', path.join(dir, 'base', 'clients.csv')]);
    expect(table.status).toBe(4);
    expect(table.stderr).toContain('clientseg features');
  }, 120_000);
});
