import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PipelineError } from '../core/errors.js';
import { inBookIndexOrder } from './book-index-order.js';
import type { SchemaMigration } from './schema-migration.js';
import { SCORE_COLUMNS, scoreValues, type SqlValue } from './score-row-codec.js';
import type { Row, SqlDriver, SqlSession } from './sql-driver.js';
import type { ScoreRecord } from './store.js';

const UPSERT_SCORE = `INSERT INTO scores (${SCORE_COLUMNS.join(', ')}) VALUES (${SCORE_COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT (run_id, client_id) DO UPDATE SET ${SCORE_COLUMNS.slice(2).map((c) => `${c} = excluded.${c}`).join(', ')}`;

/**
 * SQLite through better-sqlite3: one connection in WAL mode, so readers (the advisor app) read
 * while a run writes. better-sqlite3 is synchronous, so a transaction that awaits between its
 * statements holds a queue: nothing else on this connection runs inside it.
 */
export function openSqliteDriver(file: string): SqlDriver {
  let db: Database.Database;
  try {
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    db = new Database(file);
    // A new store's pages are 16 KiB (a store made before keeps its 4 KiB): a score row is about
    // 1 kB, and with four rows to a page the B-trees split so often that storing cost 40% more
    // (npm run bench -- store). Only a database not yet written takes it, hence before WAL mode.
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 10000');
    // Reads through a memory map rather than a read() per page: an advisor's page looks up rows
    // scattered over a large run, and at 1,000,000 clients this cut its CPU by two thirds.
    db.pragma('mmap_size = 1073741824');
  } catch (err) {
    throw new PipelineError('store_failed', `cannot open the SQLite store ${file} (${(err as Error).message}): check the path and that its folder is writable`, { file }, { cause: err });
  }
  const upsert = () => db.prepare(UPSERT_SCORE);
  let statement: Database.Statement | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let inTransaction = false;

  const session: SqlSession = {
    all: async (sql, params = []) => db.prepare(sql).all(...(params as SqlValue[])) as Row[],
    run: async (sql, params = []) => db.prepare(sql).run(...(params as SqlValue[])).changes,
    insertScores: async (runId, rows) => { insertAll(runId, rows); },
    // One table holds every run's scores, indexed as they are written.
    openRunScores: async () => undefined,
    sealRunScores: async () => undefined,
    discardRunScores: async (runId) => { db.prepare('DELETE FROM scores WHERE run_id = ?').run(runId); },
  };

  function insertAll(runId: string, rows: readonly ScoreRecord[]): void {
    statement ??= upsert();
    const insert = statement;
    const many = db.transaction((batch: readonly ScoreRecord[]) => { for (const r of batch) insert.run(...scoreValues(runId, r)); });
    many(inBookIndexOrder(rows));
  }

  /** Runs one piece of work after everything queued before it; a full or failing disk becomes one clear error. */
  function serial<T>(work: () => Promise<T>): Promise<T> {
    const result = queue.then(work, work).catch((err: unknown) => { throw storageFailure(file, err); });
    queue = result.catch(() => undefined);
    return result;
  }

  return {
    engine: 'sqlite',
    location: `sqlite:${file}`,
    all: (sql, params) => serial(() => session.all(sql, params)),
    run: (sql, params) => serial(() => session.run(sql, params)),
    insertScores: (runId, rows) => serial(() => session.insertScores(runId, rows)),
    openRunScores: (runId) => serial(() => session.openRunScores(runId)),
    sealRunScores: (runId) => serial(() => session.sealRunScores(runId)),
    discardRunScores: (runId) => serial(() => session.discardRunScores(runId)),
    refreshRunStatistics: async () => undefined,
    transaction: (work) => serial(async () => {
      if (inTransaction) throw new Error('nested store transaction');
      db.exec('BEGIN IMMEDIATE');
      inTransaction = true;
      try {
        const result = await work(session);
        db.exec('COMMIT');
        return result;
      } catch (err) {
        // After SQLITE_FULL or an I/O error SQLite may already have rolled the transaction back;
        // a second ROLLBACK would fail and its error would hide the cause.
        if (db.inTransaction) db.exec('ROLLBACK');
        throw err;
      } finally {
        inTransaction = false;
      }
    }),
    migrate: (steps) => serial(async () => migrateSqlite(db, steps)),
    close: () => serial(async () => { db.close(); }),
  };
}

const STORAGE_CAUSES: readonly [RegExp, string][] = [
  [/^SQLITE_FULL/, 'the disk is full: free space on its device'],
  [/^SQLITE_IOERR/, 'an I/O error: check the disk'],
  [/^SQLITE_READONLY/, 'the file or its folder is read-only: make it writable'],
  [/^SQLITE_CANTOPEN/, 'the file cannot be opened: check the path and permissions'],
  [/^SQLITE_(CORRUPT|NOTADB)/, 'the file is damaged or not a SQLite database: restore it from a backup'],
];

/** SQLite's storage errors as PipelineError 'store_failed' naming the file and SQLite's code; others unchanged. */
function storageFailure(file: string, err: unknown): unknown {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return err;
  const match = STORAGE_CAUSES.find(([pattern]) => pattern.test(code));
  if (!match) return err;
  return new PipelineError('store_failed', `the SQLite store ${file} failed (${code}: ${match[1]})`, { file, errno: code }, { cause: err });
}

function migrateSqlite(db: Database.Database, steps: readonly SchemaMigration[]): number {
  // BEGIN IMMEDIATE takes the write lock first, so two processes never apply the same step.
  const apply = db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
    const current = row.v ?? 0;
    for (const step of steps) {
      if (step.version <= current) continue;
      for (const sql of step.sqlite) db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(step.version, step.name, new Date().toISOString());
    }
    return Math.max(current, ...steps.map((s) => s.version));
  });
  return apply.immediate();
}
