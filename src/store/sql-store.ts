import { PipelineError } from '../core/errors.js';
import type { MigrationSubject } from '../monitor/migration-matrix.js';
import { prepareSchema } from './prepare-schema.js';
import { insertRun, runBusyError, runOf, runWithKey, takeOverRun } from './run-claim.js';
import { ownerText, runStateOf, thisProcess } from './run-state.js';
import { COUNT_COLUMNS, countValues, runFromRow, scoreFromRow, type SqlValue } from './score-row-codec.js';
import { SCORE_SELECT, scoreQuery } from './score-query.js';
import type { Row, SqlDriver, SqlSession } from './sql-driver.js';
import type {
  AuditEntry, AuditInput, ClientHistoryEntry, RunCompletion, RunCounts, RunOwner, RunRecord, RunSpec, RunStart, ScoreFilter, ScoreRecord, Store, StoredScore,
} from './store.js';

/** A run's id: its as-of date and the start of its run key, so reruns of the same work share it. */
export function runIdOf(spec: Pick<RunSpec, 'asOf' | 'runKey'>): string {
  return `${spec.asOf}-${spec.runKey.slice(0, 10)}`;
}

const DEFAULT_PAGE = 5000;
const SUBJECT_PAGE = 20_000;

export interface SqlStoreOptions {
  /** Who this store's runs belong to; default this process (tests stand in for another one). */
  readonly owner?: RunOwner;
}

/**
 * The Store over either engine's SqlDriver: every query is written once, so both engines behave
 * the same (and one test suite checks both).
 */
export class SqlStore implements Store {
  /** The attempt this store began of each run: its writes are fenced to that attempt. */
  private readonly attempts = new Map<string, number>();

  private constructor(private readonly db: SqlDriver, private readonly owner: RunOwner) {}

  get engine(): 'sqlite' | 'postgres' { return this.db.engine; }
  get location(): string { return this.db.location; }

  /** Opens the store and brings its schema up to date; a schema newer than this program is refused. */
  static async open(db: SqlDriver, options: SqlStoreOptions = {}): Promise<SqlStore> {
    await prepareSchema(db);
    return new SqlStore(db, options.owner ?? thisProcess());
  }

  async beginRun(spec: RunSpec, at: Date): Promise<RunStart> {
    const start = await this.db.transaction(async (tx): Promise<RunStart> => {
      let existing = await runWithKey(tx, spec.runKey);
      if (existing === undefined) {
        const run = await insertRun(tx, runIdOf(spec), spec, at, this.owner);
        if (run !== undefined) {
          await tx.openRunScores(run.id);
          return { run, outcome: 'started' };
        }
        existing = await runWithKey(tx, spec.runKey);
        if (existing === undefined) throw new PipelineError('store_failed', `run id ${runIdOf(spec)} is taken by a run with another key; report this`, { runKey: spec.runKey });
      }
      if (existing.status === 'completed') return { run: existing, outcome: 'already_completed' };
      if (runStateOf(existing, at, this.owner) === 'running') throw runBusyError(existing, this.owner);
      // A failed or stalled attempt: this one takes over, and its partial rows go.
      if (!(await takeOverRun(tx, existing, at, this.owner))) {
        // Another process claimed it between our read and our write.
        const claimed = (await runOf(tx, existing.id))!;
        if (claimed.status === 'completed') return { run: claimed, outcome: 'already_completed' };
        throw runBusyError(claimed, this.owner);
      }
      await this.discardOutputs(tx, existing.id);
      await tx.openRunScores(existing.id);
      return { run: (await runOf(tx, existing.id))!, outcome: 'resumed' };
    });
    if (start.outcome !== 'already_completed') this.attempts.set(start.run.id, start.run.attempts);
    return start;
  }

