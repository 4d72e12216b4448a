import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, ROOT } from './run-cli.js';
import { mountSmallDisk, type SmallDisk } from './small-disk.js';

const SAMPLE = path.join(ROOT, 'data-samples');
const MODEL = path.join(ROOT, 'models', 'sample');
const INPUTS = ['--clients', path.join(SAMPLE, 'clients.csv'), '--transactions', path.join(SAMPLE, 'transactions.csv'), '--as-of', '2026-06-30'];

let disks: SmallDisk[] = [];
afterEach(() => {
  for (const d of disks) d.unmount();
  disks = [];
});

function smallDisk(kib: number): string {
  const disk = mountSmallDisk(kib);
  disks.push(disk);
  return disk.dir;
}

function run(args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, TZ: 'UTC', CLIENTSEG_LOG_LEVEL: 'error' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The one line a failure prints: no stack, no second line. */
function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

describe('a full disk', () => {
  it('features.csv: exit 13 naming the file and ENOSPC, and nothing left on the disk', () => {
    const disk = smallDisk(64);
    const cwd = mkdtempSync(path.join(tmpdir(), 'clientseg-full-'));
    const out = path.join(disk, 'features.csv');
    const r = run(['features', ...INPUTS, '--out', out, '--rejects', path.join(cwd, 'rejects.csv')], cwd);
    expect(r.status).toBe(13);
    expect(oneLine(r.stderr)).toBe(`clientseg: cannot write the features file ${out} (ENOSPC: no space left on the device: free space or write elsewhere); nothing was left under that name [output_failed]`);
    expect(readdirSync(disk)).toEqual([]);
  });

  it('the rejects file: the same exit code, and no short rejects file presented as complete', () => {
    const disk = smallDisk(64);
    const cwd = mkdtempSync(path.join(tmpdir(), 'clientseg-full-'));
    // 3,000 rejected rows make a rejects file of about 400 KB.
    const bad = Array.from({ length: 3000 }, (_, i) => `BAD${i},C0000001,2026-03-01,1e309,credit,salary,,,CNY`);
    writeFileSync(path.join(cwd, 'tx.csv'), `${readFileSync(path.join(SAMPLE, 'transactions.csv'), 'utf8')}${bad.join('\n')}\n`);
    const rejects = path.join(disk, 'rejects.csv');
    const r = run(['features', '--clients', path.join(SAMPLE, 'clients.csv'), '--transactions', 'tx.csv', '--as-of', '2026-06-30', '--out', 'features.csv', '--rejects', rejects, '--reject-gate', '1'], cwd);
    expect(r.status).toBe(13);
    expect(oneLine(r.stderr)).toMatch(new RegExp(`^clientseg: cannot write the rejects file ${rejects} \\(ENOSPC: `));
    expect(readdirSync(disk)).toEqual([]);
    expect(existsSync(path.join(cwd, 'features.csv'))).toBe(false);
  });

  it('scores.csv: exit 13, nothing left', () => {
    const disk = smallDisk(64);
    const cwd = mkdtempSync(path.join(tmpdir(), 'clientseg-full-'));
    const out = path.join(disk, 'scores.csv');
    const r = run(['score', '--model', MODEL, ...INPUTS, '--out', out, '--report', path.join(cwd, 'report.html'), '--drift', path.join(cwd, 'drift.json'), '--rejects', path.join(cwd, 'rejects.csv')], cwd);
    expect(r.status).toBe(13);
    expect(oneLine(r.stderr)).toMatch(new RegExp(`^clientseg: cannot write the scores file ${out} \\(ENOSPC: `));
    expect(readdirSync(disk)).toEqual([]);
  });

  it('the SQLite store: exit 11 with SQLITE_FULL (not the ROLLBACK that used to hide it), and no run visible as completed', () => {
    // Room for the store's schema (416 KiB on 16 KiB pages, and its log while it is made), not for the scores.
    const disk = smallDisk(1536);
    const cwd = mkdtempSync(path.join(tmpdir(), 'clientseg-full-'));
    const db = path.join(disk, 'runs.db');
    const r = run(['score', '--model', MODEL, ...INPUTS, '--out', 'scores.csv', '--store', `sqlite:${db}`], cwd);
    expect(r.status).toBe(11);
    const line = oneLine(r.stderr);
    expect(line).toBe(`clientseg: the SQLite store ${db} failed (SQLITE_FULL: the disk is full: free space on its device) [store_failed]`);
    expect(line).not.toMatch(/rollback/i);
    const runs = run(['runs', '--json', '--store', `sqlite:${db}`], cwd);
    expect(runs.status).toBe(0);
    const listed = JSON.parse(runs.stdout) as { status: string; counts: { scored: number } }[];
    // The run began (the disk filled while its scores were written) and is not completed.
    expect(listed).toHaveLength(1);
    expect(listed.every((x) => x.status !== 'completed' && x.counts.scored === 0)).toBe(true);
  });

  it('the report after the run is stored: the run stays completed, and the command exits 13 saying so', () => {
    const disk = smallDisk(16);
    const cwd = mkdtempSync(path.join(tmpdir(), 'clientseg-full-'));
    const report = path.join(disk, 'report.html');
    const r = run(['score', '--model', MODEL, ...INPUTS, '--out', 'scores.csv', '--store', 'sqlite:runs.db', '--report', report], cwd);
    expect(r.status).toBe(13);
    expect(oneLine(r.stderr)).toMatch(/^clientseg: cannot write the report .*report\.html \(ENOSPC: .*The run itself is stored and complete; run the same command again once the report can be written \(the store gets nothing new\) \[output_failed\]$/);
    expect(r.stdout).toMatch(/^store: run \S+ completed in sqlite:runs\.db \(2000 clients/m);
    const runs = JSON.parse(run(['runs', '--json', '--store', 'sqlite:runs.db'], cwd).stdout) as { status: string; counts: { scored: number } }[];
    expect(runs.map((x) => [x.status, x.counts.scored])).toEqual([['completed', 2000]]);
    expect(readdirSync(disk)).toEqual([]);
    // Once there is room, the same command writes the report and stores nothing new.
    const again = run(['score', '--model', MODEL, ...INPUTS, '--out', 'scores.csv', '--store', 'sqlite:runs.db', '--report', 'report.html'], cwd);
    expect(again.status).toBe(0);
    expect(existsSync(path.join(cwd, 'report.html'))).toBe(true);
    expect(JSON.parse(run(['runs', '--json', '--store', 'sqlite:runs.db'], cwd).stdout)).toHaveLength(1);
  });
});
