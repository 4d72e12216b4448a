import { PipelineError } from '../core/errors.js';
import type { MigrationSubject } from '../monitor/migration-matrix.js';
import { prepareSchema } from './prepare-schema.js';
import { COUNT_COLUMNS, countValues, runFromRow, scoreFromRow } from './score-row-codec.js';
import { SCORE_SELECT, scoreQuery } from './score-query.js';
import type { Row, SqlDriver, SqlSession } from './sql-driver.js';
import type {
  AuditEntry, AuditInput, ClientHistoryEntry, RunCompletion, RunRecord, RunSpec, RunStart, ScoreFilter, ScoreRecord, Store, StoredScore,
} from './store.js';

/** A run's id: its as-of date and the start of its run key, so reruns of the same work share it. */
export function runIdOf(spec: Pick<RunSpec, 'asOf' | 'runKey'>): string {
  return `${spec.asOf}-${spec.runKey.slice(0, 10)}`;
}

/** Inserts a new run, running, first attempt; returns it as stored. */
export async function insertRun(tx: SqlSession, id: string, spec: RunSpec, at: Date): Promise<RunRecord> {
  await tx.run(
    `INSERT INTO runs (id, run_key, pipeline, as_of, model_name, model_version, risk_classes, status, started_at, attempts)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, 1)`,
    [id, spec.runKey, spec.pipeline, spec.asOf, spec.modelName, spec.modelVersion, JSON.stringify(spec.riskClasses), at.toISOString()]);
  return runFromRow((await tx.all('SELECT * FROM runs WHERE id = ?', [id]))[0]!);
}

const DEFAULT_PAGE = 5000;

/**
 * The Store over either engine's SqlDriver: every query is written once, so both engines behave
 * the same (and one test suite checks both).
 */
export class SqlStore implements Store {
  private constructor(private readonly db: SqlDriver) {}

  get engine(): 'sqlite' | 'postgres' { return this.db.engine; }
  get location(): string { return this.db.location; }

  /** Opens the store and brings its schema up to date; a schema newer than this program is refused. */
  static async open(db: SqlDriver): Promise<SqlStore> {
    await prepareSchema(db);
    return new SqlStore(db);
  }

  async beginRun(spec: RunSpec, at: Date): Promise<RunStart> {
    const id = runIdOf(spec);
    return this.db.transaction(async (tx) => {
      const [existing] = await tx.all('SELECT * FROM runs WHERE run_key = ?', [spec.runKey]);
      if (existing === undefined) {
        return { run: await insertRun(tx, id, spec, at), outcome: 'started' as const };
      }
      const run = runFromRow(existing);
      if (run.status === 'completed') return { run, outcome: 'already_completed' as const };
      // An attempt that was killed or failed: its partial rows go, and this attempt starts clean.
      await this.discardOutputs(tx, run.id);
      await tx.run(
        `UPDATE runs SET status = 'running', started_at = ?, finished_at = NULL, duration_ms = NULL, error = NULL,
         drift_verdict = NULL, attempts = attempts + 1, ${COUNT_COLUMNS.map((c) => `${c} = 0`).join(', ')} WHERE id = ?`,
        [at.toISOString(), run.id]);
      return { run: runFromRow((await tx.all('SELECT * FROM runs WHERE id = ?', [run.id]))[0]!), outcome: 'resumed' as const };
    });
  }

