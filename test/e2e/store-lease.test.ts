import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_STALL_MS, thisProcess, type RunRecord } from '../../src/index.js';
import { openPostgresDriver } from '../../src/store/postgres-driver.js';
import type { SqlDriver } from '../../src/store/sql-driver.js';
import { openSqliteDriver } from '../../src/store/sqlite-driver.js';
import { parseStoreUrl } from '../../src/store/store-url.js';
import { deadPid } from '../store/dead-pid.js';
import { spec } from '../store/score-fixtures.js';
import { enginesUnderTest } from '../store/store-engines.js';
import { ROOT, runCli } from './run-cli.js';

const engines = enginesUnderTest('lease');
let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-lease-')); });
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  for (const e of engines) await e.drop();
});

const scoreArgs = (store: string) => ['score', '--model', 'models/sample', '--clients', 'data-samples/clients.csv', '--transactions', 'data-samples/transactions.csv',
  '--as-of', '2026-06-30', '--out', path.join(dir, `${path.basename(store).replace(/\W/g, '')}.csv`), '--store', store];

/** Runs one statement on the store's tables directly, as another process that owns a run would leave them. */
async function onTables(url: string, sql: string, params: readonly (string | number | null)[]): Promise<void> {
  const where = parseStoreUrl(url);
  const db: SqlDriver = where.engine === 'sqlite' ? openSqliteDriver(where.file) : await openPostgresDriver({ url: where.url, schema: where.schema });
  try { await db.run(sql, params); } finally { await db.close(); }
}

/** Makes the completed run look like one a process is still scoring: owned by `owner`, last heartbeat `heartbeatAt`. */
function markRunning(url: string, runId: string, owner: { host: string; pid: number; processStartedAt: string }, heartbeatAt: Date): Promise<void> {
  return onTables(url, `UPDATE runs SET status = 'running', finished_at = NULL, duration_ms = NULL, heartbeat_at = ?, owner_host = ?, owner_pid = ?, owner_started_at = ? WHERE id = ?`,
    [heartbeatAt.toISOString(), owner.host, owner.pid, owner.processStartedAt, runId]);
}

/**
 * A separate node process that begins a run through the built library, reports the outcome on
 * stdout, and stays alive (owning the run) until its stdin closes.
 */
function claimer(url: string, runKey: string): { outcome: Promise<string>; release: () => Promise<void> } {
  const library = pathToFileURL(path.join(ROOT, 'dist', 'src', 'store', 'open-store.js')).href;
  const script = `
    const { openStore } = await import(${JSON.stringify(library)});
    const store = await openStore(${JSON.stringify(url)});
    try {
      const { outcome } = await store.beginRun(${JSON.stringify(spec({ runKey, pipeline: 'race' }))}, new Date());
      process.stdout.write(outcome + '\\n');
    } catch (err) {
      process.stdout.write((err.code ?? err.message) + '\\n');
    }
    process.stdin.resume();
    await new Promise((resolve) => process.stdin.on('end', resolve));
    await store.close();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const outcome = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('\n')) resolve(out.trim());
    });
    child.on('exit', (code) => reject(new Error(`claimer exited (${code}) before reporting: ${stderr}`)));
  });
  return { outcome, release: async () => { child.stdin.end(); await exited; } };
}

describe.each(engines)('two processes and one run ($engine store)', ({ url }) => {
  it('refuses a rerun while the run\'s process lives and beats, shows it stalled once silent, and then resumes it', async () => {
    const first = runCli(scoreArgs(url));
    expect(first.status, first.stderr).toBe(0);
    const [run] = JSON.parse(runCli(['runs', '--store', url, '--json']).stdout) as RunRecord[];

    // This test process stands in for a live scorer that stored a batch a moment ago.
    const me = thisProcess();
    await markRunning(url, run!.id, me, new Date());
    expect(runCli(['runs', '--store', url]).stdout).toMatch(new RegExp(`${run!.id}\\s+score\\s+2026-06-30\\s+\\S+\\s+running\\s`));
    const refused = runCli(scoreArgs(url));
    expect(refused.status).toBe(11);
    expect(refused.stderr).toMatch(new RegExp(`^clientseg: run ${run!.id} is being scored by another process \\(pid ${me.pid} on ${me.host}\\), last progress \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC: wait for it to finish; .* \\[store_failed\\]\\n$`));

    // The same scorer, silent for longer than the stall threshold.
    const silentSince = new Date(Date.now() - RUN_STALL_MS - 60_000);
    await markRunning(url, run!.id, me, silentSince);
    const table = runCli(['runs', '--store', url]).stdout.trimEnd().split('\n');
    expect(table[1]).toMatch(new RegExp(`${run!.id}\\s+score\\s+2026-06-30\\s+\\S+\\s+stalled\\s`));
    expect(table.at(-1)).toBe(`${run!.id}: stalled, no progress since ${silentSince.toISOString().slice(0, 19).replace('T', ' ')} UTC (pid ${me.pid} on ${me.host}): the process probably died; rerun the same command to resume it`);
    const [listed] = JSON.parse(runCli(['runs', '--store', url, '--json']).stdout) as (RunRecord & { state: string })[];
    expect(listed).toMatchObject({ status: 'running', state: 'stalled', heartbeatAt: silentSince.toISOString(), owner: me });
    const resumed = runCli(scoreArgs(url));
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain(`store: run ${run!.id} completed in`);
    expect(resumed.stdout).toContain('attempt 2');

    // A scorer on this host that died a moment ago: stalled at once, and resumed at once.
    await markRunning(url, run!.id, { ...me, pid: deadPid() }, new Date());
    expect(runCli(['runs', '--store', url]).stdout).toMatch(new RegExp(`${run!.id}\\s+score\\s+2026-06-30\\s+\\S+\\s+stalled\\s`));
    const again = runCli(scoreArgs(url));
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('attempt 3');
  });

  it('lets exactly one of two processes beginning the same new run at once take it', async () => {
    for (const round of [1, 2, 3]) {
      const claimers = [0, 1].map(() => claimer(url, `${round}`.repeat(64)));
      try {
        expect((await Promise.all(claimers.map((c) => c.outcome))).sort()).toEqual(['started', 'store_failed']);
      } finally {
        await Promise.all(claimers.map((c) => c.release()));
      }
    }
  });
});
