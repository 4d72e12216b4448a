import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../src/classify/init-backend.js';
import { formatDay, parseIsoDay } from '../../src/core/days.js';
import type { FeatureMatrix } from '../../src/core/feature-matrix.js';
import type { ClientTable } from '../../src/core/records.js';
import type { ClientProfile } from '../../src/fuse/client-profile.js';
import { fuseProfile } from '../../src/fuse/fuse-profile.js';
import { scoreSummary, scoreSummaryOfColumns } from '../../src/fuse/score-summary.js';
import { profilesOf } from '../../src/fuse/scored-columns.js';
import { scoresRow } from '../../src/fuse/write-scores-csv.js';
import { pickColumns } from '../../src/segment/pick-columns.js';
import { buildFeatures } from '../../src/jobs/build-features.js';
import { loadModel, type LoadedModel } from '../../src/jobs/load-model.js';
import { scoreMatrix } from '../../src/jobs/score.js';
import { scoreInChunks } from '../../src/jobs/score-in-chunks.js';

// The committed sample model on the committed sample: chunked, column-wise scoring on one thread
// and on worker threads must give what the per-client path (fuseProfile + scoresRow) gives.
const root = path.resolve(import.meta.dirname, '../..');
const asOf = parseIsoDay('2026-06-30')!;
let model: LoadedModel;
let matrix: FeatureMatrix;
let clients: ClientTable;
let reference: ClientProfile[];
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'clientseg-chunks-'));
  await initBackend('auto');
  model = await loadModel(path.join(root, 'models/sample'));
  const built = await buildFeatures({
    clientsPath: path.join(root, 'data-samples/clients.csv'), transactionsPath: path.join(root, 'data-samples/transactions.csv'),
    asOf, rejectsPath: path.join(tmp, 'rejects.csv'),
  });
  matrix = built.matrix;
  clients = built.ingest.clients;
  reference = referenceProfiles(model, matrix, clients);
}, 120_000);
afterAll(async () => { await rm(tmp, { recursive: true, force: true }); });

async function csvOf(options: Parameters<typeof scoreInChunks>[4]): Promise<{ csv: string; threads: number; result: Awaited<ReturnType<typeof scoreInChunks>> }> {
  const parts: Buffer[] = [];
  const result = await scoreInChunks(model, matrix, clients, asOf, { ...options, onLines: (b) => { parts.push(Buffer.from(b)); } });
  return { csv: Buffer.concat(parts).toString('utf8'), threads: result.threads, result };
}

describe('scoreInChunks', () => {
  it('writes the lines scoresRow writes for fuseProfile, one thread, uneven chunks', async () => {
    const { csv, threads } = await csvOf({ workers: 0, chunkRows: 333 });
    expect(threads).toBe(1);
    const expected = reference.map((p) => `${scoresRow(p, formatDay(asOf), model.version)}\n`).join('');
    expect(csv).toBe(expected);
  });

  it('gives the same bytes on worker threads as on one thread', async () => {
    const single = await csvOf({ workers: 0 });
    const sharded = await csvOf({ workers: 2, minRowsForWorkers: 0, chunkRows: 128, scoreOnCaller: false });
    expect(sharded.result.workerChunks).toBe(sharded.result.chunks);
    expect(sharded.result.chunks).toBe(16);
    const mixed = await csvOf({ workers: 1, minRowsForWorkers: 0, chunkRows: 100 });
    expect(mixed.csv).toBe(single.csv);
    expect(sharded.csv).toBe(single.csv);
    expect(sharded.result.columns).toStrictEqual(single.result.columns);
  });

  it('rebuilds the same profiles and summary from its columns', async () => {
    const { result } = await csvOf({ workers: 0, chunkRows: 500 });
    const vocabulary = { riskClasses: model.riskClasses, segmentName: (id: number) => model.segments.nameOf(id).zh, reasons: result.vocabulary.codes };
    const profiles = profilesOf(result.columns, clients, vocabulary);
    expect(profiles).toStrictEqual(reference);
    expect(scoreSummaryOfColumns(result.columns, model.riskClasses, vocabulary.segmentName)).toStrictEqual(scoreSummary(reference, model.riskClasses));
    // Some clients have need reasons and flags, so those paths were compared too.
    expect(reference.some((p) => p.reasons.some((r) => r.startsWith('need_')))).toBe(true);
    expect(reference.some((p) => p.flags.some((f) => f.startsWith('need_above_level')))).toBe(true);
  });

  it('scoreMatrix returns the same profiles on worker threads', async () => {
    const profiles = await scoreMatrix(model, matrix, clients, asOf, { workers: 1, minRowsForWorkers: 0, chunkRows: 700, scoreOnCaller: false });
    expect(profiles).toStrictEqual(reference);
  });

  it('leaves out a worker that refuses the bundle on disk and scores the same on this thread', async () => {
    // The worker loads the bundle from disk and finds another version than the one in hand.
    const stale = { ...model, version: '000000000000' };
    const single = await csvOf({ workers: 0 });
    const parts: Buffer[] = [];
    const result = await scoreInChunks(stale, { ...matrix, values: tile(matrix.values, 20) , rows: matrix.rows * 20 }, tileClients(clients, 20), asOf,
      { workers: 1, minRowsForWorkers: 0, chunkRows: 64, scoreOnCaller: false, onLines: (b) => { parts.push(Buffer.from(b)); } });
    expect(result.threads).toBe(1);
    expect(result.workerChunks).toBe(0);
    expect(Buffer.concat(parts).toString('utf8')).toBe(single.csv.replaceAll(model.version, '000000000000').repeat(20));
  }, 120_000);

  it('refuses an infinite feature naming its row in the whole matrix', async () => {
    const values = Float64Array.from(matrix.values);
    values[1500 * matrix.cols + 3] = Infinity;
    await expect(scoreInChunks(model, { ...matrix, values }, clients, asOf, { workers: 0, chunkRows: 100 }))
      .rejects.toMatchObject({ code: 'input_invalid', message: expect.stringContaining('row 1500') });
  });
});

