import { quoteIdent, quoteLiteral } from './quote-sql.js';
import type { SqlSession } from './sql-driver.js';

// PostgreSQL keeps each run's scores in a partition of its own (schema version 7). A run's
// partition is made when the run begins, with only the primary key, so its batches are copied
// into a table that maintains one index; the advisor app's indexes are built once from the whole
// run when it completes, inside the completing transaction. At a million scores that is 37 s of
// server time for a COPY into the shared table with its four indexes against 14–17 s (psql, one
// connection; docs/decisions.md, "A partition per run"). Retention drops a partition instead of
// deleting a million rows.

/** The run's partition, as a quoted identifier in the store's schema. */
export function runScoresTable(runId: string): string {
  // The drivers read any '?' in a statement as a placeholder; run ids are a date and a hash.
  if (runId.includes('?')) throw new Error(`run id ${runId} cannot name a partition`);
  return quoteIdent(`scores/${runId}`);
}

/**
 * The advisor app's indexes of one run's partition: the store's book, advisor and client
 * indexes of schema 6 without their leading run id, which a partition holds one of.
 */
const RUN_INDEXES: readonly (readonly [string, string])[] = [
  ['by_advisor', 'advisor_id, client_id'],
  ['by_client', 'client_id'],
  ['by_advisor_book', 'advisor_id, tier_code, lifecycle_stage, behaviour_segment, risk_segment, declared_risk, flags, predicted_needs'],
];

/**
 * Makes the run's empty partition and attaches it: ATTACH takes a lock that readers and other
 * writers of `scores` do not wait for (CREATE TABLE … PARTITION OF would take one they wait for).
 * The CHECK lets ATTACH skip scanning the new table for rows of other runs.
 */
export async function createRunPartition(tx: Pick<SqlSession, 'run'>, runId: string): Promise<void> {
  const table = runScoresTable(runId);
  await tx.run(`CREATE TABLE ${table} (LIKE scores INCLUDING DEFAULTS, PRIMARY KEY (run_id, client_id), CHECK (run_id = ${quoteLiteral(runId)}))`);
  await tx.run(`ALTER TABLE scores ATTACH PARTITION ${table} FOR VALUES IN (${quoteLiteral(runId)})`);
}

/** Builds the advisor app's indexes over the run's partition, once all its scores are in. */
export async function indexRunPartition(tx: Pick<SqlSession, 'run'>, runId: string): Promise<void> {
  const table = runScoresTable(runId);
  for (const [name, columns] of RUN_INDEXES) {
    await tx.run(`CREATE INDEX IF NOT EXISTS ${quoteIdent(`scores/${runId}/${name}`)} ON ${table} (${columns})`);
  }
}

/**
 * Removes the run's scores: its partition, and any rows it has in the partition that holds the
 * runs stored before schema 7.
 */
export async function dropRunPartition(tx: Pick<SqlSession, 'run'>, runId: string): Promise<void> {
  await tx.run(`DROP TABLE IF EXISTS ${runScoresTable(runId)}`);
  await tx.run('DELETE FROM scores WHERE run_id = ?', [runId]);
}
