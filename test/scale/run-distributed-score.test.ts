import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../src/core/days.js';
import type { Progress } from '../../src/core/progress.js';
import { score } from '../../src/jobs/score.js';
import { train } from '../../src/jobs/train.js';
import { mergeRejects } from '../../src/scale/merge-rejects.js';
import { distributedRunSpec, runDistributedScore, type DistributedScoreOptions } from '../../src/scale/run-distributed-score.js';
import { connectRedis } from '../../src/scale/scale-queues.js';
import { startShardWorker, type ShardWorker } from '../../src/scale/start-shard-worker.js';
import { openShardLedger, type ShardLedger } from '../../src/store/shard-ledger.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';

const REDIS_URL = process.env.CLIENTSEG_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `cs-test-inproc-${process.pid}-${Date.now().toString(36)}`;
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const log = pino({ level: 'silent' });

let dir: string;
let store: Store;
let ledger: ShardLedger;
let worker: ShardWorker;
let base: Omit<DistributedScoreOptions, 'pipeline' | 'shards' | 'rejectsPath'>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-inproc-'));
  // 300 clients of the sample with their transactions, and one orphan transaction.
  const clientLines = (await readFile(path.join(ROOT, 'data-samples', 'clients.csv'), 'utf8')).split('\n').slice(0, 301);
  const ids = new Set(clientLines.slice(1).map((l) => l.split(',')[0]));
  const txLines = (await readFile(path.join(ROOT, 'data-samples', 'transactions.csv'), 'utf8')).trimEnd().split('\n');
  await writeFile(path.join(dir, 'clients.csv'), clientLines.join('\n') + '\n');
  await writeFile(path.join(dir, 'transactions.csv'), [txLines[0], ...txLines.slice(1).filter((l) => ids.has(l.split(',')[1])), 'X1,C9999999,2026-01-02,10.00,credit,deposit,,,CNY'].join('\n') + '\n');
  const url = `sqlite:${path.join(dir, 'store.db')}`;
  store = await openStore(url);
  ledger = await openShardLedger(url);
  worker = await startShardWorker({ redisUrl: REDIS_URL, prefix: PREFIX, ledger, log, lockDurationMs: 10_000, stalledIntervalMs: 5_000 });
  base = {
    model: path.join(ROOT, 'models', 'sample'), clientsPath: path.join(dir, 'clients.csv'), transactionsPath: path.join(dir, 'transactions.csv'),
    asOf: parseIsoDay('2026-06-30')!, store, ledger, redisUrl: REDIS_URL, prefix: PREFIX, sharedDir: path.join(dir, 'shared'),
    log, pollMs: 100, attempts: 1, backoffMs: 10,
  };
});

afterAll(async () => {
  await worker?.close();
  await ledger?.close();
  await store?.close();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${PREFIX}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await rm(dir, { recursive: true, force: true });
});

