import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAdvisorStore } from '../../src/store/open-advisor-store.js';
import { LATEST_SCHEMA_VERSION, SCHEMA_MIGRATIONS } from '../../src/store/schema-migrations.js';
import { openSqliteDriver } from '../../src/store/sqlite-driver.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cs-advisor-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('advisor app migrations', () => {
  it('are numbered on from the results store\'s own steps, without gaps', () => {
    expect(SCHEMA_MIGRATIONS.map((m) => m.version)).toEqual(SCHEMA_MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(SCHEMA_MIGRATIONS.length);
  });

  it('upgrade a store made before the advisor app, keeping its rows', async () => {
    const file = path.join(dir, 'old.db');
    const old = openSqliteDriver(file);
    expect(await old.migrate(SCHEMA_MIGRATIONS.slice(0, 1))).toBe(1);
    await old.run(`INSERT INTO audit_log (at, actor, action, details) VALUES ('2026-01-01T00:00:00.000Z', 'system', 'run_started', '{}')`);
    await old.close();

    const store = await openAdvisorStore(`sqlite:${file}`);
    try {
      expect(await store.results.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      expect((await store.results.auditLog()).map((e) => e.action)).toEqual(['run_started']);
      expect(await store.users.upsert('A01', 'advisor', 'scrypt$x', new Date())).toBe('added');
      expect(await store.users.upsert('A01', 'supervisor', 'scrypt$y', new Date())).toBe('updated');
      expect(await store.users.get('A01')).toMatchObject({ role: 'supervisor', passwordHash: 'scrypt$y', sessionEpoch: 1, failedAttempts: 0, lockedUntil: null });
      expect(await store.overrides.all()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
