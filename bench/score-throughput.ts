// Child process: the model half of scoring (after features) on a generated base tiled to N clients.
import path from 'node:path';
import { initBackend } from '../src/classify/init-backend.js';
import { parseIsoDay } from '../src/core/days.js';
import type { FeatureMatrix } from '../src/core/feature-matrix.js';
import type { ClientTable } from '../src/core/records.js';
import { buildFeatures } from '../src/jobs/build-features.js';
import { loadModel } from '../src/jobs/load-model.js';
import { scoreMatrix } from '../src/jobs/score.js';
import { peakRssMiB } from './measure-child.js';

const [dir, modelDir, targetRows] = process.argv.slice(2);
if (!dir || !modelDir || !targetRows) throw new Error('usage: score-throughput DATA_DIR MODEL_DIR CLIENTS');
const asOf = parseIsoDay('2026-06-30')!;
await initBackend('auto');
const { matrix, ingest } = await buildFeatures({
  clientsPath: path.join(dir, 'clients.csv'), transactionsPath: path.join(dir, 'transactions.csv'), asOf, rejectsPath: path.join(dir, 'bench-rejects.csv'),
});
const copies = Math.ceil(Number(targetRows) / matrix.rows);
const tiled = tileMatrix(matrix, copies);
const clients = tileClients(ingest.clients, copies);
const model = await loadModel(modelDir);
const started = process.hrtime.bigint();
const profiles = await scoreMatrix(model, tiled, clients, asOf);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(`${JSON.stringify({ clients: profiles.length, seconds: Number(seconds.toFixed(2)), clientsPerSecond: Math.round(profiles.length / seconds), peakRssMiB: peakRssMiB() })}\n`);

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
