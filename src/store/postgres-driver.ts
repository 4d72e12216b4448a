import pg from 'pg';
import { PipelineError } from '../core/errors.js';
import { copyScores } from './postgres-score-copy.js';
import { quoteIdent } from './quote-sql.js';
import { createRunPartition, dropRunPartition, indexRunPartition, runScoresTable } from './run-score-partition.js';
import type { SqlValue } from './score-row-codec.js';
import type { Row, SqlDriver, SqlSession } from './sql-driver.js';

// Any constant works: it only has to be the same for every clientseg process on the database.
const MIGRATION_LOCK = 7_204_311;

export interface PostgresOptions {
  /** Connection URL (postgres://user@host:port/db). */
  readonly url: string;
  /** The schema holding clientseg's tables; default the server's search_path (public). Created when absent. */
  readonly schema?: string;
  /** Connections in the pool; default 4. */
  readonly poolSize?: number;
}

/** `?` placeholders as PostgreSQL's `$n` (our SQL never has a `?` inside a literal). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function sessionOf(client: pg.Pool | pg.PoolClient): SqlSession {
  const session: SqlSession = {
    all: async (sql, params = []) => (await client.query(numbered(sql), params as SqlValue[])).rows as Row[],
    run: async (sql, params = []) => (await client.query(numbered(sql), params as SqlValue[])).rowCount ?? 0,
    openRunScores: (runId) => createRunPartition(session, runId),
    sealRunScores: (runId) => indexRunPartition(session, runId),
    discardRunScores: (runId) => dropRunPartition(session, runId),
    insertScores: async (runId, rows) => {
      if (rows.length === 0) return;
      if (!(client instanceof pg.Pool)) {
        await copyScores(client, runId, rows);
        return;
      }
      // Outside a transaction: COPY and the upsert still need one connection and one transaction.
      const own = await client.connect();
      try {
        await own.query('BEGIN');
        await copyScores(own, runId, rows);
        await own.query('COMMIT');
      } catch (err) {
        await own.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        own.release();
      }
    },
  };
  return session;
}

/**
 * PostgreSQL through a pg pool. A store in its own schema (`?schema=` in the URL) lets several
 * environments, or test files, share one database.
 */
export async function openPostgresDriver(options: PostgresOptions): Promise<SqlDriver> {
  const { schema } = options;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 4,
    ...(schema === undefined ? {} : { options: `-c search_path=${quoteIdent(schema)}` }),
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const location = redactUrl(options.url) + (schema === undefined ? '' : ` (schema ${schema})`);
  try {
    await pool.query(schema === undefined ? 'SELECT 1' : `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
  } catch (err) {
    await pool.end();
    throw new PipelineError('store_failed', `cannot reach the PostgreSQL store ${location} (${(err as Error).message}): check that the server runs and the URL is right`, { location }, { cause: err });
  }
  const pooled = sessionOf(pool);
  // Every statement outside a transaction reports the server's failures as one store error.
  const reported = <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => call(...args).catch((err: unknown) => { throw serverFailure(location, err); });
  const base: SqlSession = {
    all: reported(pooled.all),
    run: reported(pooled.run),
    insertScores: reported(pooled.insertScores),
    openRunScores: reported(pooled.openRunScores),
    sealRunScores: reported(pooled.sealRunScores),
    discardRunScores: reported(pooled.discardRunScores),
  };
  const driver: SqlDriver = {
    engine: 'postgres',
    location,
    ...base,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(sessionOf(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw serverFailure(location, err);
      } finally {
        client.release();
      }
    },
    async migrate(steps) {
      return driver.transaction(async (tx) => {
        await tx.all(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
        await tx.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
        const [row] = await tx.all('SELECT MAX(version) AS v FROM schema_migrations');
        const current = row?.v === null || row?.v === undefined ? 0 : Number(row.v);
        for (const step of steps) {
          if (step.version <= current) continue;
          for (const sql of step.postgres) await tx.run(sql);
          await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [step.version, step.name, new Date().toISOString()]);
        }
        return Math.max(current, ...steps.map((s) => s.version));
      });
    },
    // A sample of the run's partition, about a second at a million rows: without it the planner
    // knows nothing of the rows just written until autovacuum comes round, and the next night's
    // migration, reading this run back in pages, scanned the rest of the run for every page
    // (49.6 s at a million against 10–11 s).
    refreshRunStatistics: (runId) => pooled.run(`ANALYZE ${runScoresTable(runId)}`).then(() => undefined, () => undefined),
    close: () => pool.end(),
  };
  return driver;
}

/**
 * The server's storage and resource errors (SQLSTATE class 53: disk full, out of memory; 58: I/O
 * error; 08: the connection) as 'store_failed' with the server's code, one line; others unchanged.
 */
function serverFailure(location: string, err: unknown): unknown {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !/^(53|58|08|57P0)/.test(code)) return err;
  const why = code === '53100' ? 'the server\'s disk is full' : code.startsWith('58') ? 'an I/O error on the server' : code.startsWith('08') || code.startsWith('57P0') ? 'the connection to the server was lost' : 'the server ran out of a resource';
  return new PipelineError('store_failed', `the PostgreSQL store ${location} failed (SQLSTATE ${code}: ${why}: ${(err as Error).message})`, { location, sqlstate: code }, { cause: err });
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}
