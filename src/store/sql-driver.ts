import type { SchemaMigration } from './schema-migration.js';
import type { SqlValue } from './score-row-codec.js';
import type { ScoreRecord } from './store.js';

export type Row = Record<string, unknown>;

/** Statements on one connection (or inside one transaction). SQL uses `?` placeholders. */
export interface SqlSession {
  all(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** Returns the number of rows changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Upserts one batch of scores in the engine's fastest way. */
  insertScores(runId: string, rows: readonly ScoreRecord[]): Promise<void>;
  /** Makes room for a run's scores as the run begins (PostgreSQL: the run's own partition). */
  openRunScores(runId: string): Promise<void>;
  /** Readies a run's written scores for reading (PostgreSQL: builds their indexes; again is a no-op). */
  sealRunScores(runId: string): Promise<void>;
  /** Removes a run's scores. */
  discardRunScores(runId: string): Promise<void>;
}

/** What differs between SQLite and PostgreSQL; SqlStore holds everything else once. */
export interface SqlDriver extends SqlSession {
  readonly engine: 'sqlite' | 'postgres';
  readonly location: string;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlSession) => Promise<T>): Promise<T>;
  /** After a run completed: brings the planner's statistics up to date for its scores (best effort). */
  refreshRunStatistics(runId: string): Promise<void>;
  /** Applies the steps above the stored version, one writer at a time; returns the version. */
  migrate(steps: readonly SchemaMigration[]): Promise<number>;
  close(): Promise<void>;
}
