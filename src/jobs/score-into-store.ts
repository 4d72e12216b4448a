import path from 'node:path';
import { formatDay } from '../core/days.js';
import { isPipelineError } from '../core/errors.js';
import { WritesInFlight } from '../core/writes-in-flight.js';
import { silentLogger, type Logger } from '../core/logger.js';
import { migrationBetween, type Migration } from '../monitor/migration-matrix.js';
import { fileFingerprint } from '../registry/file-fingerprint.js';
import { readBundle } from '../registry/read-bundle.js';
import { resolveModelRef } from '../registry/resolve-model-ref.js';
import { categoriesAt, type ClientCategories } from '../fuse/scored-columns.js';
import { scoreRecordOf } from '../store/score-record-of.js';
import type { RowCounts } from '../core/records.js';
import type { RunCounts, RunRecord, ScoreRecord, Store } from '../store/store.js';
import type { DriftReferenceRule } from '../monitor/drift-settings.js';
import { parseDriftReference } from '../monitor/drift-reference.js';
import { checkDriftSettings } from './monitor-run.js';
import { pastRunCountsOf, type PastRunCounts } from './choose-drift-reference.js';
import { driftOfScore, type RunDrift } from './drift-of-score.js';
import { runKeyOf } from './run-key.js';
import { storeWritePlan } from './store-write-plan.js';
import { bundleSegments, segmentIdBasis } from './segment-id-basis.js';
import { score, type ScoreOptions, type ScoreResult } from './score.js';

export interface ScoreIntoStoreOptions extends ScoreOptions {
  readonly store: Store;
  /** The pipeline's name (a run key part); `score` for the command, `sample` for npm start. */
  readonly pipeline: string;
  /** Scores per store transaction; default per engine (storeWritePlan). */
  readonly batchSize?: number;
  /**
   * When this run is already completed in the store: true skips the scoring entirely (a
   * scheduled pipeline), false still scores and writes the files but stores nothing (default).
   */
  readonly skipWhenStored?: boolean;
  /** Who started the run, for the audit log; default 'system'. */
  readonly actor?: string;
  /** Default: the wall clock (run times are not part of any reproducible artefact). */
  readonly now?: () => Date;
}

export interface ScoreIntoStoreResult {
  readonly run: RunRecord;
  /** completed: this call stored the run; already_completed: it was stored before and nothing was added. */
  readonly outcome: 'completed' | 'already_completed';
  /** This call resumed an attempt that had failed or stalled (its process died). */
  readonly resumed: boolean;
  /** Undefined when the scoring was skipped. */
  readonly score?: ScoreResult;
  readonly drift?: RunDrift;
  /** Against the previous completed run of the same pipeline, when there is one. */
  readonly migration?: { readonly previousRunId: string; readonly matrix: Migration };
}

/**
 * Scores a client base and stores the run atomically and idempotently: the run key (pipeline,
 * input fingerprints, as-of, model version, parameters) finds a completed run and adds nothing;
 * otherwise scores go in in batches, and the run becomes visible, with its counts, drift and
 * migration against the previous run, in the one transaction that completes it. A run killed at
 * any point leaves nothing visible, and running it again completes it; while its process lives,
 * another process beginning the same run is refused (store_failed).
 *
 * @example
 * const { run } = await scoreIntoStore({ store, pipeline: 'nightly-score', model: 'models/sample', clientsPath, transactionsPath, asOf, outPath, rejectsPath });
 */
