import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DayNumber } from '../core/days.js';
import { PipelineError, type PipelineErrorCode } from '../core/errors.js';
import type { FeatureMatrix } from '../core/feature-matrix.js';
import type { ClientTable } from '../core/records.js';
import type { ClientColumns } from '../fuse/profile-fuser.js';
import type { ProbabilityFormat } from '../fuse/probability-format.js';
import { concatScoredColumns, type ScoredColumns } from '../fuse/scored-columns.js';
import { ChunkScorer } from './chunk-scorer.js';
import type { LoadedModel } from './load-model.js';
import type { ReasonVocabulary } from './reason-vocabulary.js';
import type { ScoreChunkTask, ScoreWorkerInit, ScoreWorkerReply } from './score-worker-messages.js';
import { scoreWorkerUrl } from './score-worker-url.js';

/** How scoring spreads over threads. */
export interface ScoreThreadOptions {
  /** Worker threads beside the calling thread (which scores too); default: cores − 1. */
  workers?: number;
  /** Fewer rows than this are scored on the calling thread alone: below it a worker's start-up (tfjs, the model) costs more than it saves (measured break-even about 215k on 2 cores); default 200,000. */
  minRowsForWorkers?: number;
  /** Rows per chunk, the unit of work and of tfjs batches; default 8,192. */
  chunkRows?: number;
  /** False leaves the scoring to the workers while any of them runs (tests use it to be sure workers scored); default true. */
  scoreOnCaller?: boolean;
}

export interface ScoreInChunksOptions extends ScoreThreadOptions {
  /** Receives each chunk's scores.csv lines in row order; without it no lines are made. */
  onLines?: (lines: Uint8Array) => Promise<void> | void;
  /** How those lines write probabilities: 4 decimals ('rounded', default) or every float32 digit ('full'). */
  probabilities?: ProbabilityFormat;
}

export interface ChunkedScores {
  readonly columns: ScoredColumns;
  readonly vocabulary: ReasonVocabulary;
  /** Threads that scored at least one chunk (a worker that fails to start is left out). */
  readonly threads: number;
  /** Chunks scored by workers, of all chunks. */
  readonly workerChunks: number;
  readonly chunks: number;
}

/** Chunks handed to a worker ahead of its results, so it never waits on the busy calling thread. */
const AHEAD = 2;

/**
 * Scores every row of `matrix` in chunks, on this thread and on worker threads that each load the
 * model with their own tfjs backend. Chunks go to whichever thread is free, so a slow start or a
 * busy core only shifts work; results are put back in row order, so the output is the same bytes
 * whatever the threads did (test/jobs/score-in-chunks.test.ts).
 *
 * @example
 * const { columns } = await scoreInChunks(model, matrix, clients, asOf, { onLines: (b) => file.write(b) });
 */
