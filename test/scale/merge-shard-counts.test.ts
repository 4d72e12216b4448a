import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../src/core/days.js';
import { buildFeatures } from '../../src/jobs/build-features.js';
import { loadModel, type LoadedModel } from '../../src/jobs/load-model.js';
import { runDriftCounts, runRealisedCounts } from '../../src/jobs/monitor-run.js';
import { scoreInChunks } from '../../src/jobs/score-in-chunks.js';
import { initBackend } from '../../src/classify/init-backend.js';
import { mergeShardCounts } from '../../src/scale/merge-shard-counts.js';
import type { ShardCounts } from '../../src/scale/shard-counts.js';
import type { FeatureMatrix } from '../../src/core/feature-matrix.js';
import { countDrift, type DriftCounts } from '../../src/monitor/drift-counts.js';
import { splitCsvByClient } from '../../src/scale/split-csv-by-client.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const asOf = parseIsoDay('2026-06-30')!;
let dir: string;
let model: LoadedModel;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-merge-'));
  await initBackend('auto');
  model = await loadModel(path.join(ROOT, 'models', 'sample'));
});
afterAll(async () => {
  model.dispose();
  await rm(dir, { recursive: true, force: true });
});

const rows = (read: number, rejected: number, byReason: Record<string, number> = {}, bySkip: Record<string, number> = {}) => {
  const skipped = Object.values(bySkip).reduce((a, b) => a + b, 0);
  return { read, accepted: read - rejected - skipped, rejected, byReason, skipped, bySkip };
};
const matrixOf = (names: string[], values: number[]): FeatureMatrix => ({ names, clientIds: [], rows: values.length / names.length, cols: names.length, values: Float64Array.from(values) });
const driftOf = (names: string[], values: number[], segments: number[]): DriftCounts => countDrift(
  matrixOf(names, values), names.map((name) => ({ name, edges: [30, 60] })), {},
  { segmentIds: Int32Array.from(segments), riskClass: new Int32Array(segments.length), riskClasses: ['balanced'], needs: new Uint8Array(segments.length), needNames: ['growth'] },
);
const shard = (clients: number, scored: number, drift: DriftCounts | null, byReason: Record<string, number> = {}, bySkip: Record<string, number> = {}): ShardCounts => ({
  clients: rows(clients, clients - scored), transactions: rows(10, Object.values(byReason).reduce((a, b) => a + b, 0), byReason, bySkip), scored, drift,
});

describe('mergeShardCounts', () => {
  it('adds rows and reasons, and the drift counts as one pass over both shards would count them, in any order', () => {
    const a = shard(5, 4, driftOf(['age'], [20, 40, 70, 45], [1, 1, 1, 1]), { orphan_client: 1 }, { reversal: 1 });
    const b = shard(3, 3, driftOf(['age'], [61, 62, 99], [2, 2, 2]), { bad_date: 2, orphan_client: 1 }, { interest: 2, reversal: 1 });
    const merged = mergeShardCounts([a, b]);
    expect(merged.clients).toEqual({ read: 8, accepted: 7, rejected: 1, byReason: {}, skipped: 0, bySkip: {} });
    expect(merged.transactions).toEqual({
      read: 20, accepted: 12, rejected: 4, byReason: { bad_date: 2, orphan_client: 2 }, skipped: 4, bySkip: { interest: 2, reversal: 2 },
    });
    expect(merged.scored).toBe(7);
    expect(merged.drift).toEqual(driftOf(['age'], [20, 40, 70, 45, 61, 62, 99], [1, 1, 1, 1, 2, 2, 2]));
    expect(mergeShardCounts([b, a])).toStrictEqual(merged);
  });

  it('adds the realised-accuracy confusions cell by cell; none when a shard has none; refuses other classes', () => {
    const classes = ['conservative', 'balanced'];
    const a = { ...shard(2, 2, null), realised: { classes, confusion: [[1, 0], [2, 3]] } };
    const b = { ...shard(2, 2, null), realised: { classes, confusion: [[0, 4], [1, 0]] } };
    expect(mergeShardCounts([a, b]).realised).toStrictEqual({ classes, confusion: [[1, 4], [3, 3]] });
    expect(mergeShardCounts([a, shard(2, 2, null)]).realised).toBeNull();
    const other = { ...b, realised: { classes: ['balanced', 'conservative'], confusion: [[0, 4], [1, 0]] } };
    expect(() => mergeShardCounts([a, other])).toThrow(/different classes/);
  });

  it('has no drift counts when a shard has none (a model whose reference is too old)', () => {
    expect(mergeShardCounts([shard(1, 1, driftOf(['age'], [1], [0])), shard(1, 1, null)]).drift).toBeNull();
  });

  it('refuses drift counts of different features, and an empty list', () => {
    expect(() => mergeShardCounts([shard(1, 1, driftOf(['age'], [1], [0])), shard(1, 1, driftOf(['tenure'], [1], [0]))])).toThrow(/different features|cannot be merged/);
    expect(() => mergeShardCounts([])).toThrow();
  });

  it('gives, from the shards of the sample, exactly the counts of one machine over the whole sample', async () => {
    const whole = await countsOf(path.join(ROOT, 'data-samples', 'clients.csv'), path.join(ROOT, 'data-samples', 'transactions.csv'), 'whole');
    const n = 3;
    const part = (name: string, s: number) => path.join(dir, `${name}-${s}.csv`);
    const splitClients = await splitCsvByClient({ source: path.join(ROOT, 'data-samples', 'clients.csv'), targets: [0, 1, 2].map((s) => part('clients', s)), mapping: undefined });
    await splitCsvByClient({ source: path.join(ROOT, 'data-samples', 'transactions.csv'), targets: [0, 1, 2].map((s) => part('tx', s)), mapping: undefined, sameShardFor: 'txn_id' });
    expect(splitClients.rows.every((c) => c > 0)).toBe(true);
    const shards: ShardCounts[] = [];
    for (let s = 0; s < n; s++) shards.push(await countsOf(part('clients', s), part('tx', s), `rejects-${s}`));
    const merged = mergeShardCounts(shards);
    expect(merged).toEqual(whole);
    expect(merged.scored).toBe(2000);
    expect(merged.drift?.features.length).toBe(model.driftReference?.features.length);
    expect(merged.drift?.features.every((f) => f.counts.reduce((a, b) => a + b, 0) === 2000)).toBe(true);
  });
});

async function countsOf(clientsPath: string, transactionsPath: string, name: string): Promise<ShardCounts> {
  const { matrix, ingest } = await buildFeatures({ clientsPath, transactionsPath, asOf, rejectsPath: path.join(dir, `${name}.csv`), rejectGate: 1 });
  const scored = await scoreInChunks(model, matrix, ingest.clients, asOf);
  const drift = runDriftCounts({ ...model, driftReference: model.driftReference! }, matrix, ingest.clients, scored.columns, asOf);
  const realised = runRealisedCounts(model, ingest.clients, scored.columns, asOf);
  return { clients: ingest.clientCounts, transactions: ingest.transactionCounts, scored: scored.columns.rows, drift, realised };
}
