import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../src/core/days.js';
import { buildFeatures } from '../../src/jobs/build-features.js';
import { loadModel, type LoadedModel } from '../../src/jobs/load-model.js';
import { scoreMatrix } from '../../src/jobs/score.js';
import { initBackend } from '../../src/classify/init-backend.js';
import { mergeShardCounts } from '../../src/scale/merge-shard-counts.js';
import { DRIFT_COUNTS_FORMAT, driftCountsOf, type ShardCounts } from '../../src/scale/shard-counts.js';
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

const rows = (read: number, rejected: number, byReason: Record<string, number> = {}) => ({ read, accepted: read - rejected, rejected, byReason });
const shard = (clients: number, scored: number, counts: number[], segments: Record<string, number>, byReason: Record<string, number> = {}): ShardCounts => ({
  clients: rows(clients, clients - scored), transactions: rows(10, Object.values(byReason).reduce((a, b) => a + b, 0), byReason), scored,
  drift: { format: DRIFT_COUNTS_FORMAT, rows: scored, features: [{ name: 'age', edges: [30, 60], counts }], segments, risk: { balanced: scored }, needs: { growth: 1 } },
});

describe('mergeShardCounts', () => {
  it('adds rows, reasons, bins and categories exactly, in any order', () => {
    const a = shard(5, 4, [1, 2, 1], { 1: 4 }, { orphan_client: 1 });
    const b = shard(3, 3, [0, 0, 3], { 2: 3 }, { bad_date: 2, orphan_client: 1 });
    const merged = mergeShardCounts([a, b]);
    expect(merged.clients).toEqual({ read: 8, accepted: 7, rejected: 1, byReason: {} });
    expect(merged.transactions).toEqual({ read: 20, accepted: 16, rejected: 4, byReason: { bad_date: 2, orphan_client: 2 } });
    expect(merged.scored).toBe(7);
    expect(merged.drift.features).toEqual([{ name: 'age', edges: [30, 60], counts: [1, 2, 4] }]);
    expect(merged.drift.segments).toEqual({ 1: 4, 2: 3 });
    expect(merged.drift.needs).toEqual({ growth: 2 });
    expect(mergeShardCounts([b, a])).toStrictEqual(merged);
  });

  it('refuses counts on different edges or features, and an empty list', () => {
    const a = shard(1, 1, [1, 0, 0], {});
    const moved = { ...a, drift: { ...a.drift, features: [{ name: 'age', edges: [31, 60], counts: [1, 0, 0] }] } };
    const renamed = { ...a, drift: { ...a.drift, features: [{ name: 'tenure', edges: [30, 60], counts: [1, 0, 0] }] } };
    expect(() => mergeShardCounts([a, moved])).toThrow(/different edges/);
    expect(() => mergeShardCounts([a, renamed])).toThrow(/different features/);
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
    expect(merged.drift.features.length).toBe(model.driftReference.features.length);
    expect(merged.drift.features.every((f) => f.counts.reduce((a, b) => a + b, 0) === 2000)).toBe(true);
  });
});

async function countsOf(clientsPath: string, transactionsPath: string, name: string): Promise<ShardCounts> {
  const { matrix, ingest } = await buildFeatures({ clientsPath, transactionsPath, asOf, rejectsPath: path.join(dir, `${name}.csv`), rejectGate: 1 });
  const profiles = await scoreMatrix(model, matrix, ingest.clients, asOf);
  return { clients: ingest.clientCounts, transactions: ingest.transactionCounts, scored: profiles.length, drift: driftCountsOf(model, matrix, profiles) };
}