  async writeScores(runId: string, rows: readonly ScoreRecord[], at: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      // A run taken over, or not running, stops here; the heartbeat comes last, so that its lock
      // on the run's row is held only to the commit and two batches of a run are stored at once
      // on PostgreSQL. A run taken over in between rolls this batch back.
      await this.requireOwnAttempt(tx, runId);
      await tx.insertScores(runId, rows);
      const fence = this.fence(runId);
      const beat = await tx.run(`UPDATE runs SET heartbeat_at = ? WHERE id = ? AND status = 'running'${fence.sql}`, [at.toISOString(), runId, ...fence.params]);
      if (beat === 0) {
        await this.requireOwnAttempt(tx, runId);
        throw new PipelineError('store_failed', `run ${runId} changed while this batch was being stored; rerun it`, { runId });
      }
    });
  }

  async sealScores(runId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.requireOwnAttempt(tx, runId);
      await tx.sealRunScores(runId);
    });
  }

  async completeRun(runId: string, completion: RunCompletion, at: Date): Promise<RunRecord> {
    const run = await this.completeInTransaction(runId, completion, at);
    await this.db.refreshRunStatistics(runId);
    return run;
  }

  private completeInTransaction(runId: string, completion: RunCompletion, at: Date): Promise<RunRecord> {
    return this.db.transaction(async (tx) => {
      await this.requireOwnAttempt(tx, runId);
      const [{ n } = { n: 0 }] = await tx.all('SELECT COUNT(*) AS n FROM scores WHERE run_id = ?', [runId]);
      if (Number(n) !== completion.counts.scored) {
        throw new PipelineError('store_failed', `run ${runId} holds ${Number(n)} scores but scored ${completion.counts.scored} clients; rerun it`, { runId });
      }
      await tx.sealRunScores(runId);
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
      return (await runOf(tx, runId))!;
    });
  }

  async failRun(runId: string, error: string, at: Date, counts?: RunCounts): Promise<void> {
    await this.db.transaction(async (tx) => {
      const fence = this.fence(runId);
      const setCounts = counts === undefined ? '' : `, ${COUNT_COLUMNS.map((c) => `${c} = ?`).join(', ')}`;
      const failed = await tx.run(`UPDATE runs SET status = 'failed', finished_at = ?, error = ?${setCounts} WHERE id = ? AND status = 'running'${fence.sql}`,
        [at.toISOString(), error, ...(counts === undefined ? [] : countValues(counts)), runId, ...fence.params]);
      if (failed > 0) await this.discardOutputs(tx, runId);
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
    // In pages, with each tier and risk name held once: a million rows read at once as driver
    // row objects held 1 GiB of heap (npm run bench -- nightly).
    const names = new Map<string, string>();
    const shared = (v: unknown): string => { const t = String(v); let kept = names.get(t); if (kept === undefined) { kept = t; names.set(t, t); } return kept; };
    const subjects: MigrationSubject[] = [];
    let after: string | undefined;
    for (;;) {
      const rows = await this.db.all(
        `SELECT s.client_id, s.behaviour_segment, s.risk_segment, s.asset_tier FROM scores s JOIN runs r ON r.id = s.run_id
         WHERE s.run_id = ? AND r.status = 'completed'${after === undefined ? '' : ' AND s.client_id > ?'} ORDER BY s.client_id LIMIT ?`,
        [runId, ...(after === undefined ? [] : [after]), SUBJECT_PAGE]);
      for (const r of rows) subjects.push({ clientId: String(r.client_id), behaviourSegment: Number(r.behaviour_segment), riskSegment: shared(r.risk_segment), assetTier: shared(r.asset_tier) });
      if (rows.length < SUBJECT_PAGE) return subjects;
      after = String(rows[rows.length - 1]!.client_id);
    }
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

  /** `AND attempts = ?` for a run this store began: what keeps a taken-over attempt from writing on. */
  private fence(runId: string): { sql: string; params: SqlValue[] } {
    const attempt = this.attempts.get(runId);
    return attempt === undefined ? { sql: '', params: [] } : { sql: ' AND attempts = ?', params: [attempt] };
  }

  /** Throws unless the run is running and, when this store began it, still in this store's attempt. */
  private async requireOwnAttempt(tx: Pick<SqlSession, 'all'>, runId: string): Promise<void> {
    const run = await runOf(tx, runId);
    if (run === undefined) throw new PipelineError('store_failed', `no run ${runId} in the store`, { runId });
    const attempt = this.attempts.get(runId);
    if (attempt !== undefined && run.attempts !== attempt) {
      throw new PipelineError('store_failed',
        `run ${runId} was taken over by another process${ownerText(run.owner)} as attempt ${run.attempts}, which took this attempt (${attempt}) for dead; this one stops and leaves the run to it`,
        { runId, attempt, current: run.attempts });
    }
    if (run.status !== 'running') throw new PipelineError('store_failed', `run ${runId} is ${run.status}, not running; start it again`, { runId });
  }

  private async discardOutputs(tx: Pick<SqlSession, 'run' | 'discardRunScores'>, runId: string): Promise<void> {
    await tx.discardRunScores(runId);
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
