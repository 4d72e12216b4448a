import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/core/password-hash.js';
import { openAdvisorStore } from '../../src/store/open-advisor-store.js';
import { spawnSync } from 'node:child_process';
import { CLI, runCli } from './run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cs-unlock-cli-'));
const storeUrl = `sqlite:${path.join(dir, 'store.db')}`;
const at = new Date('2026-07-01T09:00:00Z');

beforeAll(async () => {
  const store = await openAdvisorStore(storeUrl);
  try {
    await store.users.upsert('A05', 'advisor', 'scrypt$kept', at);
    for (let i = 0; i < 6; i++) await store.users.recordFailure('A05', at);
  } finally {
    await store.close();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('users unlock', () => {
  it('clears the hold and the count, audits it, and leaves the password and sessions as they were', async () => {
    const unlocked = runCli(['users', 'unlock', 'A05', '--store', storeUrl]);
    expect([unlocked.status, unlocked.stdout]).toEqual([0, 'unlocked A05\n']);
    const again = runCli(['users', 'unlock', 'A05', '--store', storeUrl]);
    expect([again.status, again.stdout]).toEqual([0, 'A05 had no wrong passwords to clear\n']);
    const unknown = runCli(['users', 'unlock', 'nobody', '--store', storeUrl]);
    expect(unknown.status).toBe(3);
    expect(unknown.stderr).toContain('no user has this id');
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    const store = await openAdvisorStore(storeUrl);
    try {
      expect(await store.users.get('A05')).toMatchObject({ failedAttempts: 0, lockedUntil: null, passwordHash: 'scrypt$kept', sessionEpoch: 0 });
      const audit = (await store.results.auditLog({ limit: 10 })).filter((e) => e.action === 'user_unlocked');
      expect(audit.map((e) => [e.actor, e.details])).toEqual([['cli', { user: 'A05' }]]);
    } finally {
      await store.close();
    }
  });

  it('serve refuses a --trust-proxy that is neither a hop count nor addresses, and an unknown --time-zone, with a usage error', () => {
    for (const bad of ['0', '11', 'everyone', '10.0.0.0/33', '10.0.0.1,,evil']) {
      const result = runCli(['serve', '--store', storeUrl, '--port', '18099', '--trust-proxy', bad]);
      expect(result.status, bad).toBe(2);
      expect(result.stderr, bad).toContain('--trust-proxy');
    }
    const zone = runCli(['serve', '--store', storeUrl, '--port', '18099', '--time-zone', 'Mars/Olympus_Mons']);
    expect(zone.status).toBe(2);
    expect(zone.stderr).toContain('time zone');
  });

  it('users add takes passwords of 12 characters or more, counted as characters (12 kanji will do), with spaces kept', async () => {
    const add = (password: string) => spawnSync(process.execPath, [CLI, 'users', 'add', '--store', storeUrl, '--id', 'A06', '--role', 'advisor', '--password-stdin'],
      { input: `${password}\n`, encoding: 'utf8', env: { ...process.env, CLIENTSEG_LOG_LEVEL: 'warn' } });
    expect(add('elevenchars').status).toBe(2);
    expect(add('理财经理客户洞察工作台安全').status).toBe(0);
    expect(add('twelve chars').status).toBe(0);
    const store = await openAdvisorStore(storeUrl);
    try {
      const hash = (await store.users.get('A06'))!.passwordHash;
      expect([await verifyPassword('twelve chars', hash), await verifyPassword('twelvechars', hash)]).toEqual([true, false]);
    } finally {
      await store.close();
    }
  });
});
