import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAdvisorStore } from '../../src/store/open-advisor-store.js';
import { HttpSession, seedStore } from '../server/advisor-fixture.js';
import { CLI, runCli } from './run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cs-advisor-cli-'));
const storeUrl = `sqlite:${path.join(dir, 'store.db')}`;

beforeAll(async () => {
  const store = await openAdvisorStore(storeUrl);
  try {
    const { runId } = await seedStore(store);
    await store.overrides.record({ actor: 'A01', clientId: 'C0002', runId, kind: 'risk_segment', value: 'aggressive', previous: 'balanced', segment: 1, reason: 'x' }, new Date('2026-07-02T08:00:00Z'));
  } finally {
    await store.close();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('advisor commands', () => {
  it('users add reads a password from stdin, refuses a short one, and makes one when not given', () => {
    const stdin = spawnSync(process.execPath, [CLI, 'users', 'add', '--store', storeUrl, '--id', 'A07', '--role', 'advisor', '--password-stdin'],
      { input: 'a-long-enough-password\n', encoding: 'utf8', env: { ...process.env, CLIENTSEG_LOG_LEVEL: 'warn' } });
    expect(stdin.status).toBe(0);
    expect(stdin.stdout).toBe('added advisor A07\n');
    const short = spawnSync(process.execPath, [CLI, 'users', 'add', '--store', storeUrl, '--id', 'A07', '--role', 'advisor', '--password-stdin'],
      { input: 'short\n', encoding: 'utf8' });
    expect(short.status).toBe(2);
    const bad = runCli(['users', 'add', '--store', storeUrl, '--id', 'A08', '--role', 'boss']);
    expect(bad.status).toBe(2);
    const made = runCli(['users', 'add', '--store', storeUrl, '--id', 'S09', '--role', 'supervisor']);
    expect(made.status).toBe(0);
    expect(made.stdout).toMatch(/^added supervisor S09\npassword: [A-Za-z0-9_-]{16}\n$/);
  });

  it('serve answers on its port, lets a user sign in, and stops cleanly on SIGTERM', async () => {
    const made = runCli(['users', 'add', '--store', storeUrl, '--id', 'A01', '--role', 'advisor']);
    const password = /password: (\S+)/.exec(made.stdout)![1]!;
    const port = 20000 + (process.pid % 20000);
    const child = spawn(process.execPath, [CLI, 'serve', '--store', storeUrl, '--port', String(port)], { env: { ...process.env, CLIENTSEG_LOG_LEVEL: 'warn' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => { if (d.toString().includes('advisor app on')) resolve(); });
        child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
      });
      const session = new HttpSession(`http://127.0.0.1:${port}`);
      expect((await session.signIn('A01', password)).status).toBe(303);
      const me = await (await session.get('/api/me')).json();
      expect(me).toEqual({ id: 'A01', role: 'advisor' });
    } finally {
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    expect(stderr).not.toContain('C00');
  });

  it('serve refuses a SQLite store that does not exist, with exit 3', () => {
    const missing = runCli(['serve', '--store', `sqlite:${path.join(dir, 'nope.db')}`, '--port', '1']);
    expect(missing.status).toBe(3);
    expect(missing.stderr).toContain('no results store');
  });

  it('export-labels writes one label row per overridden client', () => {
    const out = path.join(dir, 'labels.csv');
    const result = runCli(['export-labels', '--store', storeUrl, '--out', out]);
    expect(result.status).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toEqual([
      'client_id,declared_risk,risk_assessed_on,dismissed_needs,overrides',
      'C0002,aggressive,2026-07-02,,1',
    ]);
  });
});
