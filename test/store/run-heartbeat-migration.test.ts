import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { openPostgresDriver } from '../../src/store/postgres-driver.js';
import { RUN_STALL_MS, runStateOf } from '../../src/store/run-state.js';
import { SCHEMA_MIGRATIONS } from '../../src/store/schema-migrations.js';
import type { SqlDriver } from '../../src/store/sql-driver.js';
import { openSqliteDriver } from '../../src/store/sqlite-driver.js';
import { parseStoreUrl } from '../../src/store/store-url.js';
import { at, spec } from './score-fixtures.js';
import { enginesUnderTest } from './store-engines.js';

const engines = enginesUnderTest('hbmig');
afterAll(async () => { for (const e of engines) await e.drop(); });

async function driverOf(url: string): Promise<SqlDriver> {
  const where = parseStoreUrl(url);
  return where.engine === 'sqlite' ? openSqliteDriver(where.file) : openPostgresDriver({ url: where.url, schema: where.schema });
}

describe.each(engines)('the heartbeat migration ($engine)', ({ url }) => {
  it('gives runs stored before it their start as last heartbeat and no owner; an old running run stalls and resumes', async () => {
    const old = await driverOf(url);
    expect(await old.migrate(SCHEMA_MIGRATIONS.filter((m) => m.version <= 3))).toBe(3);
    const legacy = spec({ runKey: 'e'.repeat(64) });
    await old.run(`INSERT INTO runs (id, run_key, pipeline, as_of, model_name, model_version, risk_classes, status, started_at, attempts)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, 1)`, ['2026-06-30-eeeeeeeeee', legacy.runKey, legacy.pipeline, legacy.asOf, legacy.modelName, legacy.modelVersion, JSON.stringify(legacy.riskClasses), at(0).toISOString()]);
    await old.close();

    const store = await openStore(url);
    try {
      const run = (await store.getRun('2026-06-30-eeeeeeeeee'))!;
      expect(run).toMatchObject({ status: 'running', heartbeatAt: at(0).toISOString(), owner: null });
      expect(runStateOf(run, at(5))).toBe('running');
      expect(runStateOf(run, at(11))).toBe('stalled');
      await expect(store.beginRun(legacy, at(5))).rejects.toMatchObject({ code: 'store_failed' });
      const late = new Date(at(0).getTime() + RUN_STALL_MS + 1);
      expect(await store.beginRun(legacy, late)).toMatchObject({ outcome: 'resumed', run: { attempts: 2, heartbeatAt: late.toISOString() } });
    } finally {
      await store.close();
    }
  });
});