export async function scoreInChunks(model: LoadedModel, matrix: FeatureMatrix, clients: ClientTable, asOf: DayNumber, options: ScoreInChunksOptions = {}): Promise<ChunkedScores> {
  rejectInfinite(model, matrix);
  const chunkRows = options.chunkRows ?? 8192;
  const csv = options.onLines !== undefined;
  const scorer = new ChunkScorer(model, matrix.names, asOf, csv, options.probabilities);
  const chunks = Math.ceil(matrix.rows / chunkRows);
  const url = scoreWorkerUrl();
  const wanted = options.workers ?? Math.max(0, availableParallelism() - 1);
  const workerCount = url && matrix.rows >= (options.minRowsForWorkers ?? 200_000) ? Math.min(wanted, Math.max(0, chunks - 1)) : 0;
  const results: (ScoredColumns | undefined)[] = new Array<ScoredColumns | undefined>(chunks);
  const lines: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(chunks);
  let next = 0;
  let written = 0;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = (): void => { const w = wake; wake = undefined; w?.(); };

  const rowsOf = (c: number): [number, number] => [c * chunkRows, Math.min(matrix.rows, (c + 1) * chunkRows)];
  const workers = Array.from({ length: workerCount }, () => startWorker());
  const callerScores = (): boolean => options.scoreOnCaller !== false || workers.every((w) => w.dead());
  let callerChunks = 0;
  try {
    while (failure === undefined && (next < chunks || written < chunks)) {
      if (next < chunks && callerScores()) {
        const c = next++;
        callerChunks++;
        const [from, to] = rowsOf(c);
        const done = scorer.score({ rows: to - from, values: matrix.values.subarray(from * matrix.cols, to * matrix.cols), clients, first: from });
        results[c] = done.columns;
        lines[c] = done.csv;
      } else if (written < chunks && results[written] === undefined) {
        await new Promise<void>((resolve) => { wake = resolve; });
      }
      while (written < chunks && results[written] !== undefined) {
        const part = lines[written];
        lines[written++] = undefined;
        if (part) await options.onLines!(part);
      }
      // Let worker replies in before the next chunk.
      if (workers.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (failure !== undefined) throw failure;
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
  const workerChunks = workers.reduce((n, w) => n + w.scored(), 0);
  const threads = (callerChunks > 0 ? 1 : 0) + workers.filter((w) => w.scored() > 0).length;
  return { columns: concatScoredColumns(results as ScoredColumns[]), vocabulary: scorer.vocabulary, threads, workerChunks, chunks };

  function startWorker(): { worker: Worker; dead: () => boolean; scored: () => number } {
    const init: ScoreWorkerInit = { modelDir: model.dir, version: model.version, names: matrix.names, asOf, csv, probabilities: options.probabilities };
    const worker = new Worker(url!, { workerData: init });
    let inFlight = 0;
    let ready = false;
    let dead = false;
    let scored = 0;
    // A worker that cannot start (the bundle changed on disk, its backend failed) is left out:
    // it holds no chunk yet, and this thread scores with the model it verified. Once a worker
    // scores, its errors are the run's, as they would be on this thread.
    const fail = (err: unknown): void => {
      if (ready) failure ??= err;
      else { dead = true; void worker.terminate(); }
    };
    const feed = (): void => {
      while (inFlight < AHEAD && next < chunks && failure === undefined) {
        const c = next++;
        const [from, to] = rowsOf(c);
        const task: ScoreChunkTask = { index: c, rows: to - from, values: matrix.values.slice(from * matrix.cols, to * matrix.cols), clients: sliceClients(clients, from, to) };
        worker.postMessage(task, [task.values.buffer as ArrayBuffer]);
        inFlight++;
      }
    };
    worker.on('message', (reply: ScoreWorkerReply) => {
      if (reply.type === 'ready') {
        ready = true;
        feed();
      } else if (reply.type === 'done') {
        results[reply.index] = reply.columns;
        lines[reply.index] = reply.csv;
        inFlight--;
        scored++;
        feed();
      } else {
        fail(reply.code === undefined
          ? new Error(`score worker failed: ${reply.message}`)
          : new PipelineError(reply.code as PipelineErrorCode, reply.message, reply.details ?? {}));
      }
      notify();
    });
    worker.on('error', (err) => { fail(err); notify(); });
    worker.on('exit', (code) => {
      if (!ready) dead = true;
      else if (code !== 0 && inFlight > 0) failure ??= new Error(`score worker exited with code ${code}`);
      notify();
    });
    return { worker, dead: () => dead, scored: () => scored };
  }
}

function sliceClients(t: ClientColumns, from: number, to: number): ClientColumns {
  return {
    ids: t.ids.slice(from, to), aum: t.aum.slice(from, to), birthDay: t.birthDay.slice(from, to), marital: t.marital.slice(from, to),
    dependants: t.dependants.slice(from, to), declaredRisk: t.declaredRisk.slice(from, to), riskAssessedOn: t.riskAssessedOn.slice(from, to),
  };
}

/** The scaler refuses an infinite feature; check the whole matrix first so the row number is the matrix's. */
function rejectInfinite(model: LoadedModel, matrix: FeatureMatrix): void {
  const v = matrix.values;
  for (let i = 0; i < v.length; i++) {
    if (v[i] === Infinity || v[i] === -Infinity) {
      model.scaler.transform(matrix);
      return;
    }
  }
}
