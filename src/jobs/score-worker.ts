// A worker thread that scores chunks of rows with its own tfjs backend (DESIGN.md: the wasm
// backend is single-threaded under Node, so a second core needs a second thread).
import { parentPort, workerData } from 'node:worker_threads';
import { initBackend } from '../classify/init-backend.js';
import { PipelineError } from '../core/errors.js';
import type { ScoredColumns } from '../fuse/scored-columns.js';
import { ChunkScorer } from './chunk-scorer.js';
import { loadModel } from './load-model.js';
import type { ScoreChunkTask, ScoreWorkerInit, ScoreWorkerReply } from './score-worker-messages.js';

const port = parentPort!;
const init = workerData as ScoreWorkerInit;
const post = (reply: ScoreWorkerReply, transfer: ArrayBuffer[] = []): void => port.postMessage(reply, transfer);
const fail = (err: unknown): void => {
  const e = err instanceof Error ? err : new Error(String(err));
  post({ type: 'error', code: e instanceof PipelineError ? e.code : undefined, message: e.message, details: e instanceof PipelineError ? { ...e.details } : undefined });
};

try {
  await initBackend('auto');
  const model = await loadModel(init.modelDir);
  if (model.version !== init.version) {
    throw new PipelineError('model_incompatible', `model ${init.modelDir} changed while scoring (version ${model.version}, expected ${init.version}); score again`);
  }
  const scorer = new ChunkScorer(model, init.names, init.asOf, init.csv, init.probabilities);
  port.on('message', (task: ScoreChunkTask) => {
    try {
      const { columns, csv } = scorer.score({ rows: task.rows, values: task.values, clients: task.clients, first: 0 });
      post({ type: 'done', index: task.index, columns, csv }, [...buffersOf(columns), ...(csv ? [csv.buffer as ArrayBuffer] : [])]);
    } catch (err) {
      fail(err);
    }
  });
  post({ type: 'ready' });
} catch (err) {
  fail(err);
}

function buffersOf(c: ScoredColumns): ArrayBuffer[] {
  const arrays = [c.segmentId, c.riskClass, c.riskProba, c.needProba, c.tier, c.stage, c.suitability, c.flags, c.needOrder, c.aboveLevel, c.reasonStart, c.reasonCodes];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}