export async function scoreIntoStore(options: ScoreIntoStoreOptions): Promise<ScoreIntoStoreResult> {
  const { store } = options;
  const log = options.log ?? silentLogger();
  const now = options.now ?? (() => new Date());
  const actor = options.actor ?? 'system';
  const started = performance.now();

  const bundle = await readBundle(await resolveModelRef(options.model));
  // Before the run begins: a misspelt setting is the user's to fix, not a failed run in the store.
  if (options.driftSettings !== undefined && 'drift-reference.json' in bundle.manifest.files) {
    checkDriftSettings({ driftReference: parseDriftReference(bundle.json('drift-reference.json')) }, options.driftSettings);
  }
  const asOf = formatDay(options.asOf);
  const inputs = {
    clients: await fileFingerprint(options.clientsPath),
    transactions: await fileFingerprint(options.transactionsPath),
    ...(options.accountsPath === undefined ? {} : { accounts: await fileFingerprint(options.accountsPath) }),
  };
  const runKey = runKeyOf({
    pipeline: options.pipeline, inputs, asOf, modelVersion: bundle.version,
    params: {
      mapping: options.mapping ?? null, windowMonths: options.windowMonths ?? null, horizonDays: options.horizonDays ?? null, rejectGate: options.rejectGate ?? null,
      // Only when set, so the keys of runs without it stay what they were (the same rule as run-distributed-score.ts).
      ...(options.strictCodes === true ? { strictCodes: true } : {}),
      // Settings change the verdict the run stores (as rejectGate changes its gate): a run under other settings is another run.
      ...(options.driftSettings === undefined ? {} : { drift: options.driftSettings }),
    },
  });
  const spec = {
    runKey, pipeline: options.pipeline, asOf, modelName: path.basename(path.dirname(path.resolve(bundle.dir))),
    modelVersion: bundle.version, riskClasses: bundle.manifest.labelSets.risk ?? [],
  };

  const begun = await store.beginRun(spec, now());
  if (begun.outcome === 'already_completed') {
    log.info({ run: begun.run.id }, 'run already stored: nothing added');
    const result = options.skipWhenStored ? undefined : await score({ ...options, model: bundle.dir });
    return { run: begun.run, outcome: 'already_completed', resumed: false, score: result };
  }
  const runId = begun.run.id;
  await store.audit({ actor, action: 'run_started', runId, details: { pipeline: options.pipeline, attempt: begun.run.attempts, modelVersion: bundle.version, asOf } }, now());
  log.info({ run: runId, attempt: begun.run.attempts }, begun.outcome === 'resumed' ? 'run resumed: earlier partial scores discarded' : 'run started');

  let scored: ScoreResult | undefined;
  try {
    const driftHistory = options.driftHistory ?? await storedDriftHistory(store, options.pipeline, options.driftSettings?.reference, runId);
    // The bundle the run key names, even if an alias moves while this run works.
    const result = await score({ ...options, model: bundle.dir, driftHistory });
    scored = result;
    await writeBatches(store, runId, result, options.batchSize, log, now);
    // The store indexes the run's scores (PostgreSQL) while the migration reads the previous run;
    // the catch only keeps a failure from being unhandled before it is awaited below.
    const sealing = store.sealScores(runId);
    sealing.catch(() => undefined);
    const drift = driftOfScore(result, options.asOf);
    const previous = await store.latestCompletedRun({ pipeline: options.pipeline, excluding: runId });
    const migration = previous === undefined ? undefined : {
      previousRunId: previous.id,
      matrix: migrationBetween(await store.migrationSubjects(previous.id), eachCategories(result), await segmentIdBasis(bundleSegments(bundle), previous.modelVersion)),
    };
    const { clientCounts: c, transactionCounts: t } = result.ingest;
    await sealing;
    const run = await store.completeRun(runId, {
      counts: {
        clientsRead: c.read, clientsAccepted: c.accepted, clientsRejected: c.rejected,
        transactionsRead: t.read, transactionsAccepted: t.accepted, transactionsRejected: t.rejected,
        scored: result.scored.rows,
      },
      durationMs: performance.now() - started,
      driftVerdict: drift?.verdict ?? null,
      drift: drift?.document,
      migration: migration === undefined ? undefined : { previousRunId: migration.previousRunId, document: migration.matrix },
    }, now());
    await store.audit({ actor, action: 'run_completed', runId, details: { scored: run.counts.scored, driftVerdict: run.driftVerdict } }, now());
    log.info({ run: runId, scored: run.counts.scored }, 'run completed and stored');
    return { run, outcome: 'completed', resumed: begun.outcome === 'resumed', score: result, drift, migration };
  } catch (err) {
    const reason = failureReason(err);
    try {
      // Rows read and rejected are kept; `scored` counts stored scores, and none are kept.
      await store.failRun(runId, reason, now(), countsReached(err, scored?.ingest.clientCounts, scored?.ingest.transactionCounts));
      await store.audit({ actor, action: 'run_failed', runId, details: { reason } }, now());
    } catch (storeErr) {
      // The store is often what failed (a full disk): one line, the first error is the one to report.
      log.warn({ code: 'run_not_marked_failed', run: runId, cause: (storeErr as Error).message }, 'could not mark the run failed; it stays invisible and a rerun completes it');
    }
    throw err;
  }
}

