import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type RunRecord } from '../../src/index.js';
import { runCli } from './run-cli.js';

const VERSION = (JSON.parse(readFileSync('models/sample/aliases.json', 'utf8')) as { champion: string }).champion;

let dir: string;
let store: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-store-cli-'));
  store = `sqlite:${path.join(dir, 'sample', 'clientseg.db')}`;
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

async function pipelineFile(name: string, overrides: Record<string, unknown>): Promise<string> {
  const file = path.join(dir, `${name}.json`);
  const base = JSON.parse(await readFile('pipelines/nightly-score.json', 'utf8')) as Record<string, unknown>;
  await writeFile(file, JSON.stringify({ ...base, store: { url: `sqlite:${path.join(dir, 'nightly.db')}` }, output: path.join(dir, name), ...overrides }));
  return file;
}

describe('the store on the command line', () => {
  it('sample writes its run into the store beside its output, once', () => {
    const first = runCli(['sample', '--out', path.join(dir, 'sample')]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/store: run 2026-06-30-\w+ completed in sqlite:.*clientseg\.db \(2000 clients, drift ok\)/);
    const second = runCli(['sample', '--out', path.join(dir, 'sample')]);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('already completed');
  });

  it('runs lists the run as a table and as JSON', () => {
    const table = runCli(['runs', '--store', store]);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^id\s+pipeline\s+as-of/);
    expect(table.stdout).toMatch(new RegExp(`sample\\s+2026-06-30\\s+${VERSION}\\s+completed\\s+2000/2000/0`));
    const json = JSON.parse(runCli(['runs', '--store', store, '--json']).stdout) as RunRecord[];
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({ status: 'completed', pipeline: 'sample', counts: { scored: 2000, transactionsRead: 95781 }, driftVerdict: 'ok' });
  });

  it('client shows a profile and its history, and says clearly when the id is unknown', () => {
    const shown = runCli(['client', 'C0000001', '--store', store]);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toMatch(/^client C0000001 \(advisor A\d+\), run 2026-06-30-/);
    expect(shown.stdout).toMatch(/\ntier: (mass|hnw|uhnw) \([ABC]\)/);
    expect(shown.stdout).toMatch(/history \(newest first\):\n {2}2026-06-30/);
    const json = JSON.parse(runCli(['client', 'C0000001', '--store', store, '--json']).stdout) as { current: { clientId: string }; history: unknown[] };
    expect(json.current.clientId).toBe('C0000001');
    expect(json.history).toHaveLength(1);
    const unknown = runCli(['client', 'NOPE', '--store', store]);
    expect(unknown.status).toBe(3);
    noStackTrace(unknown.stderr);
  });

  it('export writes CSV to stdout and xlsx to a file, and audits both', async () => {
    // One advisor's book keeps stdout small enough for the test's pipe buffer.
    const csv = runCli(['export', '--run', 'latest', '--format', 'csv', '--store', store, '--advisor', 'A002']);
    expect(csv.status, csv.stderr).toBe(0);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.slice(1).every((l) => l.split(',')[1] === 'A002')).toBe(true);
    expect(lines[0]).toMatch(/^\uFEFFclient_id,advisor_id,as_of,model_version,asset_tier/);
    const [run] = JSON.parse(runCli(['runs', '--store', store, '--json']).stdout) as RunRecord[];
    const file = path.join(dir, 'export', 'run.xlsx');
    const xlsx = runCli(['export', '--run', run!.id, '--format', 'xlsx', '--out', file, '--store', store, '--advisor', 'A001', '--actor', 'ops']);
    expect(xlsx.status, xlsx.stderr).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.getWorksheet('scores')!;
    const advisorColumn = sheet.getColumn(2).values.slice(2);
    expect(advisorColumn.length).toBeGreaterThan(0);
    expect(advisorColumn.every((v) => v === 'A001')).toBe(true);
    expect(xlsx.stdout).toContain(`exported ${advisorColumn.length} clients of run ${run!.id}`);
    const s = await openStore(store);
    try {
      const exports = (await s.auditLog()).filter((e) => e.action === 'export');
      expect(exports.map((e) => [e.actor, e.details.format, e.details.rows])).toEqual([['ops', 'xlsx', advisorColumn.length], ['cli', 'csv', lines.length - 1]]);
    } finally {
      await s.close();
    }
    const missing = runCli(['export', '--run', 'no-such-run', '--format', 'csv', '--store', store]);
    expect(missing.status).toBe(3);
    expect(runCli(['export', '--run', 'latest', '--format', 'pdf', '--store', store]).status).toBe(2);
  });

  it('run does the nightly job from a pipeline file, once per run key, with retention', async () => {
    const nightly = await pipelineFile('nightly', { retention: { keepRuns: 1 } });
    const first = runCli(['run', nightly]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/store: run 2026-06-30-\w+ completed/);
    expect(existsSync(path.join(dir, 'nightly', 'report.html'))).toBe(true);
    const report = JSON.parse(await readFile(path.join(dir, 'nightly', 'run-report.json'), 'utf8')) as { run: RunRecord; migration: unknown };
    expect(report.run.status).toBe('completed');
    expect(report.migration).toBeNull();
    expect(runCli(['run', nightly]).stdout).toContain('already completed');

    // Another as-of is another run: it migrates against the first, and retention keeps only it. (A day
    // later every client's recency_days has grown by one: drift is watch, which is not what this
    // test is about, so its gate is off.)
    const nextDay = await pipelineFile('nightly-next', { asOf: '2026-07-01', retention: { keepRuns: 1 }, driftGate: { failOn: 'never' } });
    const second = runCli(['run', nextDay]);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`migration since ${report.run.id}: 2000 clients in both \\(0 new, 0 gone\\)`));
    expect(second.stdout).toContain(`retention: deleted 1 old run(s): ${report.run.id}`);
    const runs = JSON.parse(runCli(['runs', '--store', `sqlite:${path.join(dir, 'nightly.db')}`, '--json']).stdout) as RunRecord[];
    expect(runs.map((r) => r.asOf)).toEqual(['2026-07-01']);
  });

  it('promote moves an alias and, with --store, audits it', async () => {
    const model = path.join(dir, 'models', 'sample');
    await cp('models/sample', model, { recursive: true });
    // A version holds one alias: the champion cannot also be named challenger.
    const twice = runCli(['promote', model, '--version', VERSION, '--as', 'challenger', '--store', store, '--actor', 'ana']);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/is the champion of .*a version holds one alias/);
    const promoted = runCli(['promote', model, '--version', VERSION, '--as', 'champion', '--store', store, '--actor', 'ana']);
    expect(promoted.status, promoted.stderr).toBe(0);
    expect(promoted.stdout).toContain(`champion ${VERSION}, challenger —`);
    const s = await openStore(store);
    try {
      const [entry] = await s.auditLog({ limit: 1 });
      expect(entry).toMatchObject({ actor: 'ana', action: 'model_promoted', details: { version: VERSION, alias: 'champion', replaced: VERSION } });
    } finally {
      await s.close();
    }
  });

  it('fails with a usage error on a bad pipeline or store, and a store error when the server is down', async () => {
    const bad = await pipelineFile('bad', { retension: 3 });
    const invalid = runCli(['run', bad]);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/pipeline file .* is invalid/);
    noStackTrace(invalid.stderr);
    expect(runCli(['runs', '--store', 'mysql://db/x']).status).toBe(2);
    // Reading commands never create a store: a missing file is a missing input.
    const absent = path.join(dir, 'absent', 'clientseg.db');
    expect(runCli(['runs', '--store', absent]).status).toBe(3);
    expect(existsSync(path.dirname(absent))).toBe(false);
    const down = runCli(['runs', '--store', 'postgres://postgres@127.0.0.1:1/test']);
    expect(down.status).toBe(11);
    expect(down.stderr).toMatch(/cannot reach the PostgreSQL store/);
    noStackTrace(down.stderr);
  });
});
