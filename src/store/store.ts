import type { MigrationSubject } from '../monitor/migration-matrix.js';

export const RUN_STATUSES = ['running', 'completed', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

import type { DriftVerdict } from '../monitor/drift-verdict.js';

/** How every input row of a run was accounted for, and how many clients were scored. */
export interface RunCounts {
  readonly clientsRead: number;
  readonly clientsAccepted: number;
  readonly clientsRejected: number;
  readonly transactionsRead: number;
  readonly transactionsAccepted: number;
  readonly transactionsRejected: number;
  readonly scored: number;
}

/** What identifies a run and what it runs: the run key makes a rerun of the same work idempotent. */
export interface RunSpec {
  /** A hash of pipeline, input fingerprints, as-of, model version and parameters (see runKeyOf). */
  readonly runKey: string;
  readonly pipeline: string;
  /** YYYY-MM-DD. */
  readonly asOf: string;
  readonly modelName: string;
  readonly modelVersion: string;
  /** The model's risk classes, in the order of each score's probabilities. */
  readonly riskClasses: readonly string[];
}

/** The process that runs (or last ran) a run: who beats its heartbeat. */
export interface RunOwner {
  readonly host: string;
  readonly pid: number;
  /** When the process started (ISO 8601 UTC): tells a reused pid, e.g. a restarted container's pid 1, from the original. */
  readonly processStartedAt: string;
}

export interface RunRecord extends RunSpec {
  readonly id: string;
  readonly status: RunStatus;
  /** ISO 8601 UTC. */
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly durationMs: number | null;
  /** Zero until the run completes; a failed run keeps the counts it reached (e.g. at the reject gate). */
  readonly counts: RunCounts;
  /** Null when the run computed no drift. */
  readonly driftVerdict: DriftVerdict | null;
  /** How many times the run was started (a rerun after a kill or failure adds one). */
  readonly attempts: number;
  /** Why a failed run failed (no personal data). */
  readonly error: string | null;
  /**
   * The run's last sign of progress (ISO 8601 UTC): set when an attempt begins, refreshed by every
   * score batch, left as it was when the run completes or fails. See runStateOf.
   */
  readonly heartbeatAt: string;
  /** The process of the latest attempt; null for runs stored before heartbeats existed. */
  readonly owner: RunOwner | null;
}

/** One client's stored profile in one run: what the advisor app renders on a client page. */
export interface ScoreRecord {
  readonly clientId: string;
  /** Who may see the client in the advisor app; null when the client record names nobody. */
  readonly advisorId: string | null;
  readonly assetTier: string;
  readonly tierCode: string;
  readonly lifecycleStage: string;
  readonly behaviourSegment: number;
  /** zh-CN and en names of the behavioural segment. */
  readonly behaviourSegmentName: string;
  readonly behaviourSegmentNameEn: string;
  readonly riskSegment: string;
  /** Calibrated probability per risk class, keyed by class. */
  readonly riskProbabilities: Readonly<Record<string, number>>;
  readonly declaredRisk: string | null;
  readonly suitability: string;
  /** Strongest first, only needs within the client's level. */
  readonly predictedNeeds: readonly string[];
  /** Propensity per need, keyed by need. */
  readonly needPropensities: Readonly<Record<string, number>>;
  readonly reasons: readonly string[];
  readonly flags: readonly string[];
  /** Assets under management (CNY) at the run's as-of date; null for runs stored before schema 6. */
  readonly aum?: number | null;
}

/** A stored score with the run it belongs to. */
export interface StoredScore extends ScoreRecord {
  readonly runId: string;
  readonly asOf: string;
  readonly modelVersion: string;
}

/** Narrows a run's scores; every field is optional and they combine with AND. */
export interface ScoreFilter {
  readonly advisorId?: string;
  readonly assetTier?: string;
  readonly behaviourSegment?: number;
  readonly riskSegment?: string;
  /** Clients with this need among their predicted needs. */
  readonly need?: string;
  /** Page size; default all. */
  readonly limit?: number;
  readonly offset?: number;
}

export interface RunCompletion {
  readonly counts: RunCounts;
  readonly durationMs: number;
  readonly driftVerdict?: DriftVerdict | null;
  /** The drift document of the run (JSON), stored as it is. */
  readonly drift?: unknown;
  /** The migration against the previous completed run (JSON). */
  readonly migration?: { readonly previousRunId: string; readonly document: unknown };
}

/** What beginRun found: a new run, a rerun of an unfinished one, or a run already completed. */
export interface RunStart {
  readonly run: RunRecord;
  readonly outcome: 'started' | 'resumed' | 'already_completed';
}

export interface AuditEntry {
  readonly id: number;
  /** ISO 8601 UTC. */
  readonly at: string;
  /** Who did it: `system`, a user or an advisor id. */
  readonly actor: string;
  /** e.g. run_started, run_completed, run_failed, model_promoted, export. */
  readonly action: string;
  readonly runId: string | null;
  readonly clientId: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

export type AuditInput = Omit<AuditEntry, 'id' | 'at' | 'runId' | 'clientId' | 'details'> &
  Partial<Pick<AuditEntry, 'runId' | 'clientId' | 'details'>>;

/** A past run's profile of one client, with the run's date and model. */
export interface ClientHistoryEntry extends StoredScore {
  readonly pipeline: string;
  readonly finishedAt: string;
}

/**
 * The results store: runs, their scores, drift and migration, and the audit log, behind one
 * interface with two engines (SQLite, PostgreSQL). Reads only ever see completed runs' scores, so
 * a run's scores become visible all at once when completeRun commits, and a run killed part-way
 * leaves nothing visible.
 *
 * @example
 * const store = await openStore('sqlite:out/clientseg.db');
 * const run = await store.latestCompletedRun();
 * const mine = run && await store.scoresOf(run.id, { advisorId: 'A017' });
 * await store.close();
 */
export interface Store {
  readonly engine: 'sqlite' | 'postgres';
  /** Where the store is, with no password (for messages and logs). */
  readonly location: string;

  /**
   * Starts the run with this key, or resumes it when an earlier attempt failed or is stalled
   * (its process died: see runStateOf; its partial scores are discarded), or reports that it
   * already completed. A run that another live process is scoring is refused (store_failed).
   */
  beginRun(spec: RunSpec, at: Date): Promise<RunStart>;
  /**
   * Adds one batch of a running run's scores and refreshes its heartbeat to `at` (one transaction;
   * a client written twice keeps the last). Refused once another process has taken the run over.
   * Batches of one run may be written at once (score-into-store keeps two in flight).
   */
  writeScores(runId: string, rows: readonly ScoreRecord[], at: Date): Promise<void>;
  /**
   * Readies a run's scores for reading once all its batches are in (PostgreSQL: builds the run's
   * indexes), so that this work overlaps what the job does before completing the run. Optional:
   * completeRun does it when it was not done.
   */
  sealScores(runId: string): Promise<void>;
  /** Marks the run completed with its counts, drift and migration, in one transaction. */
  completeRun(runId: string, completion: RunCompletion, at: Date): Promise<RunRecord>;
  /**
   * Marks a running run failed and discards its rows, keeping the counts it reached (e.g. the rows
   * read and rejected when the reject gate stopped it); does nothing to an attempt another process took over.
   */
  failRun(runId: string, error: string, at: Date, counts?: RunCounts): Promise<void>;

  getRun(runId: string): Promise<RunRecord | undefined>;
  /** Newest first. */
  listRuns(options?: { readonly pipeline?: string; readonly limit?: number }): Promise<RunRecord[]>;
  /** The newest completed run (of one pipeline, when given), optionally excluding one run. */
  latestCompletedRun(options?: { readonly pipeline?: string; readonly excluding?: string }): Promise<RunRecord | undefined>;
  /** A completed run's scores ordered by client id; an unknown or unfinished run has none. */
  scoresOf(runId: string, filter?: ScoreFilter): Promise<StoredScore[]>;
  countScores(runId: string, filter?: ScoreFilter): Promise<number>;
  /** A completed run's scores in client-id order, a page at a time (for exports of any size). */
  iterateScores(runId: string, filter?: ScoreFilter, pageSize?: number): AsyncIterable<StoredScore>;
  /** What the migration matrix compares, for every client of a completed run. */
  migrationSubjects(runId: string): Promise<MigrationSubject[]>;
  /** One client across completed runs, newest first. */
  clientHistory(clientId: string): Promise<ClientHistoryEntry[]>;
  driftOf(runId: string): Promise<unknown>;
  migrationOf(runId: string): Promise<{ previousRunId: string; document: unknown } | undefined>;

  audit(entry: AuditInput, at: Date): Promise<void>;
  /** Newest first. */
  auditLog(options?: { readonly runId?: string; readonly limit?: number }): Promise<AuditEntry[]>;

  /**
   * Keeps the newest `keep` completed runs of a pipeline and deletes older runs with their scores,
   * drift and migration; the latest completed run is never deleted, nor a run still running.
   * Returns the deleted run ids.
   */
  prune(pipeline: string, keep: number): Promise<string[]>;
  /** The schema version the store is at (its highest applied migration). */
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}