function tile(values: Float64Array, n: number): Float64Array {
  const out = new Float64Array(values.length * n);
  for (let c = 0; c < n; c++) out.set(values, c * values.length);
  return out;
}

function tileClients(t: ClientTable, n: number): ClientTable {
  const rep = <T extends Int32Array | Float64Array | Int8Array | Int16Array>(a: T): T => {
    const out = new (a.constructor as new (len: number) => T)(a.length * n);
    for (let c = 0; c < n; c++) out.set(a, c * a.length);
    return out;
  };
  const ids = Array.from({ length: t.size * n }, (_, i) => t.ids[i % t.size]!);
  return {
    size: t.size * n, ids, indexById: new Map(), birthDay: rep(t.birthDay), aum: rep(t.aum), marital: rep(t.marital), dependants: rep(t.dependants),
    declaredRisk: ids.map((_, i) => t.declaredRisk[i % t.size]), riskAssessedOn: rep(t.riskAssessedOn), advisorId: ids.map((_, i) => t.advisorId[i % t.size]), openedOn: rep(t.openedOn),
  };
}

/** The per-client path scoring took before chunking: one profile object per client. */
function referenceProfiles(m: LoadedModel, f: FeatureMatrix, t: ClientTable): ClientProfile[] {
  const z = m.scaler.transform(f);
  const x = { names: f.names, rows: f.rows, cols: f.cols, values: z };
  const zb = pickColumns(z, f.rows, f.cols, m.segments.features.map((n) => f.names.indexOf(n)));
  const assignment = m.segments.assign(zb, f.rows);
  const riskProba = m.risk!.predictProba(x);
  const riskClass = m.risk!.classesFrom(riskProba);
  const riskReasons = m.risk!.reasonCodes(x, 4, riskClass);
  const needProba = m.needs!.predictProba(x);
  const k = m.needs!.needs.length;
  const needReasons = m.needs!.reasonCodesWhere(x, (i, j) => needProba[i * k + j]! >= m.needThresholds[j]!, 4);
  const c = m.riskClasses.length;
  const pension = f.names.indexOf('pension_regularity');
  return Array.from({ length: f.rows }, (_, i) => fuseProfile(t, i, asOf, {
    segmentId: assignment.ids[i]!,
    segmentName: m.segments.nameOf(assignment.ids[i]!).zh,
    riskClass: m.riskClasses[riskClass[i]!]!,
    riskProbabilities: Array.from(riskProba.subarray(i * c, (i + 1) * c)),
    needPropensities: Array.from(needProba.subarray(i * k, (i + 1) * k)),
    needThresholds: m.needThresholds,
    pensionRegularity: f.values[i * f.cols + pension]!,
    reasons: [...m.segments.reasons(zb, i, assignment).map((r) => r.code), ...riskReasons[i]!, ...needReasons[i]!],
  }, m.rules));
}
