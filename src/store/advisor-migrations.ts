import type { SchemaMigration } from './schema-migrations.js';

const USERS = `CREATE TABLE users (
  id TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('advisor', 'supervisor')),
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  session_epoch INTEGER NOT NULL DEFAULT 0)`;

// Overrides have no foreign key to runs: like the audit log they outlive pruned runs, and they
// are the labels of the next training.
const OVERRIDE_COLUMNS = `at TEXT NOT NULL,
  actor TEXT NOT NULL,
  client_id TEXT NOT NULL,
  run_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('risk_segment', 'dismiss_need')),
  value TEXT NOT NULL,
  previous TEXT,
  segment INTEGER NOT NULL,
  reason TEXT NOT NULL`;

/**
 * The advisor app's tables, appended after the results store's own steps: users (with the
 * sign-in lockout state), and overrides. Who viewed what goes to the existing audit_log.
 */
export const ADVISOR_MIGRATIONS: readonly SchemaMigration[] = [
  {
    version: 2,
    name: 'advisor app: users and overrides',
    sqlite: [
      USERS,
      `CREATE TABLE overrides (id INTEGER PRIMARY KEY AUTOINCREMENT, ${OVERRIDE_COLUMNS})`,
      'CREATE INDEX overrides_by_client ON overrides (client_id, id)',
      'CREATE INDEX overrides_by_run ON overrides (run_id)',
    ],
    postgres: [
      USERS,
      `CREATE TABLE overrides (id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, ${OVERRIDE_COLUMNS})`,
      'CREATE INDEX overrides_by_client ON overrides (client_id, id)',
      'CREATE INDEX overrides_by_run ON overrides (run_id)',
    ],
  },
];
