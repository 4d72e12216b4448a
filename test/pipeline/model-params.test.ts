import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_NEED_RULES, loadModelParams, loadPipeline, parseModelParams, resolveModelParams, runPipeline } from '../../src/index.js';
import { pipelineModelParams } from '../../src/pipeline/pipeline-model-params.js';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-params-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function write(name: string, json: unknown): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, typeof json === 'string' ? json : JSON.stringify(json));
  return file;
}

const retrain = {
  name: 'monthly', kind: 'retrain', asOf: 'today',
  inputs: { clients: { path: 'c.csv' }, transactions: { path: 't.csv' } },
  model: { name: 'models/m', seed: 1 }, gates: [{ metric: 'risk.macroF1', threshold: 0.5 }],
};

describe('model params', () => {
  it('fill every default in, and keep what the file set', () => {
    const resolved = resolveModelParams(parseModelParams({ segments: { k: 5 }, classifier: { hiddenUnits: [64], classWeighting: 'none' }, needs: { calibration: 'none' } }, 'test'));
    expect(resolved.segments).toMatchObject({ k: 5, kMin: 3, kMax: 10, restarts: 10, relevanceRounds: 2 });
    expect(resolved.classifier).toMatchObject({ hiddenUnits: [64], classWeighting: 'none', activation: 'tanh', learningRate: 0.003, members: 3 });
    expect(resolved.needs).toMatchObject({ calibration: 'none', maxPositiveWeight: 50, hiddenUnits: [32] });
    expect(resolved.needRules).toStrictEqual(DEFAULT_NEED_RULES);
  });

  it('lay a caller\'s segment defaults under the file\'s values', () => {
    expect(resolveModelParams({ segments: { relevanceRounds: 1 } }, { relevanceRounds: 0, dropNearDuplicates: false }).segments)
      .toMatchObject({ relevanceRounds: 1, dropNearDuplicates: false });
  });

  it('refuse unknown keys, bad values and bad rules as config_invalid, naming the path', () => {
    const bad: [unknown, string][] = [
      [{ segmnts: { k: 5 } }, '(top level)'],
      [{ classifier: { hiddenUnit: [8] } }, 'classifier'],
      [{ needs: { calibration: 'isotonic' } }, 'needs.calibration'],
      [{ segments: { k: 1 } }, 'segments.k'],
      [{ needRules: [{ need: 'education', types: ['tution'] }] }, 'needRules.0.types.0'],
      [{ needRules: [{ need: 'holiday', types: ['buy'] }] }, 'needRules.0.need'],
      [{ needRules: [] }, 'needRules'],
    ];
    for (const [json, where] of bad) {
      let caught: unknown;
      try { parseModelParams(json, 'p.json'); } catch (err) { caught = err; }
      expect(caught).toMatchObject({ code: 'config_invalid' });
      expect((caught as Error).message).toContain(where);
    }
  });

  it('read a file, and refuse a missing file or bad JSON as config_invalid', async () => {
    expect(await loadModelParams(await write('ok.json', '\uFEFF{"segments":{"k":4}}'))).toStrictEqual({ segments: { k: 4 } });
    await expect(loadModelParams(path.join(dir, 'absent.json'))).rejects.toMatchObject({ code: 'config_invalid' });
    await expect(loadModelParams(await write('bad.json', '{"segments":'))).rejects.toMatchObject({ code: 'config_invalid' });
  });
});

describe('a retrain pipeline\'s params', () => {
  it('take an inline block or a file, with model.k laid over the segments', async () => {
    const inline = await loadPipeline(await write('inline.json', { ...retrain, model: { ...retrain.model, k: 6 }, params: { classifier: { members: 1 } } }));
    expect(inline.kind === 'retrain' && await pipelineModelParams(inline)).toStrictEqual({ classifier: { members: 1 }, segments: { k: 6 } });
    const file = await write('params.json', { segments: { kMax: 8 }, needRules: [{ need: 'education', types: ['tuition'] }] });
    const fromFile = await loadPipeline(await write('file.json', { ...retrain, params: file }));
    expect(fromFile.kind === 'retrain' && await pipelineModelParams(fromFile))
      .toStrictEqual({ segments: { kMax: 8 }, needRules: [{ need: 'education', types: ['tuition'] }] });
  });

  it('refuse a misspelt key in an inline block when the pipeline loads', async () => {
    await expect(loadPipeline(await write('misspelt.json', { ...retrain, params: { classifier: { hiddenUnit: [8] } } })))
      .rejects.toMatchObject({ code: 'config_invalid', message: expect.stringContaining('params.classifier') });
  });

  it('refuse k given both as model.k and params.segments.k', async () => {
    const both = await loadPipeline(await write('both.json', { ...retrain, model: { ...retrain.model, k: 6 }, params: { segments: { k: 7 } } }));
    await expect(both.kind === 'retrain' ? pipelineModelParams(both) : Promise.resolve())
      .rejects.toMatchObject({ code: 'config_invalid', details: { keys: ['k'] } });
  });
});

describe('docs/params.md', () => {
  it('lists every key of every group with its default', async () => {
    const doc = await readFile(path.join(import.meta.dirname, '../../docs/params.md'), 'utf8');
    const resolved = resolveModelParams({});
    for (const group of ['segments', 'classifier', 'needs'] as const) {
      for (const [key, value] of Object.entries(resolved[group])) {
        expect(doc).toContain(`| \`${group}.${key}\` | \`${JSON.stringify(value)}\` |`);
      }
    }
    expect(doc).toContain('| `segments.features` |');
    for (const rule of DEFAULT_NEED_RULES) expect(doc).toContain(`| ${rule.need} | ${rule.types.join(', ')} | ${rule.assetClasses?.join(', ') ?? 'any'} |`);
  });
});

describe('a retrain pipeline run', () => {
  it('refuses a params file it cannot read before training anything', async () => {
    const pipeline = await loadPipeline(await write('missing-params.json', { ...retrain, params: path.join(dir, 'nope.json'), output: path.join(dir, 'out') }));
    await expect(runPipeline(pipeline, { store: `sqlite:${path.join(dir, 'runs.db')}` })).rejects.toMatchObject({ code: 'config_invalid', details: { file: path.join(dir, 'nope.json') } });
  });
});
