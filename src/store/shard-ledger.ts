import { PipelineError } from '../core/errors.js';
import type { MigrationSubject } from '../monitor/migration-matrix.js';
import { openPostgresDriver } from './postgres-driver.js';
import { OWNER_COLUMNS, ownerValues, runFromRow } from './score-row-codec.js';
import { prepareSchema } from './prepare-schema.js';
import { insertRun, runBusyError, runOf, runWithKey, takeOverRun } from './run-claim.js';
import { thisProcess } from './run-state.js';
import type { SqlDriver } from './sql-driver.js';
import { runIdOf } from './sql-store.js';
import { openSqliteDriver } from './sqlite-driver.js';
import type { RunRecord, RunSpec, RunStart, ScoreRecord } from './store.js';
import { parseStoreUrl } from './store-url.js';

/** A finished shard of a distributed run, as its worker recorded it. */
export interface ShardRecord {
  readonly shard: number;
  readonly shards: number;
  /** The shard's counts document (src/scale ShardCounts), as JSON. */
  readonly counts: unknown;
  readonly worker: string;
  readonly finishedAt: string;
}

/** Rows per insert inside a shard's transaction. */
const SHARD_BATCH = 5000;

/**
 * The store's side of distributed runs (src/scale): shard workers upsert a shard's scores and its
 * counts in one transaction, keyed by (run, client) and (run, shard), so a retried shard replaces
 * what an earlier attempt wrote instead of adding to it; the coordinator reads the finished shards
 * and completes the run through Store.completeRun, which makes the scores visible all at once.
 *
 * @example
 * const ledger = await openShardLedger('postgres://scorer@db/wealth');
 * await ledger.storeShard(runId, 3, 8, records, counts, 'host-1:4242', new Date());
 */
export class ShardLedger {
  private constructor(private readonly db: SqlDriver) {}

  get location(): string { return this.db.location; }

  static async open(db: SqlDriver): Promise<ShardLedger> {
    await prepareSchema(db);
    return new ShardLedger(db);
  }

  /**
   * Starts the distributed run with this key; a run still running is resumed with the shards it
   * already finished (a restarted coordinator goes on where it stopped, and becomes the run's
   * owner), a failed one starts over clean, a completed one is reported as such.
   */
  async beginDistributedRun(spec: RunSpec, at: Date): Promise<RunStart> {
    const owner = thisProcess();
    return this.db.transaction(async (tx) => {
      let run = await runWithKey(tx, spec.runKey);
      if (run === undefined) {
        const inserted = await insertRun(tx, runIdOf(spec), spec, at, owner);
        if (inserted !== undefined) {
          await tx.openRunScores(inserted.id);
          return { run: inserted, outcome: 'started' as const };
        }
        run = (await runWithKey(tx, spec.runKey))!;
      }
      if (run.status === 'completed') return { run, outcome: 'already_completed' as const };
      if (run.status === 'running') {
        await tx.run(`UPDATE runs SET heartbeat_at = ?, ${OWNER_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, [at.toISOString(), ...ownerValues(owner), run.id]);
        return { run: (await runOf(tx, run.id))!, outcome: 'resumed' as const };
      }
      if (!(await takeOverRun(tx, run, at, owner))) throw runBusyError((await runOf(tx, run.id))!, owner);
      await tx.discardRunScores(run.id);
      for (const table of ['run_drift', 'run_migration', 'run_shards']) await tx.run(`DELETE FROM ${table} WHERE run_id = ?`, [run.id]);
      await tx.openRunScores(run.id);
      return { run: (await runOf(tx, run.id))!, outcome: 'started' as const };
    });
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    const [row] = await this.db.all('SELECT * FROM runs WHERE id = ?', [runId]);
    return row === undefined ? undefined : runFromRow(row);
  }

  /** One shard's scores and counts in one transaction; refused unless the run is running. */
  async storeShard(runId: string, shard: number, shards: number, records: readonly ScoreRecord[], counts: unknown, worker: string, at: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      // A stored shard is the distributed run's heartbeat.
      await tx.run(`UPDATE runs SET heartbeat_at = ? WHERE id = ? AND status = 'running'`, [at.toISOString(), runId]);
      const [row] = await tx.all('SELECT status FROM runs WHERE id = ?', [runId]);
      if (row === undefined) throw new PipelineError('store_failed', `no run ${runId} in the store ${this.db.location}: the worker and the coordinator must use the same --store`, { runId });
      if (row.status !== 'running') throw new PipelineError('store_failed', `run ${runId} is ${String(row.status)}, not running: shard ${shard} is not stored`, { runId, shard });
      for (let i = 0; i < records.length; i += SHARD_BATCH) await tx.insertScores(runId, records.slice(i, i + SHARD_BATCH));
      // An upsert, so two attempts of one shard racing (a stalled worker that was alive after all)
      // both succeed and leave one row.
      await tx.run(`INSERT INTO run_shards (run_id, shard, shards, counts, worker, finished_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (run_id, shard) DO UPDATE SET shards = excluded.shards, counts = excluded.counts, worker = excluded.worker, finished_at = excluded.finished_at`,
      [runId, shard, shards, JSON.stringify(counts), worker, at.toISOString()]);
    });
  }

  /** The run's finished shards, by shard number. */
  async shardsOf(runId: string): Promise<ShardRecord[]> {
    const rows = await this.db.all('SELECT * FROM run_shards WHERE run_id = ? ORDER BY shard', [runId]);
    return rows.map((r) => ({
      shard: Number(r.shard), shards: Number(r.shards), counts: JSON.parse(String(r.counts)) as unknown,
      worker: String(r.worker), finishedAt: String(r.finished_at),
    }));
  }

  async countShards(runId: string): Promise<number> {
    const [row] = await this.db.all('SELECT COUNT(*) AS n FROM run_shards WHERE run_id = ?', [runId]);
    return Number(row?.n ?? 0);
  }

  /** What migration compares, for every client a running run holds so far (client-id order). */
  async subjectsOf(runId: string): Promise<MigrationSubject[]> {
    const rows = await this.db.all('SELECT client_id, behaviour_segment, risk_segment, asset_tier FROM scores WHERE run_id = ? ORDER BY client_id', [runId]);
    return rows.map((r) => ({ clientId: String(r.client_id), behaviourSegment: Number(r.behaviour_segment), riskSegment: String(r.risk_segment), assetTier: String(r.asset_tier) }));
  }

  close(): Promise<void> { return this.db.close(); }
}

/**
 * Opens the shard ledger of a results store by URL (the same URL as `--store`).
 *
 * @example
 * const ledger = await openShardLedger(process.env.CLIENTSEG_PG_URL!);
 */
export async function openShardLedger(url: string): Promise<ShardLedger> {
  const where = parseStoreUrl(url);
  const driver = where.engine === 'sqlite' ? openSqliteDriver(where.file) : await openPostgresDriver({ url: where.url, schema: where.schema, poolSize: 2 });
  return ShardLedger.open(driver);
}
