import { PipelineError } from '../core/errors.js';
import { RUN_STALL_MS, ownerText, utcTime } from './run-state.js';
import { COUNT_COLUMNS, OWNER_COLUMNS, ownerValues, runFromRow } from './score-row-codec.js';
import type { SqlSession } from './sql-driver.js';
import type { RunOwner, RunRecord, RunSpec } from './store.js';

// How a process claims a run: inserting it, or taking over an attempt that failed or stalled.
// Both are conditional writes, so two processes claiming one run at once cannot both succeed.

/**
 * Inserts a new run, running, first attempt, owned by `owner` with its first heartbeat at `at`;
 * returns it as stored, or undefined when a run with this key appeared meanwhile (another
 * process inserted it first: PostgreSQL lets both read before either inserts).
 */
export async function insertRun(tx: SqlSession, id: string, spec: RunSpec, at: Date, owner: RunOwner): Promise<RunRecord | undefined> {
  const inserted = await tx.run(
    `INSERT INTO runs (id, run_key, pipeline, as_of, model_name, model_version, risk_classes, status, started_at, attempts, heartbeat_at, ${OWNER_COLUMNS.join(', ')})
     VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, 1, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    [id, spec.runKey, spec.pipeline, spec.asOf, spec.modelName, spec.modelVersion, JSON.stringify(spec.riskClasses), at.toISOString(), at.toISOString(), ...ownerValues(owner)]);
  return inserted === 0 ? undefined : runOf(tx, id);
}

/**
 * Takes an unfinished run over as a new attempt owned by `owner`, provided it is still as `seen`
 * (the compare-and-set that makes two processes taking over the same run at once safe: the
 * second finds the attempt count moved and changes nothing). True when it took the run.
 */
export async function takeOverRun(tx: SqlSession, seen: RunRecord, at: Date, owner: RunOwner): Promise<boolean> {
  const changed = await tx.run(
    `UPDATE runs SET status = 'running', started_at = ?, heartbeat_at = ?, ${OWNER_COLUMNS.map((c) => `${c} = ?`).join(', ')},
     finished_at = NULL, duration_ms = NULL, error = NULL, drift_verdict = NULL, attempts = attempts + 1, ${COUNT_COLUMNS.map((c) => `${c} = 0`).join(', ')}
     WHERE id = ? AND attempts = ? AND status = ? AND heartbeat_at = ?`,
    [at.toISOString(), at.toISOString(), ...ownerValues(owner), seen.id, seen.attempts, seen.status, seen.heartbeatAt]);
  return changed > 0;
}

/** The one-line refusal for a run another live process is scoring. */
export function runBusyError(run: RunRecord, here: RunOwner): PipelineError {
  const sameHost = run.owner !== null && run.owner.host === here.host;
  const next = sameHost
    ? 'wait for it to finish; once that process has ended, rerunning resumes the run'
    : `wait for it to finish, or if that process died, rerun after ${utcTime(new Date(Date.parse(run.heartbeatAt) + RUN_STALL_MS).toISOString())} (${RUN_STALL_MS / 60_000} minutes without progress) to resume the run`;
  return new PipelineError('store_failed',
    `run ${run.id} is being scored by another process${ownerText(run.owner)}, last progress ${utcTime(run.heartbeatAt)}: ${next}`,
    { runId: run.id, owner: run.owner, heartbeatAt: run.heartbeatAt });
}

export async function runOf(tx: Pick<SqlSession, 'all'>, id: string): Promise<RunRecord | undefined> {
  const [row] = await tx.all('SELECT * FROM runs WHERE id = ?', [id]);
  return row === undefined ? undefined : runFromRow(row);
}

export async function runWithKey(tx: Pick<SqlSession, 'all'>, runKey: string): Promise<RunRecord | undefined> {
  const [row] = await tx.all('SELECT * FROM runs WHERE run_key = ?', [runKey]);
  return row === undefined ? undefined : runFromRow(row);
}