describe('runDistributedScore with an in-process worker', () => {
  it('stores the realised accuracy on fresh questionnaires that one machine computes, merged from the shards', async () => {
    // Every third client answered the questionnaire again after the model's training as-of
    // (2026-06-30); the run is scored at 2026-09-30, so those answers are fresh labels.
    const lines = (await readFile(base.clientsPath, 'utf8')).trimEnd().split('\n');
    const again = lines.slice(1).map((line, i) => {
      if (i % 3 !== 0) return line;
      const cells = line.split(',');
      cells[6] = '2026-08-15';
      return cells.join(',');
    });
    const labelled = again.filter((line, i) => i % 3 === 0 && line.split(',')[5] !== '').length;
    const clientsPath = path.join(dir, 'clients-fresh.csv');
    await writeFile(clientsPath, [lines[0], ...again].join('\n') + '\n');
    const asOf = parseIsoDay('2026-09-30')!;
    const result = await runDistributedScore({ ...base, clientsPath, asOf, pipeline: 'fresh', shards: 3, rejectsPath: path.join(dir, 'fresh', 'rejects.csv') });
    expect(result.outcome).toBe('completed');
    const one = await score({
      model: base.model, clientsPath, transactionsPath: base.transactionsPath, asOf,
      outPath: path.join(dir, 'fresh-one', 'scores.csv'), rejectsPath: path.join(dir, 'fresh-one', 'rejects.csv'),
    });
    expect(one.monitoring?.accuracy?.labelled).toBe(labelled);
    expect(labelled).toBeGreaterThan(50);
    const stored = (await store.driftOf(result.run.id)) as { accuracy?: unknown };
    expect(stored.accuracy).toEqual(JSON.parse(JSON.stringify(one.monitoring!.accuracy)));
  });

  it('cuts account-keyed transactions into the shard of the account\'s owner: the same scores and counts as one machine', async () => {
    // Each client's transactions spread over three accounts; every fifth account also has the next
    // client as co-holder (who then gets none of its transactions), and one transaction's account is unknown.
    const clientIds = (await readFile(base.clientsPath, 'utf8')).trimEnd().split('\n').slice(1).map((l) => l.split(',')[0]!);
    const accounts = ['account_id,client_id,role'];
    clientIds.forEach((id, i) => {
      for (let k = 0; k < 3; k++) {
        accounts.push(`A-${id}-${k},${id},owner`);
        if ((3 * i + k) % 5 === 0) accounts.push(`A-${id}-${k},${clientIds[(i + 1) % clientIds.length]},co_holder`);
      }
    });
    const tx = (await readFile(base.transactionsPath, 'utf8')).trimEnd().split('\n');
    const keyed = [tx[0]!.replace('client_id', 'account_id'), ...tx.slice(1).map((line, n) => {
      const cells = line.split(',');
      cells[1] = cells[1] === 'C9999999' ? 'A-unknown' : `A-${cells[1]}-${n % 3}`;
      return cells.join(',');
    })];
    const accountsPath = path.join(dir, 'accounts.csv');
    const transactionsPath = path.join(dir, 'transactions-by-account.csv');
    await writeFile(accountsPath, accounts.join('\n') + '\n');
    await writeFile(transactionsPath, keyed.join('\n') + '\n');
    const result = await runDistributedScore({ ...base, transactionsPath, accountsPath, pipeline: 'accounts', shards: 3, rejectsPath: path.join(dir, 'accounts', 'rejects.csv') });
    expect(result.outcome).toBe('completed');
    const one = await score({
      model: base.model, clientsPath: base.clientsPath, transactionsPath, accountsPath, asOf: base.asOf,
      outPath: path.join(dir, 'accounts-one', 'scores.csv'), rejectsPath: path.join(dir, 'accounts-one', 'rejects.csv'),
    });
    const t = one.ingest.transactionCounts;
    expect(t.byReason).toEqual({ orphan_account: 1 });
    expect(result.run.counts).toMatchObject({ clientsRead: 300, scored: 300, transactionsRead: t.read, transactionsAccepted: t.accepted, transactionsRejected: 1 });
    const stored = new Map((await store.scoresOf(result.run.id)).map((r) => [r.clientId, [r.behaviourSegment, r.riskSegment, r.predictedNeeds, r.flags]]));
    expect(stored.size).toBe(300);
    for (const p of one.profiles) expect([p.clientId, stored.get(p.clientId)]).toEqual([p.clientId, [p.behaviourSegment, p.riskSegment, p.predictedNeeds, p.flags]]);
  });

  it('completes the run from its shards, with progress, the merged counts and the gathered rejects', async () => {
    const seen: number[] = [];
    const progress: Progress = { start: (_, total) => { seen.push(-(total ?? 0)); }, update: (n) => { seen.push(n); }, stop: () => undefined };
    const rejectsPath = path.join(dir, 'out', 'rejects.csv');
    const result = await runDistributedScore({ ...base, pipeline: 'p', shards: 3, rejectsPath, progress });
    expect(result.outcome).toBe('completed');
    expect(result.resumed).toBe(false);
    expect(result.run.counts).toMatchObject({ clientsRead: 300, scored: 300, transactionsRejected: 1 });
    expect(seen[0]).toBe(-3);
    expect(seen[seen.length - 1]).toBe(3);
    expect(await store.countScores(result.run.id)).toBe(300);
    expect(await store.driftOf(result.run.id)).toMatchObject({ verdict: result.run.driftVerdict, counts: { rows: 300 } });
    const rejects = (await readFile(rejectsPath, 'utf8')).trim().split('\n');
    expect(rejects).toHaveLength(2);
    expect(rejects[1]).toContain('orphan_client');
    expect((await store.auditLog({ runId: result.run.id })).map((a) => a.action)).toEqual(['run_completed', 'run_started']);
    // The shards held a full copy of the client base: gone once the run is stored.
    expect(result.runDir).toBe(path.join(dir, 'shared', result.run.id));
    expect(existsSync(result.runDir!)).toBe(false);

    const again = await runDistributedScore({ ...base, pipeline: 'p', shards: 3, rejectsPath });
    expect(again.outcome).toBe('already_completed');
    expect(again.run.id).toBe(result.run.id);
  });

  it('scores with a model trained without labels: every stored row has no risk segment and says why', async () => {
    const lines = (await readFile(base.clientsPath, 'utf8')).trimEnd().split('\n');
    const blanked = lines.slice(1).map((line) => line.split(',').map((cell, j) => (j === 5 || j === 6 ? '' : cell)).join(','));
    const clientsPath = path.join(dir, 'clients-unlabelled.csv');
    await writeFile(clientsPath, [lines[0], ...blanked].join('\n') + '\n');
    const trained = await train({
      clientsPath, transactionsPath: base.transactionsPath, asOf: base.asOf, modelDir: path.join(dir, 'unlabelled-model'), seed: 4,
      segments: { k: 3 }, rejectsPath: path.join(dir, 'unlabelled-train-rejects.csv'),
    });
    expect(trained.report.warnings.map((w) => w.code)).toContain('risk_unlabelled');
    const result = await runDistributedScore({ ...base, model: path.join(dir, 'unlabelled-model'), clientsPath, pipeline: 'unlabelled', shards: 2, rejectsPath: path.join(dir, 'unlabelled-rejects.csv') });
    expect(result.outcome).toBe('completed');
    expect(result.run.riskClasses).toStrictEqual([]);
    const scores = await store.scoresOf(result.run.id, { limit: 1000 });
    expect(scores).toHaveLength(300);
    for (const s of scores) {
      expect(s.riskSegment).toBe('');
      expect(s.riskProbabilities).toStrictEqual({});
      expect(s.flags).toContain('risk_unlabelled');
    }
    expect(await store.driftOf(result.run.id)).toMatchObject({ predictions: { risk: { categories: [] } } });
  }, 120_000);

  it('applies the reject gate to the merged counts: the run fails with reject_gate and stores nothing', async () => {
    const run = runDistributedScore({ ...base, pipeline: 'gated', shards: 2, rejectGate: 0, rejectsPath: path.join(dir, 'gated.csv') });
    await expect(run).rejects.toMatchObject({ code: 'reject_gate' });
    const [failed] = await store.listRuns({ pipeline: 'gated' });
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toMatch(/^reject_gate: transactions: /);
    expect(await store.countScores(failed!.id)).toBe(0);
    // Stored with the counts it reached, and its shards kept for the retry.
    expect(failed?.counts).toEqual({
      clientsRead: 300, clientsAccepted: 300, clientsRejected: 0,
      transactionsRead: failed!.counts.transactionsAccepted + 1, transactionsAccepted: failed!.counts.transactionsAccepted, transactionsRejected: 1, scored: 0,
    });
    expect(failed!.counts.transactionsAccepted).toBeGreaterThan(1000);
    expect(existsSync(path.join(dir, 'shared', failed!.id, 'clients-0000.csv'))).toBe(true);
  });

  it('removes the shard folder a failed attempt left once the retry is stored', async () => {
    const options = { ...base, pipeline: 'retried', shards: 2, rejectsPath: path.join(dir, 'retried.csv') };
    const { spec } = await distributedRunSpec(options);
    const begun = await ledger.beginDistributedRun(spec, new Date());
    const leftover = path.join(dir, 'shared', begun.run.id);
    await mkdir(leftover, { recursive: true });
    await writeFile(path.join(leftover, 'clients-0000.csv'), 'left by the failed attempt\n');
    await store.failRun(begun.run.id, 'shard_failed: worker lost', new Date());
    const retry = await runDistributedScore(options);
    expect(retry.run.id).toBe(begun.run.id);
    expect(retry.outcome).toBe('completed');
    expect(existsSync(leftover)).toBe(false);
  });

  it('refuses to resume a run with another shard count', async () => {
    // A run left running with shard 0 of 2 stored, as if its coordinator had died.
    const options = { ...base, pipeline: 'reshard', shards: 3, rejectsPath: path.join(dir, 'r.csv') };
    const { spec } = await distributedRunSpec(options);
    const begun = await ledger.beginDistributedRun(spec, new Date());
    await ledger.storeShard(begun.run.id, 0, 2, [], { any: 1 }, 'test', new Date());
    await expect(runDistributedScore(options)).rejects.toMatchObject({ code: 'config_invalid' });
    expect(await ledger.shardsOf(begun.run.id)).toMatchObject([{ shard: 0, shards: 2, counts: { any: 1 }, worker: 'test' }]);
    expect((await store.getRun(begun.run.id))?.status).toBe('running');
  });

  it('says clearly when Redis is not a URL or cannot be reached', async () => {
    await expect(connectRedis('127.0.0.1:6379')).rejects.toMatchObject({ code: 'config_invalid' });
    await expect(connectRedis('redis://127.0.0.1:1', 2_000)).rejects.toMatchObject({ code: 'store_failed' });
  });
});

