import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyTextLine } from './copy-text.js';
import { SCORE_COLUMNS, scoreValues } from './score-row-codec.js';
import type { ScoreRecord } from './store.js';

/** Per connection and session: temporary tables never meet another connection's rows. */
const STAGING = 'clientseg_score_staging';
/** Rows a COPY chunk carries: large enough that the stream's per-chunk cost vanishes. */
const LINES_PER_CHUNK = 500;

const COLUMNS = SCORE_COLUMNS.join(', ');
const UPSERT_FROM_STAGING = `INSERT INTO scores (${COLUMNS}) SELECT ${COLUMNS} FROM ${STAGING}
  ON CONFLICT (run_id, client_id) DO UPDATE SET ${SCORE_COLUMNS.slice(2).map((c) => `${c} = excluded.${c}`).join(', ')}`;

/**
 * Stores a batch of scores with COPY into a temporary staging table and one set-based upsert
 * from it: the server parses COPY's text format far faster than one JSON parameter
 * (json_to_recordset), and the upsert keeps a rerun idempotent. Runs on `client` inside the
 * caller's transaction, so a batch is stored whole or not at all, as before.
 *
 * @example
 * await copyScores(client, runId, rows); // within BEGIN … COMMIT
 */
export async function copyScores(client: pg.PoolClient, runId: string, rows: readonly ScoreRecord[]): Promise<void> {
  // LIKE scores takes the columns' types from the store's own schema (search_path), whatever
  // migrations added; ON COMMIT DELETE ROWS empties it with the transaction that used it.
  await client.query(`CREATE TEMP TABLE IF NOT EXISTS ${STAGING} (LIKE scores INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`);
  await client.query(`TRUNCATE ${STAGING}`);
  const copy = client.query(copyFrom(`COPY ${STAGING} (${COLUMNS}) FROM STDIN`));
  await pipeline(Readable.from(chunks(runId, rows)), copy);
  await client.query(UPSERT_FROM_STAGING);
}

function* chunks(runId: string, rows: readonly ScoreRecord[]): Generator<string> {
  for (let from = 0; from < rows.length; from += LINES_PER_CHUNK) {
    let text = '';
    const to = Math.min(rows.length, from + LINES_PER_CHUNK);
    for (let i = from; i < to; i++) text += copyTextLine(scoreValues(runId, rows[i]!));
    yield text;
  }
}
