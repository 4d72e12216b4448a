import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { counts, score, spec, T0 } from './score-fixtures.js';
import { storeContract } from './store-contract.js';

const dir = mkdtempSync(path.join(tmpdir(), 'clientseg-sqlite-store-'));
const file = path.join(dir, 'nested', 'clientseg.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite store', () => {
  storeContract(() => openStore(`sqlite:${file}`), () => openStore(file), (owner) => openStore(file, { owner }));

  it('refuses a store migrated by a newer clientseg', async () => {
    const newer = path.join(dir, 'newer.db');
    (await openStore(newer)).close();
    const db = new Database(newer);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, ?, ?)').run('future', '2030-01-01');
    db.close();
    await expect(openStore(newer)).rejects.toMatchObject({ code: 'store_failed' });
  });

  it('refuses to create a store for a reader', async () => {
    const absent = path.join(dir, 'absent.db');
    await expect(openStore(absent, { mustExist: true })).rejects.toMatchObject({ code: 'input_missing' });
    expect(existsSync(absent)).toBe(false);
  });

  it('reads a previous run\'s migration subjects across pages, each client once and in order', async () => {
    // 20,000 a page: one row past it makes a second page.
    const store = await openStore(`sqlite:${path.join(dir, 'pages.db')}`);
    const n = 20_001;
    const { run } = await store.beginRun(spec({ runKey: 'p'.repeat(64) }), T0);
    const ids = Array.from({ length: n }, (_, i) => `C${String(i).padStart(6, '0')}`);
    for (let from = 0; from < n; from += 5000) {
      await store.writeScores(run.id, ids.slice(from, from + 5000).map((id, j) => score(id, { behaviourSegment: (from + j) % 5, assetTier: (from + j) % 2 === 0 ? 'mass' : 'hnw' })), T0);
    }
    await store.completeRun(run.id, { counts: counts(n), durationMs: 1 }, T0);
    const subjects = await store.migrationSubjects(run.id);
    expect(subjects.map((s) => s.clientId)).toEqual(ids);
    expect(subjects[20_000]).toEqual({ clientId: 'C020000', behaviourSegment: 0, riskSegment: 'balanced', assetTier: 'mass' });
    expect(subjects[19_999]).toEqual({ clientId: 'C019999', behaviourSegment: 4, riskSegment: 'balanced', assetTier: 'hnw' });
    await store.close();
  });

  it('says clearly when the file cannot be created', async () => {
    await expect(openStore(`sqlite:${path.join(dir, 'newer.db', 'x.db')}`)).rejects.toMatchObject({ code: 'store_failed' });
  });
});
