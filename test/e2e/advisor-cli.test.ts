import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
      'client_id,declared_risk,label_source,labelled_on,dismissed_needs,overrides',
      'C0002,aggressive,advisor_override,2026-07-02,,1',
    ]);
  });
});

describe('users list and disable', () => {
  const usersStore = `sqlite:${path.join(dir, 'users.db')}`;

  it('lists the users by id with role, state, when added and last sign-in, and nothing secret', async () => {
    const store = await openAdvisorStore(usersStore);
    try {
      for (const [id, role] of [['S01', 'supervisor'], ['A02', 'advisor'], ['A01', 'advisor']] as const) {
        await store.users.upsert(id, role, `scrypt$secret-${id}`, new Date('2026-06-01T02:00:00Z'));
      }
      await store.users.recordSuccess('A01', new Date('2026-07-01T08:30:00Z'));
    } finally {
      await store.close();
    }
    const listed = runCli(['users', 'list', '--store', usersStore]);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toBe([
      'id   role        state   added                last sign-in',
      'A01  advisor     active  2026-06-01 02:00:00  2026-07-01 08:30:00',
      'A02  advisor     active  2026-06-01 02:00:00  —',
      'S01  supervisor  active  2026-06-01 02:00:00  —',
      '',
    ].join('\n'));
    expect(listed.stdout + listed.stderr).not.toContain('scrypt');
  });

  it('disables a user once, keeps and audits it, and users add enables it again; an unknown id is exit 3', async () => {
    const disabled = runCli(['users', 'disable', 'A02', '--store', usersStore]);
    expect([disabled.status, disabled.stdout]).toEqual([0, 'disabled A02\n']);
    expect(runCli(['users', 'disable', 'A02', '--store', usersStore]).stdout).toBe('A02 was already disabled\n');
    const unknown = runCli(['users', 'disable', 'A99', '--store', usersStore]);
    expect(unknown.status).toBe(3);
    expect(unknown.stderr).toBe('clientseg: no user has this id; see them with `clientseg users list` [input_missing]\n');
    expect(runCli(['users', 'list', '--store', usersStore]).stdout).toMatch(/^A02 {2}advisor {5}disabled since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}2026-06-01 02:00:00 {2}—$/m);

    const enabled = spawnSync(process.execPath, [CLI, 'users', 'add', '--store', usersStore, '--id', 'A02', '--role', 'advisor', '--password-stdin'],
      { input: 'a-new-long-password\n', encoding: 'utf8', env: { ...process.env, CLIENTSEG_LOG_LEVEL: 'warn' } });
    expect(enabled.stdout).toBe('enabled advisor A02\n');
    const store = await openAdvisorStore(usersStore);
    try {
      expect(await store.users.get('A02')).toMatchObject({ disabledAt: null, createdAt: '2026-06-01T02:00:00.000Z' });
      const audit = (await store.results.auditLog()).filter((e) => e.actor === 'cli').map((e) => [e.action, e.details]);
      expect(audit).toEqual([['user_enabled', { user: 'A02', role: 'advisor' }], ['user_disabled', { user: 'A02' }]]);
    } finally {
      await store.close();
    }
  });

  it('list and disable refuse a store that does not exist with exit 3, and create none', () => {
    const absent = path.join(dir, 'absent.db');
    for (const args of [['users', 'list'], ['users', 'disable', 'A01']]) {
      const result = runCli([...args, '--store', `sqlite:${absent}`]);
      expect(result.status).toBe(3);
      expect(result.stderr).toContain('no results store at');
    }
    expect(existsSync(absent)).toBe(false);
  });
});
