// Child process: the model half of scoring (after features), as `score` runs it: every client
// scored and scores.csv written, on a generated base tiled to N clients. Prints one JSON line.
// usage: score-throughput DATA_DIR MODEL_DIR CLIENTS [WORKERS]
import path from 'node:path';
import { growHeapInLargeSteps } from '../src/core/heap-growth.js';
import { initBackend } from '../src/classify/init-backend.js';
import { parseIsoDay } from '../src/core/days.js';
import type { FeatureMatrix } from '../src/core/feature-matrix.js';
import type { ClientTable } from '../src/core/records.js';
import { ScoresFile } from '../src/fuse/scores-file.js';
import { scoresHeader } from '../src/fuse/write-scores-csv.js';
import { buildFeatures } from '../src/jobs/build-features.js';
import { loadModel } from '../src/jobs/load-model.js';
import { scoreInChunks } from '../src/jobs/score-in-chunks.js';
import { peakRssMiB, round2, startClock } from './measure-child.js';

growHeapInLargeSteps(); // as the CLI does first

const [dir, modelDir, targetRows, workers] = process.argv.slice(2);
if (!dir || !modelDir || !targetRows) throw new Error('usage: score-throughput DATA_DIR MODEL_DIR CLIENTS [WORKERS]');
const asOf = parseIsoDay('2026-06-30')!;
await initBackend('auto');
const { matrix, ingest } = await buildFeatures({
  clientsPath: path.join(dir, 'clients.csv'), transactionsPath: path.join(dir, 'transactions.csv'), asOf, rejectsPath: path.join(dir, 'bench-rejects.csv'),
});
const copies = Math.ceil(Number(targetRows) / matrix.rows);
const tiled = tileMatrix(matrix, copies);
const clients = tileClients(ingest.clients, copies);
const model = await loadModel(modelDir);
const clock = startClock();
const file = await ScoresFile.open(path.join(dir, 'bench-scores.csv'), scoresHeader(model.riskClasses).join(','));
const scored = await scoreInChunks(model, tiled, clients, asOf, {
  ...(workers === undefined ? {} : { workers: Number(workers) }),
  onLines: (lines) => file.write(lines),
});
await file.commit();
const { seconds, cpuSeconds } = clock();
const rows = scored.columns.rows;
process.stdout.write(`${JSON.stringify({
  clients: rows, threads: scored.threads, seconds, cpuSeconds,
  cpuMicrosPerClient: round2((cpuSeconds * 1e6) / rows), clientsPerSecond: Math.round(rows / seconds), peakRssMiB: peakRssMiB(),
})}\n`);

function tileMatrix(m: FeatureMatrix, n: number): FeatureMatrix {
  const values = new Float64Array(m.values.length * n);
  for (let c = 0; c < n; c++) values.set(m.values, c * m.values.length);
  const clientIds = Array.from({ length: m.rows * n }, (_, i) => `${m.clientIds[i % m.rows]}#${Math.floor(i / m.rows)}`);
  return { names: m.names, clientIds, rows: m.rows * n, cols: m.cols, values };
}

function tileClients(t: ClientTable, n: number): ClientTable {
  const rep = <T extends Int32Array | Float64Array | Int8Array | Int16Array>(a: T): T => {
    const out = new (a.constructor as new (len: number) => T)(a.length * n);
    for (let c = 0; c < n; c++) out.set(a, c * a.length);
    return out;
  };
  const ids = Array.from({ length: t.size * n }, (_, i) => `${t.ids[i % t.size]}#${Math.floor(i / t.size)}`);
  return {
    size: t.size * n, ids, indexById: new Map(ids.map((id, i) => [id, i])),
    birthDay: rep(t.birthDay), aum: rep(t.aum), marital: rep(t.marital), dependants: rep(t.dependants),
    declaredRisk: ids.map((_, i) => t.declaredRisk[i % t.size]), riskAssessedOn: rep(t.riskAssessedOn),
    advisorId: ids.map((_, i) => t.advisorId[i % t.size]), openedOn: rep(t.openedOn),
  };
}
