import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteDriver } from '../../src/store/sqlite-driver.js';

describe('the SQLite driver', () => {
  it('keeps the cause when SQLite already rolled the transaction back (as it does on SQLITE_FULL)', async () => {
    const driver = openSqliteDriver(path.join(mkdtempSync(path.join(tmpdir(), 'clientseg-sqlite-')), 'db.sqlite'));
    try {
      await driver.run('CREATE TABLE t (x INTEGER)');
      const failing = driver.transaction(async (tx) => {
        await tx.run('INSERT INTO t (x) VALUES (1)');
        // What SQLite does by itself after a full disk or an I/O error: the transaction is gone.
        await tx.run('ROLLBACK');
        throw new Error('the original failure');
      });
      await expect(failing).rejects.toThrow('the original failure');
      expect(await driver.all('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 0 }]);
      // The connection is usable afterwards.
      await driver.transaction(async (tx) => { await tx.run('INSERT INTO t (x) VALUES (2)'); });
      expect(await driver.all('SELECT x FROM t')).toEqual([{ x: 2 }]);
    } finally {
      await driver.close();
    }
  });
});