describe('ShardLedger', () => {
  it('stores shards only for a running run, and a failed run starts over clean', async () => {
    const spec = { runKey: 'k-ledger', pipeline: 'ledger', asOf: '2026-06-30', modelName: 'sample', modelVersion: 'v1', riskClasses: ['a'] };
    const begun = await ledger.beginDistributedRun(spec, new Date());
    expect(begun.outcome).toBe('started');
    await ledger.storeShard(begun.run.id, 1, 2, [], { n: 1 }, 'w1', new Date());
    await ledger.storeShard(begun.run.id, 1, 2, [], { n: 2 }, 'w2', new Date());
    expect(await ledger.shardsOf(begun.run.id)).toMatchObject([{ shard: 1, counts: { n: 2 }, worker: 'w2' }]);
    await store.failRun(begun.run.id, 'stopped', new Date());
    await expect(ledger.storeShard(begun.run.id, 0, 2, [], {}, 'w1', new Date())).rejects.toMatchObject({ code: 'store_failed' });
    await expect(ledger.storeShard('no-such-run', 0, 2, [], {}, 'w1', new Date())).rejects.toMatchObject({ code: 'store_failed' });
    const again = await ledger.beginDistributedRun(spec, new Date());
    expect(again).toMatchObject({ outcome: 'started', run: { id: begun.run.id, attempts: 2, status: 'running' } });
    expect(await ledger.countShards(begun.run.id)).toBe(0);
  });
});

describe('mergeRejects', () => {
  it('keeps one header and every row, and skips a shard without a rejects file', async () => {
    const a = path.join(dir, 'ra.csv');
    const b = path.join(dir, 'rb.csv');
    await writeFile(a, '\uFEFFsource_file,line,reason,detail,raw\ns0,2,bad_date,x,y\n');
    await writeFile(b, '\uFEFFsource_file,line,reason,detail,raw\ns1,3,orphan_client,x,y\ns1,9,bad_amount,x,y\n');
    const target = path.join(dir, 'merged', 'rejects.csv');
    expect(await mergeRejects([a, path.join(dir, 'missing.csv'), b], target)).toBe(3);
    expect(await readFile(target, 'utf8')).toBe('\uFEFFsource_file,line,reason,detail,raw\ns0,2,bad_date,x,y\ns1,3,orphan_client,x,y\ns1,9,bad_amount,x,y\n');
  });
});
