import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DataFrame } from 'danfojs-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../src/core/days.js';
import { readFeatureTable } from '../../src/ingest/read-feature-table.js';
import { score } from '../../src/jobs/score.js';
import { featuresFrame } from '../../src/frames/features-frame.js';
import { loadDanfo } from '../../src/frames/load-danfo.js';
import { scoreFrame } from '../../src/frames/score-frame.js';
import { scoresFrame } from '../../src/frames/scores-frame.js';
import { trainOnFrame } from '../../src/frames/train-on-frame.js';
import { ROOT, runCli } from '../e2e/run-cli.js';
import { QUICK_TRAINING } from '../setup/quick-training.js';

const CLIENTS = path.join(ROOT, 'data-samples', 'clients.csv');
const TRANSACTIONS = path.join(ROOT, 'data-samples', 'transactions.csv');
const AS_OF = '2026-06-30';

let dir: string;
let frame: DataFrame;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-frames-'));
  const cli = runCli(['features', '--clients', CLIENTS, '--transactions', TRANSACTIONS, '--as-of', AS_OF, '--out', path.join(dir, 'features.csv')]);
  if (cli.status !== 0) throw new Error(cli.stderr);
  frame = await featuresFrame({ clientsPath: CLIENTS, transactionsPath: TRANSACTIONS, asOf: parseIsoDay(AS_OF)!, rejectsPath: path.join(dir, 'frame-rejects.csv') });
}, 120_000);
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

/** A CSV the CLI wrote, read as text columns keyed by its id column. */
async function cliTable(file: string, idColumn = 'client_id') {
  return readFeatureTable(file, idColumn, path.join(dir, `${path.basename(file)}.rejects.csv`));
}

/** Every cell of `table` (the CLI's file) equals the frame's: numbers as numbers, empty as missing. */
async function expectFrameEqualsCsv(actual: DataFrame, file: string, skip: readonly string[] = []): Promise<number> {
  const table = await cliTable(file);
  const expected = ['client_id', ...[...table.columns.keys()].filter((c) => !skip.includes(c))];
  expect(actual.columns).toStrictEqual(expected);
  expect(actual.column('client_id').values).toStrictEqual(table.ids);
  let compared = 0;
  for (const name of expected.slice(1)) {
    const numeric = actual.column(name).dtype !== 'string';
    const want = table.columns.get(name)!.map((v) => (numeric ? (v === undefined ? NaN : Number(v)) : (v ?? null)));
    expect(actual.column(name).values, name).toStrictEqual(want);
    compared += want.length;
  }
  return compared;
}

