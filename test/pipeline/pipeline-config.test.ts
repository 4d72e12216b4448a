import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDay } from '../../src/core/days.js';
import { loadPipeline } from '../../src/pipeline/load-pipeline.js';
import { pipelineMapping } from '../../src/pipeline/pipeline-mapping.js';
import { resolveAsOf } from '../../src/pipeline/resolve-as-of.js';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-pipeline-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function write(name: string, json: unknown): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, typeof json === 'string' ? json : JSON.stringify(json));
  return file;
}

const scorePipeline = {
  name: 'nightly', kind: 'score', asOf: 'today',
  inputs: { clients: { path: 'c.csv' }, transactions: { path: 't.csv' } },
  model: { name: 'models/sample' },
};

describe('pipeline files', () => {
  it('load the shipped pipelines with their defaults filled in', async () => {
    const nightly = await loadPipeline('pipelines/nightly-score.json');
    expect(nightly).toMatchObject({ kind: 'score', name: 'nightly-score', store: { url: 'sqlite:out/clientseg.db' }, model: { alias: 'champion' }, driftGate: { failOn: 'alert' }, retention: { keepRuns: 30 } });
    const monthly = await loadPipeline('pipelines/monthly-retrain.json');
    expect(monthly).toMatchObject({ kind: 'retrain', promote: true, model: { k: 7, seed: 2026 } });
    expect(monthly.kind === 'retrain' && monthly.gates.map((g) => g.metric)).toEqual(['risk.macroF1', 'risk.ece', 'needs.meanAuc', 'segments.silhouette']);
  });

  it('fill defaults for the store, alias and drift gate', async () => {
    const p = await loadPipeline(await write('minimal.json', scorePipeline));
    expect(p).toMatchObject({ store: { url: 'sqlite:out/clientseg.db' }, model: { alias: 'champion' }, driftGate: { failOn: 'alert' } });
    expect(p.kind === 'score' && p.retention).toBeUndefined();
  });

  it('take the segment features of a retrain, and refuse an empty list', async () => {
    const retrain = { ...scorePipeline, kind: 'retrain', model: { name: 'm', seed: 1, segmentFeatures: ['type_share_buy', 'buy_share_r5'] }, gates: [{ metric: 'risk.macroF1', threshold: 0.5 }] };
    const p = await loadPipeline(await write('segment-features.json', retrain));
    expect(p.kind === 'retrain' && p.model.segmentFeatures).toEqual(['type_share_buy', 'buy_share_r5']);
    await expect(loadPipeline(await write('no-segment-features.json', { ...retrain, model: { ...retrain.model, segmentFeatures: [] } })))
      .rejects.toMatchObject({ code: 'config_invalid' });
  });

  it('refuse a misspelt key, a bad value, bad JSON or a missing file as config_invalid', async () => {
    const bad = [
      { ...scorePipeline, retension: { keepRuns: 3 } },
      { ...scorePipeline, asOf: 'yesterday' },
      { ...scorePipeline, kind: 'train' },
      { ...scorePipeline, name: 'Nightly Score' },
      { ...scorePipeline, retention: { keepRuns: 0 } },
      { ...scorePipeline, driftGate: { failOn: 'ok' } },
      { ...scorePipeline, kind: 'retrain', model: { name: 'm', seed: 1 }, gates: [{ metric: 'risk.macroF1' }] },
      { ...scorePipeline, kind: 'retrain', model: { name: 'm', seed: 1 }, gates: [] },
    ];
    for (const [i, json] of bad.entries()) {
      await expect(loadPipeline(await write(`bad-${i}.json`, json)), JSON.stringify(json)).rejects.toMatchObject({ code: 'config_invalid' });
    }
    await expect(loadPipeline(await write('broken.json', '{ "name": '))).rejects.toMatchObject({ code: 'config_invalid' });
    await expect(loadPipeline(path.join(dir, 'absent.json'))).rejects.toMatchObject({ code: 'config_invalid' });
  });
});

describe('resolveAsOf', () => {
  const now = new Date('2026-09-28T23:30:00Z');
  it('reads today, today minus N days and fixed dates, in UTC', () => {
    expect(formatDay(resolveAsOf('today', now))).toBe('2026-09-28');
    expect(formatDay(resolveAsOf('today-90d', now))).toBe('2026-06-30');
    expect(formatDay(resolveAsOf('2026-02-28', now))).toBe('2026-02-28');
  });
  it('refuses a date that is not on the calendar', () => {
    expect(() => resolveAsOf('2026-02-30', now)).toThrow(expect.objectContaining({ code: 'config_invalid' }));
  });
});

describe('pipelineMapping', () => {
  const files = { clients: { path: 'c.parquet' }, transactions: { path: 't.txt' } };
  it('is undefined when the inputs follow the contract', async () => {
    expect(await pipelineMapping(files, 'p')).toBeUndefined();
  });
  it('lays each input\'s format over an inline mapping or a mapping file', async () => {
    const inline = { clients: { columns: { client_id: 'KHH' } } };
    expect(await pipelineMapping({ ...files, clients: { path: 'c.dat', format: 'parquet' }, mapping: inline }, 'p')).toEqual({
      clients: { columns: { client_id: 'KHH' }, format: 'parquet' }, transactions: {},
    });
    const file = await write('mapping.json', { transactions: { delimiter: ';' } });
    expect(await pipelineMapping({ ...files, transactions: { path: 't.dat', format: 'csv' }, mapping: file }, 'p')).toEqual({
      clients: {}, transactions: { delimiter: ';', format: 'csv' },
    });
    expect(await pipelineMapping({ ...files, mapping: file }, 'p')).toEqual({ transactions: { delimiter: ';' } });
  });
  it('refuses an inline mapping the mapping schema refuses', async () => {
    await expect(pipelineMapping({ ...files, mapping: { clients: { colums: {} } } }, 'p')).rejects.toMatchObject({ code: 'config_invalid' });
  });
});
