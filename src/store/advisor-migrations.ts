import type { SchemaMigration } from './schema-migration.js';

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

// Existing users get their last sign-in from the audit log, so `users list` is right from the start.
const BACKFILL_LAST_SIGN_IN = `UPDATE users SET last_sign_in_at = s.at
  FROM (SELECT actor, MAX(at) AS at FROM audit_log WHERE action = 'signed_in' GROUP BY actor) AS s
  WHERE s.actor = users.id`;

const USER_STATE = [
  'ALTER TABLE users ADD COLUMN disabled_at TEXT',
  'ALTER TABLE users ADD COLUMN last_sign_in_at TEXT',
  BACKFILL_LAST_SIGN_IN,
];

/**
 * Disabled users and the last sign-in. Users are disabled rather than deleted: overrides and the
 * audit log name them (docs/decisions.md, "Advisor web app").
 */
export const USER_STATE_MIGRATION: SchemaMigration = {
  version: 4,
  name: 'advisor app: disabled users, last sign-in',
  sqlite: USER_STATE,
  postgres: USER_STATE,
};