/**
 * The earlier completed runs of the pipeline whose counts a seasonal or pooled reference may
 * use (chooseDriftReference picks among them); none for the model's reference.
 */
async function storedDriftHistory(store: Store, pipeline: string, rule: DriftReferenceRule | undefined, excluding: string): Promise<PastRunCounts[]> {
  if (rule === undefined || rule.kind === 'model') return [];
  const runs = (await store.listRuns({ pipeline })).filter((r) => r.status === 'completed' && r.id !== excluding && r.driftVerdict !== null);
  const history: PastRunCounts[] = [];
  for (const run of runs) {
    const past = pastRunCountsOf(await store.driftOf(run.id), run.id);
    if (past !== undefined) history.push(past);
  }
  return history;
}

async function writeBatches(store: Store, runId: string, result: ScoreResult, batchSize: number | undefined, log: Logger, now: () => Date): Promise<void> {
  const { clients } = result.ingest;
  const plan = storeWritePlan(store.engine, batchSize);
  const writes = new WritesInFlight(plan.inFlight);
  let batch: ScoreRecord[] = [];
  let written = 0;
  const write = (rows: ScoreRecord[]) => writes.add(async () => {
    await store.writeScores(runId, rows, now());
    written += rows.length;
    log.debug({ run: runId, written }, 'score batch stored');
  });
  try {
    // One profile at a time, built when stored and then let go: a million held at once cost
    // more memory than the rest of the run (npm run bench -- nightly). Row i is client i.
    for (let i = 0; i < result.scored.rows; i++) {
      const profile = result.profileAt(i);
      batch.push(scoreRecordOf(profile, {
        riskClasses: result.riskClasses,
        advisorId: clients.advisorId[i],
        aum: clients.aum[i],
        segmentNameEn: result.segmentNames.get(profile.behaviourSegment)?.en ?? profile.behaviourSegmentName,
      }));
      if (batch.length === plan.batch) {
        await write(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await write(batch);
    await writes.drain();
  } catch (err) {
    await writes.settle();
    throw err;
  }
}

/** The run's clients by category, for the migration: read off the scored columns, no profile built. */
function* eachCategories(result: ScoreResult): Iterable<ClientCategories> {
  for (let row = 0; row < result.scored.rows; row++) yield categoriesAt(result.scored, row, result.ingest.clients, 0, result.riskClasses);
}

/** Why a run failed, for the store: no personal data (a message naming a client gives its impersonal form). */
export function failureReason(err: unknown): string {
  if (!isPipelineError(err)) return `internal error: ${(err as Error).message}`;
  const impersonal = err.details.impersonalMessage;
  return `${err.code}: ${typeof impersonal === 'string' ? impersonal : err.message}`;
}

/** The counts a failed run reached, when its error carries them (the reject gate does). */
export function countsReached(err: unknown, clients?: RowCounts, transactions?: RowCounts): RunCounts | undefined {
  if (!isPipelineError(err)) return undefined;
  const reached = err.details.reached as { clientCounts: RowCounts; transactionCounts: RowCounts } | undefined;
  const c = reached?.clientCounts ?? clients;
  const t = reached?.transactionCounts ?? transactions;
  if (c === undefined || t === undefined) return undefined;
  return {
    clientsRead: c.read, clientsAccepted: c.accepted, clientsRejected: c.rejected,
    transactionsRead: t.read, transactionsAccepted: t.accepted, transactionsRejected: t.rejected, scored: 0,
  };
}
