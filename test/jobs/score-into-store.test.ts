import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetTier } from '../../src/fuse/asset-tier.js';
import { DEFAULT_RULES } from '../../src/fuse/rules-config.js';
import { generateClientBase, loadModel, openStore, parseIsoDay, type Store } from '../../src/index.js';
import { scoreIntoStore } from '../../src/jobs/score-into-store.js';
import type { Migration } from '../../src/monitor/migration-matrix.js';
import { enginesUnderTest } from '../store/store-engines.js';

const MODEL = path.resolve('models/sample');
const asOf = parseIsoDay('2026-06-30')!;
let dir: string;
const engines = enginesUnderTest('jobs');

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-score-store-'));
  // The same 600 clients twice; the second time every amount is tripled: a planted shift in
  // assets whose tier moves are known exactly from the clients' AUM.
  await generateClientBase({ clients: 600, seed: 31, outDir: path.join(dir, 'before') });
  await generateClientBase({ clients: 600, seed: 31, outDir: path.join(dir, 'after'), amountScale: 3 });
  // Another planted shift: frequent traders go from 14% of the base to 58%.
  await generateClientBase({ clients: 600, seed: 32, outDir: path.join(dir, 'traders'), archetypeShares: { frequent_trader: 1.2 } });
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  for (const e of engines) await e.drop();
});

const inputs = (which: string) => ({
  clientsPath: path.join(dir, which, 'clients.csv'), transactionsPath: path.join(dir, which, 'transactions.csv'),
  outPath: path.join(dir, which, `scores-${process.pid}.csv`), rejectsPath: path.join(dir, which, 'rejects.csv'),
});

/** Tier by the rule, straight from clients.csv: the truth the migration must reproduce. */
async function tiersOf(which: string): Promise<Map<string, string>> {
  const lines = (await readFile(path.join(dir, which, 'clients.csv'), 'utf8')).trim().split('\n');
  const header = lines[0]!.split(',');
  const id = header.indexOf('client_id'), aum = header.indexOf('aum');
  return new Map(lines.slice(1).map((line) => {
    const cells = line.split(',');
    return [cells[id]!, assetTier(Number(cells[aum]), DEFAULT_RULES.tiers).tier];
  }));
}

/** Share of a base's clients whose true archetype is `archetype` (truth.csv). */
async function truthShare(which: string, archetype: string): Promise<number> {
  const lines = (await readFile(path.join(dir, which, 'truth.csv'), 'utf8')).trim().split('\n');
  const column = lines[0]!.split(',').indexOf('archetype');
  return lines.slice(1).filter((l) => l.split(',')[column] === archetype).length / (lines.length - 1);
}

/** The id of the sample model's segment named `code` (e.g. 频繁交易型 / frequent trader). */
async function segmentIdNamed(code: string): Promise<number> {
  const model = await loadModel(MODEL);
  model.dispose();
  const at = model.segments.names.findIndex((n) => n.code === code);
  expect(at, `the sample model names no segment ${code}`).toBeGreaterThanOrEqual(0);
  return model.segments.ids[at]!;
}

