import type { SchemaMigration } from './schema-migration.js';

const CONTACT_OUTCOMES_SQL = `'reached', 'meeting_booked', 'no_answer', 'declined'`;

// Contacts have no foreign key to runs: like overrides they outlive pruned runs (they are the
// advisor's record of the relationship, and the call list reads them across runs).
const CONTACT_COLUMNS = `at TEXT NOT NULL,
  actor TEXT NOT NULL,
  client_id TEXT NOT NULL,
  run_id TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN (${CONTACT_OUTCOMES_SQL})),
  note TEXT NOT NULL`;

/**
 * The call sheet: each score keeps the client's AUM at the run's as-of date (the distance to the
 * next tier needs it; runs stored before have NULL), and advisors' contacts with clients are kept,
 * one row per call with its outcome, never edited or deleted.
 */
export const CALL_SHEET_MIGRATION: SchemaMigration = {
  version: 6,
  name: 'advisor app: AUM with scores, client contacts',
  sqlite: [
    'ALTER TABLE scores ADD COLUMN aum REAL',
    `CREATE TABLE contacts (id INTEGER PRIMARY KEY AUTOINCREMENT, ${CONTACT_COLUMNS})`,
    'CREATE INDEX contacts_by_client ON contacts (client_id, id)',
  ],
  postgres: [
    'ALTER TABLE scores ADD COLUMN aum DOUBLE PRECISION',
    `CREATE TABLE contacts (id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, ${CONTACT_COLUMNS.replace('client_id TEXT NOT NULL', 'client_id TEXT COLLATE "C" NOT NULL')})`,
    'CREATE INDEX contacts_by_client ON contacts (client_id, id)',
  ],
};
