import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
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

  it('says clearly when the file cannot be created', async () => {
    await expect(openStore(`sqlite:${path.join(dir, 'newer.db', 'x.db')}`)).rejects.toMatchObject({ code: 'store_failed' });
  });
});
