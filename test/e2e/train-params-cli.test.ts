import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/index.js';
import { runCli } from './run-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-params-cli-'));
  const rng = new Rng(8);
  const lines = ['id,income,region,label'];
  for (let i = 0; i < 400; i++) {
    const income = rng.normal(50, 15);
    const region = rng.pick(['north', 'south']);
    lines.push(`K${i},${income.toFixed(2)},${region},${income > 55 || region === 'north' ? 'yes' : 'no'}`);
  }
  await writeFile(path.join(dir, 'table.csv'), `${lines.join('\n')}\n`);
  await writeFile(path.join(dir, 'params.json'), JSON.stringify({
    segments: { k: 3, restarts: 2 },
    classifier: { hiddenUnits: [4], members: 1, search: 'off', maxEpochs: 3 },
    needRules: [{ need: 'education', types: ['tuition'] }],
  }));
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

const manifestOf = async (out: string) => {
  const version = JSON.parse(await readFile(path.join(out, 'aliases.json'), 'utf8')).champion as string;
  return JSON.parse(await readFile(path.join(out, version, 'manifest.json'), 'utf8')) as { params: Record<string, Record<string, unknown>> };
};
const trainTable = (out: string, ...extra: string[]) => runCli(['train', '--features', path.join(dir, 'table.csv'), '--id-column', 'id', '--target', 'label',
  '--out', out, '--rejects', path.join(dir, 'rejects.csv'), '--params', path.join(dir, 'params.json'), ...extra]);

describe('train --params', () => {
  it('fits a feature table with the file\'s segments and classifier, says the needs groups go unused, and records them', async () => {
    const out = path.join(dir, 'table-model');
    const result = trainTable(out);
    expect(result.stderr).toContain('params_unused');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('segments: k = 3');
    const { params } = await manifestOf(out);
    expect(params.segments).toMatchObject({ k: 3, restarts: 2, relevanceRounds: 0, dropNearDuplicates: false });
    expect(params.classifier).toMatchObject({ hiddenUnits: [4], members: 1, search: 'off', maxEpochs: 3, activation: 'tanh' });
    const version = JSON.parse(await readFile(path.join(out, 'aliases.json'), 'utf8')).champion as string;
    const risk = JSON.parse(await readFile(path.join(out, version, 'risk-model.json'), 'utf8')) as { ensemble: { members: number; config: { hiddenUnits: number[] } } };
    expect({ members: risk.ensemble.members, hiddenUnits: risk.ensemble.config.hiddenUnits }).toStrictEqual({ members: 1, hiddenUnits: [4] });
  }, 120_000);

  it('scores with 4-decimal probabilities by default and every float32 digit with --probabilities full', async () => {
    const model = path.join(dir, 'table-model');
    const cells = async (...extra: string[]) => {
      const out = path.join(dir, `scores${extra.length}.csv`);
      const result = runCli(['score', '--features', path.join(dir, 'table.csv'), '--id-column', 'id', '--model', model, '--out', out, ...extra]);
      expect(result.status).toBe(0);
      const [header, ...rows] = (await readFile(out, 'utf8')).trimEnd().split('\n').map((l) => l.split(','));
      const p = header!.indexOf('p_yes');
      return rows.map((r) => r[p]!);
    };
    const rounded = await cells();
    const full = await cells('--probabilities', 'full');
    expect(rounded.every((v) => /^\d\.\d{4}$/.test(v))).toBe(true);
    expect(full.map((v) => Number(v).toFixed(4))).toStrictEqual(rounded);
    expect(full.filter((v) => v.length > 6).length).toBeGreaterThan(rounded.length / 2);
    expect(runCli(['score', '--features', path.join(dir, 'table.csv'), '--model', model, '--out', path.join(dir, 'x.csv'), '--probabilities', 'all']).status).toBe(2);
  }, 120_000);

  it('lets --k on the command line win over the file', async () => {
    const out = path.join(dir, 'k-model');
    expect(trainTable(out, '--k', '4').status).toBe(0);
    expect((await manifestOf(out)).params.segments).toMatchObject({ k: 4, restarts: 2 });
  }, 120_000);

  it('refuses a misspelt key with exit 2 and the key\'s path, no stack trace', async () => {
    await writeFile(path.join(dir, 'bad.json'), JSON.stringify({ classifier: { hiddenUnit: [4] } }));
    const result = runCli(['train', '--features', path.join(dir, 'table.csv'), '--id-column', 'id', '--out', path.join(dir, 'bad-model'), '--params', path.join(dir, 'bad.json')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/classifier: Unrecognized key: "hiddenUnit"/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
