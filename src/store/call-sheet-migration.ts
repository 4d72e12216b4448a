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

// An advisor's book filtered by any facet is counted from this index alone and its page reads
// only the matching rows; scores_by_advisor (run_id, advisor_id, client_id) still serves the
// unfiltered book in client-id order.
const BOOK_INDEX = 'CREATE INDEX scores_by_advisor_book ON scores (run_id, advisor_id, tier_code, lifecycle_stage, behaviour_segment, risk_segment, declared_risk, flags, predicted_needs)';

/**
 * The call sheet: each score keeps the client's AUM at the run's as-of date (the distance to the
 * next tier needs it; runs stored before have NULL), and advisors' contacts with clients are kept,
 * one row per call with its outcome, never edited or deleted.
 */
export const CALL_SHEET_MIGRATION: SchemaMigration = {
  version: 6,
  name: 'advisor app: AUM with scores, client contacts, the advisor book index',
  sqlite: [
    'ALTER TABLE scores ADD COLUMN aum REAL',
    BOOK_INDEX,
    `CREATE TABLE contacts (id INTEGER PRIMARY KEY AUTOINCREMENT, ${CONTACT_COLUMNS})`,
    'CREATE INDEX contacts_by_client ON contacts (client_id, id)',
  ],
  postgres: [
    'ALTER TABLE scores ADD COLUMN aum DOUBLE PRECISION',
    BOOK_INDEX,
    `CREATE TABLE contacts (id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, ${CONTACT_COLUMNS.replace('client_id TEXT NOT NULL', 'client_id TEXT COLLATE "C" NOT NULL')})`,
    'CREATE INDEX contacts_by_client ON contacts (client_id, id)',
  ],
};
