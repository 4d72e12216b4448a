import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, RUN_STALL_MS, runStateOf } from '../../src/index.js';
import { parseStoreUrl } from '../../src/store/store-url.js';
import { enginesUnderTest } from '../store/store-engines.js';
import { CLI, runCli } from './run-cli.js';

const engines = enginesUnderTest('kill');
let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-kill-')); });
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  for (const e of engines) await e.drop();
});

const CLIENTS = path.resolve('data-samples/clients.csv');
const TRANSACTIONS = path.resolve('data-samples/transactions.csv');
const scoreArgs = (store: string, out: string) => ['score', '--model', 'models/sample', '--clients', CLIENTS, '--transactions', TRANSACTIONS,
  '--as-of', '2026-06-30', '--out', out, '--store', store];

interface WriteLock {
  /** Takes the store's write lock: the scoring process stops at its next score batch. */
  hold(): Promise<void>;
  release(): Promise<void>;
}

/**
 * A connection ready to hold the store's write lock from outside the scoring process, so the kill
 * lands part-way, certainly before the run completes. It is opened before the process starts:
 * the whole store phase of the sample takes well under a second, and connecting only after the
 * third batch once let the process finish first.
 */
async function writeLock(url: string): Promise<WriteLock> {
  const where = parseStoreUrl(url);
  if (where.engine === 'sqlite') {
    const db = new Database(where.file, { timeout: 30_000 });
    return { hold: async () => { db.exec('BEGIN IMMEDIATE'); }, release: async () => { db.exec('ROLLBACK'); db.close(); } };
  }
  const client = new pg.Client({ connectionString: where.url, options: `-c search_path=${where.schema}` });
  await client.connect();
  return {
    hold: async () => { await client.query('BEGIN'); await client.query('LOCK TABLE scores IN EXCLUSIVE MODE'); },
    release: async () => { await client.query('ROLLBACK'); await client.end(); },
  };
}

/** Rows in the scores table itself, visible or not. */
async function rawScoreRows(url: string): Promise<number> {
  const where = parseStoreUrl(url);
  if (where.engine === 'sqlite') {
    const db = new Database(where.file, { readonly: true });
    try { return (db.prepare('SELECT COUNT(*) AS n FROM scores').get() as { n: number }).n; } finally { db.close(); }
  }
  const client = new pg.Client({ connectionString: where.url, options: `-c search_path=${where.schema}` });
  await client.connect();
  try { return Number((await client.query('SELECT COUNT(*) AS n FROM scores')).rows[0].n); } finally { await client.end(); }
}

/** Resolves once `child` has written `count` lines matching `pattern` to stderr. */
function stderrLines(child: ChildProcess, pattern: RegExp, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = 0, buffer = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) if (pattern.test(line) && ++seen === count) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the scoring process ended (${code}) before ${count} lines matched ${pattern}`)));
  });
}

describe.each(engines)('a scoring run killed with kill -9 ($engine store)', ({ url }) => {
  it('leaves nothing visible, and a rerun completes with exactly one row per client', async () => {
    expect(existsSync(CLI)).toBe(true);
    const clients = (await readFile(CLIENTS, 'utf8')).trim().split('\n').length - 1;
    const out = path.join(dir, `${path.basename(url).replace(/\W/g, '')}.csv`);
    // The schema exists before the lock's connection opens (the table it locks must be there).
    await (await openStore(url)).close();
    const lock = await writeLock(url);
    // Batches of 10 rows make 200 store transactions; debug logging reports each one.
    const child = spawn(process.execPath, [CLI, ...scoreArgs(url, out), '--store-batch-size', '10'], {
      env: { ...process.env, TZ: 'UTC', CLIENTSEG_LOG_LEVEL: 'debug' }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await stderrLines(child, /score batch stored/, 3);
    await lock.hold();
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    await lock.release();

    const store = await openStore(url);
    try {
      const [run] = await store.listRuns();
      // Killed part-way: some batches reached the table, the run never completed...
      expect(run).toMatchObject({ status: 'running', attempts: 1, owner: { pid: child.pid, host: os.hostname() } });
      // Its heartbeat is moments old, yet it is stalled: its process on this host is gone, so
      // the rerun below may resume it at once.
      expect(Date.now() - Date.parse(run!.heartbeatAt)).toBeLessThan(RUN_STALL_MS);
      expect(runStateOf(run!, new Date())).toBe('stalled');
      const raw = await rawScoreRows(url);
      expect(raw).toBeGreaterThanOrEqual(30);
      expect(raw).toBeLessThan(clients);
      // ...and none of it is visible.
      expect(await store.scoresOf(run!.id)).toEqual([]);
      expect(await store.countScores(run!.id)).toBe(0);
      expect(await store.latestCompletedRun()).toBeUndefined();
      expect(await store.clientHistory('C0000001')).toEqual([]);

      const rerun = runCli(scoreArgs(url, out));
      expect(rerun.status, rerun.stderr).toBe(0);
      expect(rerun.stdout).toContain(`run ${run!.id} completed`);
      const done = (await store.getRun(run!.id))!;
      expect(done).toMatchObject({ status: 'completed', attempts: 2, counts: { scored: clients } });
      const scores = await store.scoresOf(run!.id);
      expect(scores).toHaveLength(clients);
      expect(new Set(scores.map((s) => s.clientId)).size).toBe(clients);
      expect(await rawScoreRows(url)).toBe(clients);

      // Once completed, the same run again adds nothing.
      const third = runCli(scoreArgs(url, out));
      expect(third.status).toBe(0);
      expect(third.stdout).toContain('already completed');
      expect(await store.listRuns()).toEqual([done]);
      expect(await rawScoreRows(url)).toBe(clients);
    } finally {
      await store.close();
    }
  });
});