describe('DataFrames in and out of the library', () => {
  it('featuresFrame gives the numbers `clientseg features` writes', async () => {
    const out = path.join(dir, 'features.csv');
    expect(frame.shape).toStrictEqual([2000, 84]);
    expect(frame.dtypes.slice(0, 2)).toStrictEqual(['string', 'float32']);
    const cells = await expectFrameEqualsCsv(frame, out);
    expect(cells).toBe(2000 * 83);
    // Real danfo on the frame: a column's mean is the plain mean of the CLI's numbers.
    const recency = (await cliTable(out)).columns.get('recency_days')!.filter((v) => v !== undefined).map(Number);
    expect(frame.column('recency_days').mean()).toBeCloseTo(recency.reduce((a, b) => a + b, 0) / recency.length, 9);
  }, 120_000);

  it('trainOnFrame and scoreFrame give the bundle and scores of `train --features` and `score --features`', async () => {
    const { DataFrame } = await loadDanfo();
    // The label comes from the clients file, joined on client_id with danfo as a notebook would.
    const clientsText = (await readFile(CLIENTS, 'utf8')).trimEnd().split('\n').map((line) => line.split(','));
    const header = clientsText[0]!;
    const labels = new DataFrame({ client_id: clientsText.slice(1).map((r) => r[0]!), declared_risk: clientsText.slice(1).map((r) => r[header.indexOf('declared_risk')] || null) });
    const { merge } = await loadDanfo();
    const labelled = merge({ left: frame, right: labels, on: ['client_id'], how: 'left' });
    expect(labelled.shape).toStrictEqual([2000, 85]);

    // The CLI's side: its own features.csv with the label column appended by plain text handling.
    const featuresText = (await readFile(path.join(dir, 'features.csv'), 'utf8')).trimEnd().split('\n');
    const risk = new Map(clientsText.slice(1).map((r) => [r[0]!, r[header.indexOf('declared_risk')] ?? '']));
    const table = path.join(dir, 'labelled.csv');
    await writeFile(table, `${featuresText.map((line, i) => `${line},${i === 0 ? 'declared_risk' : risk.get(line.slice(0, line.indexOf(',')))}`).join('\n')}\n`);
    const cliModel = path.join(dir, 'cli', 'model');
    // Both sides train quickly (fixed k, one member, no search, no diagnostics): the test is about equal bytes.
    const params = path.join(dir, 'quick-classifier.json');
    await writeFile(params, JSON.stringify({ classifier: QUICK_TRAINING.classifier }));
    const trained = runCli(['train', '--features', table, '--target', 'declared_risk', '--seed', '7', '--out', cliModel, '--k', '7', '--no-diagnostics', '--params', params]);
    expect(trained.status, trained.stderr).toBe(0);

    const result = await trainOnFrame(labelled, {
      target: 'declared_risk', modelDir: path.join(dir, 'frame', 'model'), seed: 7, segments: { k: 7 }, classifier: QUICK_TRAINING.classifier, diagnostics: false,
    });
    const [cliVersion] = (await readdir(cliModel)).filter((f) => f !== 'aliases.json');
    // Same table, same seed: the same bundle, byte for byte (its version is a hash of its files).
    expect(result.version).toBe(cliVersion);
    for (const file of await readdir(result.dir)) {
      expect(await readFile(path.join(result.dir, file)), file).toStrictEqual(await readFile(path.join(cliModel, cliVersion!, file)));
    }
    expect(result.report.target).toMatchObject({ column: 'declared_risk', classes: ['conservative', 'balanced', 'aggressive'] });

    const cliScores = path.join(dir, 'cli-scores.csv');
    const scored = runCli(['score', '--model', path.join(cliModel, cliVersion!), '--features', table, '--out', cliScores]);
    expect(scored.status, scored.stderr).toBe(0);
    const scores = await scoreFrame(labelled, { model: result.dir });
    expect(scores.dtypes.slice(0, 3)).toStrictEqual(['string', 'string', 'int32']);
    expect(scores.columns).toContain('p_balanced');
    expect(await expectFrameEqualsCsv(scores, cliScores)).toBeGreaterThan(2000 * 7);
    // The probabilities are real numbers a notebook can sum: each row's add up to 1 (four decimals each).
    const sums = scores.loc({ columns: ['p_aggressive', 'p_balanced', 'p_conservative'] }).sum({ axis: 1 }).values as number[];
    expect(Math.max(...sums.map((s) => Math.abs(s - 1)))).toBeLessThan(2e-4);
  }, 600_000);

  it('scoresFrame holds what `clientseg score` writes to scores.csv', async () => {
    const out = path.join(dir, 'scores.csv');
    const cli = runCli(['score', '--model', path.join(ROOT, 'models', 'sample'), '--clients', CLIENTS, '--transactions', TRANSACTIONS, '--as-of', AS_OF, '--out', out]);
    expect(cli.status, cli.stderr).toBe(0);
    const result = await score({ model: path.join(ROOT, 'models', 'sample'), clientsPath: CLIENTS, transactionsPath: TRANSACTIONS, asOf: parseIsoDay(AS_OF)!,
      outPath: path.join(dir, 'lib-scores.csv'), rejectsPath: path.join(dir, 'lib-rejects.csv') });
    const frameOfScores = await scoresFrame(result);
    expect(frameOfScores.shape[0]).toBe(2000);
    const cells = await expectFrameEqualsCsv(frameOfScores, out, ['as_of']);
    expect(cells).toBeGreaterThan(2000 * 20);
    const tiers = frameOfScores.column('asset_tier').valueCounts();
    expect((tiers.values as number[]).reduce((a, b) => a + b, 0)).toBe(2000);
  }, 600_000);

  it('refuses a frame without its id column, or with a missing or repeated id, in one clear error', async () => {
    const { DataFrame } = await loadDanfo();
    const modelDir = path.join(dir, 'never');
    await expect(trainOnFrame(new DataFrame({ id: ['a', 'b'], x: [1, 2] }), { modelDir, seed: 1 }))
      .rejects.toMatchObject({ code: 'config_invalid', message: expect.stringContaining('no column client_id (idColumn)') });
    await expect(trainOnFrame(new DataFrame({ id: ['a', 'b', 'a'], x: [1, 2, 3] }), { idColumn: 'id', modelDir, seed: 1 }))
      .rejects.toMatchObject({ code: 'input_invalid', message: 'id repeats in rows 0 and 2 of the frame: ids must be unique' });
    await expect(scoreFrame(new DataFrame({ id: ['a', null], x: [1, 2] }), { idColumn: 'id', model: modelDir }))
      .rejects.toMatchObject({ code: 'input_invalid', message: expect.stringContaining('missing in row 1') });
  });

  it('keeps danfojs-node off the library import: it loads only when a frame function runs', () => {
    const index = path.join(ROOT, 'dist', 'src', 'index.js');
    const script = `
      import { createRequire } from 'node:module';
      const loaded = () => Object.keys(createRequire(${JSON.stringify(index)}).cache).some((f) => f.includes('/node_modules/danfojs-node/'));
      const lib = await import(${JSON.stringify(index)});
      const before = loaded();
      await lib.scoresFrame({ modelVersion: 'v', riskClasses: [], profiles: [] }).catch(() => {});
      process.stdout.write(JSON.stringify([before, loaded()]));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toStrictEqual([false, true]);
  });
});
