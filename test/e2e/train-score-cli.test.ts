import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_SCHEMA_VERSION, type Manifest } from '../../src/registry/manifest-schema.js';
import { writeBundle } from '../../src/registry/write-bundle.js';
import { runCli } from './run-cli.js';
import { QUICK_TRAINING_ARGS } from '../setup/quick-training.js';

let dir: string;
const data = () => ['--clients', path.join(dir, 'data', 'clients.csv'), '--transactions', path.join(dir, 'data', 'transactions.csv'), '--as-of', '2026-06-30'];
const trainInto = (out: string, ...extra: string[]) => runCli(['train', ...data(), '--out', path.join(dir, out, 'model'), '--seed', '5', '--k', '4', ...QUICK_TRAINING_ARGS, ...extra]);
const scoreWith = (model: string, out: string) => runCli(['score', ...data(), '--model', model, '--out', path.join(dir, out, 'scores.csv')]);
const oneLine = (stderr: string) => {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-train-'));
  expect(runCli(['generate', '--clients', '600', '--seed', '3', '--out', path.join(dir, 'data')]).status).toBe(0);
}, 120_000);
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function bundleDir(modelDir: string): Promise<string> {
  const version = (await readdir(modelDir)).find((n) => /^[0-9a-f]{12}$/.test(n))!;
  return path.join(modelDir, version);
}

describe('train and score from the command line', () => {
  it('trains byte-identical bundles from the same data and seed, and scores byte-identically', async () => {
    expect(trainInto('a').status).toBe(0);
    expect(trainInto('b').status).toBe(0);
    const [a, b] = [await bundleDir(path.join(dir, 'a', 'model')), await bundleDir(path.join(dir, 'b', 'model'))];
    expect(path.basename(a)).toBe(path.basename(b));
    const files = (await readdir(a)).sort();
    expect(files).toContain('risk-weights.bin');
    for (const f of files) expect((await readFile(path.join(a, f))).equals(await readFile(path.join(b, f)))).toBe(true);

    expect(scoreWith(path.join(dir, 'a', 'model'), 's1').status).toBe(0);
    expect(scoreWith(`${path.join(dir, 'b', 'model')}@champion`, 's2').status).toBe(0);
    const [s1, s2] = [await readFile(path.join(dir, 's1', 'scores.csv')), await readFile(path.join(dir, 's2', 'scores.csv'))];
    expect(s1.equals(s2)).toBe(true);
    const lines = s1.toString('utf8').trim().split('\n');
    expect(lines).toHaveLength(601);
    expect(lines[0]).toBe('client_id,as_of,model_version,asset_tier,tier_code,lifecycle_stage,behaviour_segment,behaviour_segment_name,risk_segment,p_conservative,p_balanced,p_aggressive,declared_risk,suitability,predicted_needs,need_education,need_retirement,need_protection,need_wealth_transfer,need_global_allocation,need_liquidity,need_growth,reasons,flags');
  }, 240_000);

  it('refuses a tampered bundle, another feature catalogue and a missing model with their exit codes', async () => {
    const good = await bundleDir(path.join(dir, 'a', 'model'));
    await cp(path.join(dir, 'a', 'model'), path.join(dir, 'tampered'), { recursive: true });
    const weights = path.join(await bundleDir(path.join(dir, 'tampered')), 'risk-weights.bin');
    const bytes = await readFile(weights);
    bytes[8] = bytes[8]! ^ 0xff;
    await writeFile(weights, bytes);
    const tampered = scoreWith(path.join(dir, 'tampered'), 's3');
    expect(tampered.status).toBe(7);
    expect(tampered.stderr).toContain('risk-weights.bin');
    oneLine(tampered.stderr);

    // A bundle whose hashes are all right but which was built with another feature catalogue.
    const manifest = JSON.parse(await readFile(path.join(good, 'manifest.json'), 'utf8')) as Manifest;
    const files = new Map<string, Uint8Array>();
    for (const f of Object.keys(manifest.files)) files.set(f, await readFile(path.join(good, f)));
    const { files: _hashes, ...rest } = manifest;
    await writeBundle(path.join(dir, 'old-catalogue'), { ...rest, bundleSchemaVersion: BUNDLE_SCHEMA_VERSION, featureCatalogueVersion: '0.9.0' }, files);
    const old = scoreWith(path.join(dir, 'old-catalogue'), 's4');
    expect(old.status).toBe(7);
    expect(old.stderr).toContain('feature catalogue 0.9.0');
    oneLine(old.stderr);

    const missing = scoreWith(path.join(dir, 'nowhere'), 's5');
    expect(missing.status).toBe(6);
    oneLine(missing.stderr);
  }, 120_000);

  it('trains without a classifier on a target with one class, warning risk_unlabelled', async () => {
    const clients = (await readFile(path.join(dir, 'data', 'clients.csv'), 'utf8')).split('\n');
    const header = clients[0]!.split(',');
    const risk = header.indexOf('declared_risk');
    const oneClass = clients.map((line, i) => {
      if (i === 0 || line === '') return line;
      const cells = line.split(',');
      if (cells[risk]) cells[risk] = 'balanced';
      return cells.join(',');
    });
    await writeFile(path.join(dir, 'one-class.csv'), oneClass.join('\n'));
    const result = runCli(['train', '--clients', path.join(dir, 'one-class.csv'), '--transactions', path.join(dir, 'data', 'transactions.csv'),
      '--as-of', '2026-06-30', '--out', path.join(dir, 'one'), '--k', '4']);
    // Issue 17: one class is too few labels for a classifier, not a reason to train nothing.
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('"code":"risk_unlabelled"');
    expect(result.stderr).toContain('one class only (balanced)');
    expect(await readdir(await bundleDir(path.join(dir, 'one')))).not.toContain('risk-model.json');
  }, 120_000);
});
