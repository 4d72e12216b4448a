import { afterAll, describe, expect, it } from 'vitest';
import { openAdvisorStore } from '../../src/store/open-advisor-store.js';
import { openPostgresDriver } from '../../src/store/postgres-driver.js';
import { SCHEMA_MIGRATIONS } from '../../src/store/schema-migrations.js';
import type { SqlDriver } from '../../src/store/sql-driver.js';
import { openSqliteDriver } from '../../src/store/sqlite-driver.js';
import { parseStoreUrl } from '../../src/store/store-url.js';
import { enginesUnderTest } from './store-engines.js';

const engines = enginesUnderTest('users');
afterAll(async () => { for (const e of engines) await e.drop(); });

async function openDriver(url: string): Promise<SqlDriver> {
  const where = parseStoreUrl(url);
  return where.engine === 'sqlite' ? openSqliteDriver(where.file) : openPostgresDriver({ url: where.url, schema: where.schema });
}

const t = (minute: number) => new Date(Date.UTC(2026, 6, 1, 9, minute));

describe.each(engines)('users on $engine', ({ url }) => {
  it('takes last sign-ins from the audit log when a store from before migration 4 is upgraded', async () => {
    const old = await openDriver(url);
    expect(await old.migrate(SCHEMA_MIGRATIONS.slice(0, 3))).toBe(3);
    await old.run(`INSERT INTO users (id, role, password_hash, created_at) VALUES ('A01', 'advisor', 'scrypt$x', '2026-06-01T00:00:00.000Z'), ('A02', 'advisor', 'scrypt$y', '2026-06-01T00:00:00.000Z')`);
    await old.run(`INSERT INTO audit_log (at, actor, action, details) VALUES
      ('2026-06-02T08:00:00.000Z', 'A01', 'signed_in', '{}'), ('2026-06-03T08:00:00.000Z', 'A01', 'signed_in', '{}'),
      ('2026-06-04T08:00:00.000Z', 'A01', 'signed_out', '{}'), ('2026-06-05T08:00:00.000Z', 'A02', 'sign_in_failed', '{}')`);
    await old.close();

    const store = await openAdvisorStore(url);
    try {
      expect((await store.users.list()).map((u) => [u.id, u.lastSignInAt, u.disabledAt])).toEqual([
        ['A01', '2026-06-03T08:00:00.000Z', null],
        ['A02', null, null],
      ]);
    } finally {
      await store.close();
    }
  });

  it('lists users by id without their password hashes, and records the last sign-in', async () => {
    const store = await openAdvisorStore(url);
    try {
      for (const id of ['b.lee', 'S01', 'A10', 'A09']) await store.users.upsert(id, id.startsWith('S') ? 'supervisor' : 'advisor', `scrypt$secret-${id}`, t(0));
      await store.users.recordSuccess('A09', t(5));
      const users = await store.users.list();
      expect(users.map((u) => u.id)).toEqual(['A01', 'A02', 'A09', 'A10', 'S01', 'b.lee']);
      expect(JSON.stringify(users)).not.toContain('scrypt$');
      expect(users.find((u) => u.id === 'A09')).toEqual({
        id: 'A09', role: 'advisor', createdAt: t(0).toISOString(), failedAttempts: 0, lockedUntil: null,
        sessionEpoch: 0, disabledAt: null, lastSignInAt: t(5).toISOString(),
      });
    } finally {
      await store.close();
    }
  });

  it('disables a user once, keeps the row, and enables it again on upsert with a new epoch', async () => {
    const store = await openAdvisorStore(url);
    try {
      expect(await store.users.disable('A10', t(10))).toBe('disabled');
      expect(await store.users.disable('A10', t(20))).toBe('already_disabled');
      expect(await store.users.disable('nobody', t(20))).toBe('unknown');
      expect(await store.users.get('A10')).toMatchObject({ disabledAt: t(10).toISOString(), sessionEpoch: 0, passwordHash: 'scrypt$secret-A10' });
      expect(await store.users.upsert('A10', 'advisor', 'scrypt$new', t(30))).toBe('enabled');
      expect(await store.users.get('A10')).toMatchObject({ disabledAt: null, sessionEpoch: 1, passwordHash: 'scrypt$new', createdAt: t(0).toISOString() });
      expect(await store.users.upsert('A10', 'advisor', 'scrypt$newer', t(40))).toBe('updated');
    } finally {
      await store.close();
    }
  });
});