describe.each(engines)('scoring into the $engine store', ({ url }) => {
  let store: Store;
  beforeAll(async () => { store = await openStore(url); });
  afterAll(async () => { await store.close(); });

  it('stores a run whose migration from the previous run is the planted shift', async () => {
    const first = await scoreIntoStore({ store, pipeline: 'nightly', model: MODEL, asOf, ...inputs('before'), batchSize: 128 });
    expect(first).toMatchObject({ outcome: 'completed', resumed: false, run: { status: 'completed', counts: { scored: 600, clientsRead: 600 } } });
    expect(first.migration).toBeUndefined();
    const second = await scoreIntoStore({ store, pipeline: 'nightly', model: MODEL, asOf, ...inputs('after') });
    expect(second.run.id).not.toBe(first.run.id);
    expect(second.migration?.previousRunId).toBe(first.run.id);

    const [before, after] = [await tiersOf('before'), await tiersOf('after')];
    const labels = ['mass', 'hnw', 'uhnw'];
    const expected = labels.map(() => labels.map(() => 0));
    for (const [client, tier] of before) expected[labels.indexOf(tier)]![labels.indexOf(after.get(client)!)]!++;
    const m = second.migration!.matrix;
    expect({ matched: m.matched, entered: m.entered, left: m.left }).toEqual({ matched: 600, entered: 0, left: 0 });
    expect(m.tier.labels).toEqual(labels);
    expect(m.tier.counts).toEqual(expected);
    // Tripling assets moves clients up, never down, and some of them do move.
    expect(expected[1]![0]! + expected[2]![0]! + expected[2]![1]!).toBe(0);
    expect(expected[0]![1]!).toBeGreaterThan(20);
    // The stored migration is the one computed, and the matrix counts every client once.
    const stored = await store.migrationOf(second.run.id);
    expect((stored?.document as Migration).tier.counts).toEqual(expected);
    expect(m.behaviour.counts.flat().reduce((a, b) => a + b, 0)).toBe(600);
  });

  it('shows a planted rise in frequent traders as clients moving into the frequent-trader segment', async () => {
    await scoreIntoStore({ store, pipeline: 'shift', model: MODEL, asOf, ...inputs('before') });
    const shifted = await scoreIntoStore({ store, pipeline: 'shift', model: MODEL, asOf, ...inputs('traders') });
    const m = shifted.migration!.matrix;
    // Found by the name the model gave it, not by a fixed id: ids follow k-means order, and the
    // rebuilt sample model (catalogue 2.0.0) has the global allocator at 2, the frequent trader at 3.
    const trader = m.behaviour.labels.indexOf(String(await segmentIdNamed('frequent_trader')));
    expect(trader).toBeGreaterThanOrEqual(0);
    const rows = m.behaviour.counts.map((row) => row.reduce((a, b) => a + b, 0));
    const columns = m.behaviour.labels.map((_, j) => m.behaviour.counts.reduce((a, row) => a + row[j]!, 0));
    const [before, after] = [await truthShare('before', 'frequent_trader'), await truthShare('traders', 'frequent_trader')];
    expect(before).toBeLessThan(0.2);
    expect(after).toBeGreaterThan(0.5);
    // Rows are the previous run, columns this one: each follows its own base's true share.
    expect(Math.abs(rows[trader]! / m.matched - before)).toBeLessThan(0.08);
    expect(Math.abs(columns[trader]! / m.matched - after)).toBeLessThan(0.08);
    expect(m.behaviour.stayRate).toBeLessThan(0.6);
  });

  it('adds nothing when the same run is started again', async () => {
    const runs = await store.listRuns();
    const audit = await store.auditLog();
    const again = await scoreIntoStore({ store, pipeline: 'nightly', model: MODEL, asOf, ...inputs('after'), skipWhenStored: true });
    expect(again).toMatchObject({ outcome: 'already_completed', score: undefined });
    expect(await store.listRuns()).toEqual(runs);
    expect(await store.auditLog()).toEqual(audit);
    expect(await store.countScores(again.run.id)).toBe(600);
  });

  it('stores each client with its advisor and the profile an advisor page needs', async () => {
    const run = (await store.latestCompletedRun({ pipeline: 'nightly' }))!;
    const clients = (await readFile(inputs('after').clientsPath, 'utf8')).trim().split('\n');
    const header = clients[0]!.split(',');
    const advisorOf = new Map(clients.slice(1).map((l) => l.split(',')).map((c) => [c[header.indexOf('client_id')]!, c[header.indexOf('advisor_id')] || null]));
    const scores = await store.scoresOf(run.id);
    expect(scores).toHaveLength(600);
    for (const s of scores) expect(s.advisorId).toBe(advisorOf.get(s.clientId));
    const advisor = scores[0]!.advisorId!;
    expect((await store.scoresOf(run.id, { advisorId: advisor })).every((s) => s.advisorId === advisor)).toBe(true);
    const s = scores[0]!;
    expect(Object.keys(s.riskProbabilities)).toEqual(run.riskClasses);
    expect(Object.values(s.riskProbabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(Object.keys(s.needPropensities)).toHaveLength(7);
    expect(s.behaviourSegmentNameEn).not.toBe(s.behaviourSegmentName);
  });

  it('marks a run that fails as failed, with nothing visible and the reason in the audit log', async () => {
    await expect(scoreIntoStore({ store, pipeline: 'nightly', model: MODEL, asOf, ...inputs('before'), transactionsPath: path.join(dir, 'before', 'clients.csv') }))
      .rejects.toMatchObject({ code: expect.stringMatching(/input_invalid|reject_gate/) });
    const failed = (await store.listRuns())[0]!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/input_invalid|reject_gate/);
    expect(await store.countScores(failed.id)).toBe(0);
    expect((await store.auditLog({ runId: failed.id })).map((e) => e.action)).toEqual(['run_failed', 'run_started']);
  });
});
