import { ADVISOR_MIGRATIONS, USER_STATE_MIGRATION } from './advisor-migrations.js';
import { CALL_SHEET_MIGRATION } from './call-sheet-migration.js';
import type { SchemaMigration } from './schema-migration.js';
import { SCORE_PARTITIONS_MIGRATION } from './score-partitions-migration.js';

// The store's schema, as numbered steps applied in order and recorded in `schema_migrations`.
// Never edit a released step: add a new one at the end (the advisor app adds its own tables so).
// Both engines hold the same tables and columns; JSON goes in TEXT columns and times are ISO 8601
// text, so one row codec serves both.

const RUN_COLUMNS = `
  id TEXT PRIMARY KEY,
  run_key TEXT NOT NULL UNIQUE,
  pipeline TEXT NOT NULL,
  as_of TEXT NOT NULL,
  model_name TEXT NOT NULL,
  model_version TEXT NOT NULL,
  risk_classes TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  duration_ms INTEGER,
  clients_read INTEGER NOT NULL DEFAULT 0,
  clients_accepted INTEGER NOT NULL DEFAULT 0,
  clients_rejected INTEGER NOT NULL DEFAULT 0,
  transactions_read INTEGER NOT NULL DEFAULT 0,
  transactions_accepted INTEGER NOT NULL DEFAULT 0,
  transactions_rejected INTEGER NOT NULL DEFAULT 0,
  scored INTEGER NOT NULL DEFAULT 0,
  drift_verdict TEXT CHECK (drift_verdict IN ('ok', 'watch', 'alert')),
  attempts INTEGER NOT NULL DEFAULT 1,
  error TEXT`;

const SCORE_COLUMNS = `
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  client_id TEXT NOT NULL,
  advisor_id TEXT,
  asset_tier TEXT NOT NULL,
  tier_code TEXT NOT NULL,
  lifecycle_stage TEXT NOT NULL,
  behaviour_segment INTEGER NOT NULL,
  behaviour_segment_name TEXT NOT NULL,
  behaviour_segment_name_en TEXT NOT NULL,
  risk_segment TEXT NOT NULL,
  risk_probabilities TEXT NOT NULL,
  declared_risk TEXT,
  suitability TEXT NOT NULL,
  predicted_needs TEXT NOT NULL,
  need_propensities TEXT NOT NULL,
  reasons TEXT NOT NULL,
  flags TEXT NOT NULL,
  PRIMARY KEY (run_id, client_id)`;

const RUN_DOCUMENTS = [
  'CREATE TABLE run_drift (run_id TEXT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE, verdict TEXT, document TEXT NOT NULL)',
  'CREATE TABLE run_migration (run_id TEXT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE, previous_run_id TEXT NOT NULL, document TEXT NOT NULL)',
];

const INDEXES = [
  'CREATE INDEX runs_by_pipeline ON runs (pipeline, status, finished_at)',
  'CREATE INDEX scores_by_advisor ON scores (run_id, advisor_id, client_id)',
  'CREATE INDEX scores_by_client ON scores (client_id)',
  'CREATE INDEX audit_by_run ON audit_log (run_id)',
];

// The audit log has no foreign key: it outlives the runs that retention prunes.
const AUDIT_SQLITE = 'CREATE TABLE audit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, run_id TEXT, client_id TEXT, details TEXT NOT NULL)';
const AUDIT_POSTGRES = 'CREATE TABLE audit_log (id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, run_id TEXT, client_id TEXT, details TEXT NOT NULL)';

// One row per finished shard of a distributed run (src/scale): its row counts and drift counts (JSON).
const RUN_SHARDS = `CREATE TABLE run_shards (
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  shard INTEGER NOT NULL,
  shards INTEGER NOT NULL,
  counts TEXT NOT NULL,
  worker TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  PRIMARY KEY (run_id, shard))`;

// A run's heartbeat and the process beating it (src/store/run-state.ts). Runs stored before take
// their start as their last heartbeat, and have no owner.
const RUN_HEARTBEAT = [
  'ALTER TABLE runs ADD COLUMN heartbeat_at TEXT',
  'ALTER TABLE runs ADD COLUMN owner_host TEXT',
  'ALTER TABLE runs ADD COLUMN owner_pid INTEGER',
  'ALTER TABLE runs ADD COLUMN owner_started_at TEXT',
  'UPDATE runs SET heartbeat_at = started_at',
];

export const SCHEMA_MIGRATIONS: readonly SchemaMigration[] = [
  {
    version: 1,
    name: 'runs, scores, drift, migration, audit log',
    sqlite: [`CREATE TABLE runs (${RUN_COLUMNS})`, `CREATE TABLE scores (${SCORE_COLUMNS}) WITHOUT ROWID`, ...RUN_DOCUMENTS, AUDIT_SQLITE, ...INDEXES],
    // Client ids sort bytewise in both engines (COLLATE "C"), so pages and exports come out in one order.
    postgres: [`CREATE TABLE runs (${RUN_COLUMNS})`, `CREATE TABLE scores (${SCORE_COLUMNS.replace('client_id TEXT NOT NULL', 'client_id TEXT COLLATE "C" NOT NULL')})`, ...RUN_DOCUMENTS, AUDIT_POSTGRES, ...INDEXES],
  },
  ...ADVISOR_MIGRATIONS,
  {
    version: 3,
    name: 'run_shards: finished shards of distributed runs',
    sqlite: [RUN_SHARDS],
    postgres: [RUN_SHARDS],
  },
  USER_STATE_MIGRATION,
  {
    version: 5,
    name: 'runs: heartbeat and owning process',
    sqlite: RUN_HEARTBEAT,
    postgres: RUN_HEARTBEAT,
  },
  CALL_SHEET_MIGRATION,
  SCORE_PARTITIONS_MIGRATION,
];

/** The schema version this program writes. */
export const LATEST_SCHEMA_VERSION = SCHEMA_MIGRATIONS[SCHEMA_MIGRATIONS.length - 1]!.version;