  async writeScores(runId: string, rows: readonly ScoreRecord[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.requireRunning(tx, runId);
      await tx.insertScores(runId, rows);
    });
  }

  async completeRun(runId: string, completion: RunCompletion, at: Date): Promise<RunRecord> {
    return this.db.transaction(async (tx) => {
      await this.requireRunning(tx, runId);
      const [{ n } = { n: 0 }] = await tx.all('SELECT COUNT(*) AS n FROM scores WHERE run_id = ?', [runId]);
      if (Number(n) !== completion.counts.scored) {
        throw new PipelineError('store_failed', `run ${runId} holds ${Number(n)} scores but scored ${completion.counts.scored} clients; rerun it`, { runId });
      }
      const verdict = completion.driftVerdict ?? null;
      if (completion.drift !== undefined) {
        await tx.run('INSERT INTO run_drift (run_id, verdict, document) VALUES (?, ?, ?)', [runId, verdict, JSON.stringify(completion.drift)]);
      }
      if (completion.migration !== undefined) {
        await tx.run('INSERT INTO run_migration (run_id, previous_run_id, document) VALUES (?, ?, ?)',
          [runId, completion.migration.previousRunId, JSON.stringify(completion.migration.document)]);
      }
      await tx.run(
        `UPDATE runs SET status = 'completed', finished_at = ?, duration_ms = ?, drift_verdict = ?,
         ${COUNT_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
        [at.toISOString(), Math.round(completion.durationMs), verdict, ...countValues(completion.counts), runId]);
      return runFromRow((await tx.all('SELECT * FROM runs WHERE id = ?', [runId]))[0]!);
    });
  }

  async failRun(runId: string, error: string, at: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.discardOutputs(tx, runId);
      await tx.run(`UPDATE runs SET status = 'failed', finished_at = ?, error = ? WHERE id = ? AND status = 'running'`, [at.toISOString(), error, runId]);
    });
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    const [row] = await this.db.all('SELECT * FROM runs WHERE id = ?', [runId]);
    return row === undefined ? undefined : runFromRow(row);
  }

  async listRuns(options: { pipeline?: string; limit?: number } = {}): Promise<RunRecord[]> {
    const where = options.pipeline === undefined ? '' : 'WHERE pipeline = ?';
    const params = options.pipeline === undefined ? [] : [options.pipeline];
    const rows = await this.db.all(`SELECT * FROM runs ${where} ORDER BY started_at DESC, id DESC LIMIT ?`, [...params, options.limit ?? 1000]);
    return rows.map(runFromRow);
  }

  async latestCompletedRun(options: { pipeline?: string; excluding?: string } = {}): Promise<RunRecord | undefined> {
    const terms = [`status = 'completed'`];
    const params: string[] = [];
    if (options.pipeline !== undefined) { terms.push('pipeline = ?'); params.push(options.pipeline); }
    if (options.excluding !== undefined) { terms.push('id <> ?'); params.push(options.excluding); }
    const [row] = await this.db.all(`SELECT * FROM runs WHERE ${terms.join(' AND ')} ORDER BY as_of DESC, finished_at DESC, id DESC LIMIT 1`, params);
    return row === undefined ? undefined : runFromRow(row);
  }

  async scoresOf(runId: string, filter: ScoreFilter = {}): Promise<StoredScore[]> {
    const q = scoreQuery(runId, filter);
    return (await this.db.all(`${SCORE_SELECT} WHERE ${q.where} ORDER BY s.client_id${q.page}`, q.params)).map(scoreFromRow);
  }

  async countScores(runId: string, filter: ScoreFilter = {}): Promise<number> {
    const q = scoreQuery(runId, { ...filter, limit: undefined, offset: undefined });
    const [row] = await this.db.all(`SELECT COUNT(*) AS n FROM scores s JOIN runs r ON r.id = s.run_id WHERE ${q.where}`, q.params);
    return Number(row?.n ?? 0);
  }

  async *iterateScores(runId: string, filter: ScoreFilter = {}, pageSize = DEFAULT_PAGE): AsyncIterable<StoredScore> {
    let after: string | undefined;
    for (;;) {
      const q = scoreQuery(runId, { ...filter, limit: undefined, offset: undefined }, after);
      const rows = await this.db.all(`${SCORE_SELECT} WHERE ${q.where} ORDER BY s.client_id LIMIT ?`, [...q.params, pageSize]);
      for (const row of rows) yield scoreFromRow(row);
      if (rows.length < pageSize) return;
      after = String(rows[rows.length - 1]!.client_id);
    }
  }

  async migrationSubjects(runId: string): Promise<MigrationSubject[]> {
    const rows = await this.db.all(
      `SELECT s.client_id, s.behaviour_segment, s.risk_segment, s.asset_tier FROM scores s JOIN runs r ON r.id = s.run_id
       WHERE s.run_id = ? AND r.status = 'completed' ORDER BY s.client_id`, [runId]);
    return rows.map((r) => ({ clientId: String(r.client_id), behaviourSegment: Number(r.behaviour_segment), riskSegment: String(r.risk_segment), assetTier: String(r.asset_tier) }));
  }

  async clientHistory(clientId: string): Promise<ClientHistoryEntry[]> {
    const rows = await this.db.all(
      `SELECT s.*, r.as_of, r.model_version, r.pipeline, r.finished_at FROM scores s JOIN runs r ON r.id = s.run_id
       WHERE s.client_id = ? AND r.status = 'completed' ORDER BY r.as_of DESC, r.finished_at DESC, r.id DESC`, [clientId]);
    return rows.map((row) => ({ ...scoreFromRow(row), pipeline: String(row.pipeline), finishedAt: String(row.finished_at) }));
  }

  async driftOf(runId: string): Promise<unknown> {
    const [row] = await this.db.all(`SELECT d.document FROM run_drift d JOIN runs r ON r.id = d.run_id WHERE d.run_id = ? AND r.status = 'completed'`, [runId]);
    return row === undefined ? undefined : JSON.parse(String(row.document)) as unknown;
  }

  async migrationOf(runId: string): Promise<{ previousRunId: string; document: unknown } | undefined> {
    const [row] = await this.db.all(`SELECT m.previous_run_id, m.document FROM run_migration m JOIN runs r ON r.id = m.run_id WHERE m.run_id = ? AND r.status = 'completed'`, [runId]);
    return row === undefined ? undefined : { previousRunId: String(row.previous_run_id), document: JSON.parse(String(row.document)) as unknown };
  }

  async audit(entry: AuditInput, at: Date): Promise<void> {
    await this.db.run('INSERT INTO audit_log (at, actor, action, run_id, client_id, details) VALUES (?, ?, ?, ?, ?, ?)',
      [at.toISOString(), entry.actor, entry.action, entry.runId ?? null, entry.clientId ?? null, JSON.stringify(entry.details ?? {})]);
  }

  async auditLog(options: { runId?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    const where = options.runId === undefined ? '' : 'WHERE run_id = ?';
    const params = options.runId === undefined ? [] : [options.runId];
    const rows = await this.db.all(`SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT ?`, [...params, options.limit ?? 1000]);
    return rows.map(auditFromRow);
  }

  async prune(pipeline: string, keep: number): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const completed = await tx.all(`SELECT id, started_at FROM runs WHERE pipeline = ? AND status = 'completed' ORDER BY as_of DESC, finished_at DESC, id DESC`, [pipeline]);
      // max(keep, 1): the latest completed run is what the advisor app and the next run read.
      const kept = completed.slice(0, Math.max(keep, 1));
      const doomed = completed.slice(kept.length).map((r) => String(r.id));
      const oldestKept = kept.length === 0 ? undefined : String(kept[kept.length - 1]!.started_at);
      if (oldestKept !== undefined) {
        // Failed attempts older than everything kept; a run still running is never touched.
        const failed = await tx.all(`SELECT id FROM runs WHERE pipeline = ? AND status = 'failed' AND started_at < ?`, [pipeline, oldestKept]);
        doomed.push(...failed.map((r) => String(r.id)));
      }
      for (const id of doomed) {
        await this.discardOutputs(tx, id);
        await tx.run('DELETE FROM runs WHERE id = ?', [id]);
      }
      return doomed;
    });
  }

  async schemaVersion(): Promise<number> {
    const [row] = await this.db.all('SELECT MAX(version) AS v FROM schema_migrations');
    return Number(row?.v ?? 0);
  }

  close(): Promise<void> { return this.db.close(); }

  private async requireRunning(tx: Pick<SqlDriver, 'all'>, runId: string): Promise<void> {
    const [row] = await tx.all('SELECT status FROM runs WHERE id = ?', [runId]);
    if (row === undefined) throw new PipelineError('store_failed', `no run ${runId} in the store`, { runId });
    if (row.status !== 'running') throw new PipelineError('store_failed', `run ${runId} is ${String(row.status)}, not running; start it again`, { runId });
  }

  private async discardOutputs(tx: Pick<SqlDriver, 'run'>, runId: string): Promise<void> {
    await tx.run('DELETE FROM scores WHERE run_id = ?', [runId]);
    await tx.run('DELETE FROM run_drift WHERE run_id = ?', [runId]);
    await tx.run('DELETE FROM run_migration WHERE run_id = ?', [runId]);
  }
}

function auditFromRow(row: Row): AuditEntry {
  return {
    id: Number(row.id),
    at: String(row.at),
    actor: String(row.actor),
    action: String(row.action),
    runId: row.run_id === null ? null : String(row.run_id),
    clientId: row.client_id === null ? null : String(row.client_id),
    details: JSON.parse(String(row.details)) as Record<string, unknown>,
  };
}
