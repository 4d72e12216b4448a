import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { runScoresTable } from './run-score-partition.js';
import { scoreCopyChunks } from './score-copy-text.js';
import { SCORE_COLUMNS } from './score-row-codec.js';
import type { ScoreRecord } from './store.js';

/** Per connection and session: temporary tables never meet another connection's rows. */
const STAGING = 'clientseg_score_staging';

const COLUMNS = SCORE_COLUMNS.join(', ');
const upsertFromStaging = (table: string) => `INSERT INTO ${table} (${COLUMNS}) SELECT ${COLUMNS} FROM ${STAGING}
  ON CONFLICT (run_id, client_id) DO UPDATE SET ${SCORE_COLUMNS.slice(2).map((c) => `${c} = excluded.${c}`).join(', ')}`;

/** SQLSTATE unique_violation: a client of the batch is stored in the run already. */
const UNIQUE_VIOLATION = '23505';

/**
 * Stores a batch of scores with COPY: straight into the run's partition of the scores table
 * when none of its clients is stored in the run yet (the rule), else into a temporary staging
 * table and one set-based upsert from it, so a rewritten client keeps its last score. The server parses COPY's text far faster
 * than parameters. Runs on `client` inside the caller's transaction, so a batch is stored whole
 * or not at all, as before.
 *
 * @example
 * await copyScores(client, runId, rows); // within BEGIN … COMMIT
 */
export async function copyScores(client: pg.PoolClient, runId: string, rows: readonly ScoreRecord[]): Promise<void> {
  const table = runScoresTable(runId);
  await client.query('SAVEPOINT clientseg_copy');
  try {
    await copyInto(client, table, runId, rows);
    await client.query('RELEASE SAVEPOINT clientseg_copy');
    return;
  } catch (err) {
    if ((err as { code?: unknown }).code !== UNIQUE_VIOLATION) throw err;
    await client.query('ROLLBACK TO SAVEPOINT clientseg_copy');
  }
  // LIKE scores takes the columns' types from the store's own schema (search_path), whatever
  // migrations added; ON COMMIT DELETE ROWS empties it with the transaction that used it.
  await client.query(`CREATE TEMP TABLE IF NOT EXISTS ${STAGING} (LIKE scores INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`);
  await client.query(`TRUNCATE ${STAGING}`);
  await copyInto(client, STAGING, runId, rows);
  await client.query(upsertFromStaging(table));
}

async function copyInto(client: pg.PoolClient, table: string, runId: string, rows: readonly ScoreRecord[]): Promise<void> {
  await pipeline(Readable.from(scoreCopyChunks(runId, rows)), client.query(copyFrom(`COPY ${table} (${COLUMNS}) FROM STDIN`)));
}
