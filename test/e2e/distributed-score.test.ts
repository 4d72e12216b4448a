import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationBetween } from '../../src/monitor/migration-matrix.js';
import { shardOfClient } from '../../src/scale/shard-of-client.js';
import { shardFiles } from '../../src/scale/shard-files.js';
import { splitCsvByClient } from '../../src/scale/split-csv-by-client.js';
import { openShardLedger, type ShardLedger } from '../../src/store/shard-ledger.js';
import { openStore } from '../../src/store/open-store.js';
import type { RunRecord, Store } from '../../src/store/store.js';
import { testSchema } from '../store/pg-schema.js';
import { ROOT, runCli } from './run-cli.js';
import { spawnCli, type SpawnedCli } from './spawn-cli.js';

// Loopback, real servers: the Redis of the queue and the PostgreSQL of the store.
const REDIS_URL = process.env.CLIENTSEG_REDIS_URL ?? 'redis://127.0.0.1:6379';
const schema = testSchema('scale');
const tag = `${process.pid}-${Date.now().toString(36)}`;
// One BullMQ key prefix per test file (and one more for the resume test), so runs never collide.
const PREFIX = `cs-test-scale-${tag}`;
const RESUME_PREFIX = `cs-test-resume-${tag}`;
// Stalled shards found within seconds instead of the production minute: a lock not renewed for
// 5 s is stalled, and workers check every second (BullMQ marks at one check, moves at the next).
const FAST_STALL = ['--lock-duration-ms', '5000', '--stalled-interval-ms', '1000'];
const MODEL = path.join(ROOT, 'models', 'sample');
const AS_OF = '2026-06-30';

let dir: string;
let clients: string;
let transactions: string;
let store: Store;
let ledger: ShardLedger;
const workers: SpawnedCli[] = [];

const startWorker = (prefix = PREFIX) => {
  const worker = spawnCli(['worker', '--redis', REDIS_URL, '--store', schema.url, '--queue-prefix', prefix, ...FAST_STALL]);
  workers.push(worker);
  return worker;
};
const single = (pipeline: string, clientsPath = clients, extra: string[] = []) => runCli([
  'score', '--store', schema.url, '--pipeline', pipeline, '--model', MODEL, '--clients', clientsPath, '--transactions', transactions,
  '--as-of', AS_OF, '--out', path.join(dir, pipeline, 'scores.csv'), '--rejects', path.join(dir, pipeline, 'rejects.csv'), ...extra,
]);
const distributedArgs = (pipeline: string, shards: number, prefix = PREFIX, extra: string[] = []) => [
  'score', '--distributed', '--redis', REDIS_URL, '--shards', String(shards), '--store', schema.url, '--queue-prefix', prefix,
  '--shared-dir', path.join(dir, 'shared'), '--pipeline', pipeline, '--model', MODEL, '--clients', clients, '--transactions', transactions,
  '--as-of', AS_OF, '--rejects', path.join(dir, pipeline, 'rejects.csv'), ...extra,
];
const withoutRun = <T extends { runId: string }>(rows: T[]) => rows.map(({ runId: _, ...rest }) => rest);
const completedRun = async (pipeline: string): Promise<RunRecord> => {
  const run = (await store.listRuns({ pipeline }))[0];
  expect(run?.status).toBe('completed');
  return run!;
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-scale-'));
  // The sample plus a row of each kind of reject: orphan, bad date, duplicate txn_id (of the same
  // client, and of a client in another of the 6 shards), malformed line.
  const other = ['C0000002', 'C0000003', 'C0000004', 'C0000005'].find((id) => shardOfClient(id, 6) !== shardOfClient('C0000001', 6))!;
  clients = path.join(dir, 'clients.csv');
  transactions = path.join(dir, 'transactions.csv');
  await copyFile(path.join(ROOT, 'data-samples', 'clients.csv'), clients);
  const tx = await readFile(path.join(ROOT, 'data-samples', 'transactions.csv'), 'utf8');
  await writeFile(transactions, tx + [
    'X1,C9999999,2026-01-02,10.00,credit,deposit,,,CNY',
    'X2,C0000005,2026-02-30,10.00,credit,deposit,,,CNY',
    'T000000001,C0000001,2026-01-02,10.00,credit,deposit,,,CNY',
    `T000000002,${other},2026-01-02,10.00,credit,deposit,,,CNY`,
    'X3,"C0000007,2026-01-02,10.00',
  ].join('\n') + '\n');
  store = await openStore(schema.url);
  ledger = await openShardLedger(schema.url);
  for (let i = 0; i < 3; i++) startWorker();
  await Promise.all(workers.map((w) => w.waitForLog(/shard worker ready/)));
});

afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.done));
  await ledger?.close();
  await store?.close();
  const redis = new Redis(REDIS_URL);
  for (const prefix of [PREFIX, RESUME_PREFIX]) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  await redis.quit();
  await schema.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('score --distributed with three workers', () => {
  it('stores, client for client, what one machine stores, with the same counts, drift counts and migration', async () => {
    // The previous run of the pipeline, on other assets, so the migration has tier moves to count.
    const before = path.join(dir, 'clients-before.csv');
    const lines = (await readFile(clients, 'utf8')).trimEnd().split('\n');
    await writeFile(before, [lines[0], ...lines.slice(1).map((l) => {
      const cells = l.split(',');
      cells[2] = (Number(cells[2]) * 1.7).toFixed(2);
      return cells.join(',');
    })].join('\n') + '\n');
    expect(single('nightly', before).status).toBe(0);
    const previous = await completedRun('nightly');

    const result = runCli(distributedArgs('nightly', 6));
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/store: run .* completed/);
    const run = await completedRun('nightly');
    expect(run.id).not.toBe(previous.id);

    const oneMachine = single('one-machine');
    expect(oneMachine.status, oneMachine.stderr).toBe(0);
    const reference = await completedRun('one-machine');

    const distributed = await store.scoresOf(run.id);
    expect(distributed).toHaveLength(2000);
    expect(withoutRun(distributed)).toStrictEqual(withoutRun(await store.scoresOf(reference.id)));
    expect(run.counts).toStrictEqual(reference.counts);
    expect(run.counts.transactionsRejected).toBe(5);
    expect((await ledger.shardsOf(run.id)).map((s) => s.shard)).toEqual([0, 1, 2, 3, 4, 5]);

    // Drift: merged from the shards' counts, the same document (counts, statistics, verdict) one machine stores.
    const drift = await store.driftOf(run.id);
    expect(drift).toEqual(await store.driftOf(reference.id));
    expect(drift).toMatchObject({ verdict: run.driftVerdict, counts: { rows: 2000 } });

    // Migration: what one machine would have stored against the same previous run.
    const migration = await store.migrationOf(run.id);
    expect(migration?.previousRunId).toBe(previous.id);
    const expected = migrationBetween(await store.migrationSubjects(previous.id), await store.migrationSubjects(reference.id));
    expect(migration?.document).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(expected.tierMoves.total).toBeGreaterThan(0);

    // Every rejected row is in the gathered rejects file. The other client's repeat of a txn_id
    // went to the shard of its first use, where it is rejected too, as an orphan there.
    const reasons = async (file: string) => (await readFile(file, 'utf8')).trim().split('\n').slice(1).map((r) => r.split(',')[2]).sort();
    expect(await reasons(path.join(dir, 'nightly', 'rejects.csv'))).toEqual(['bad_date', 'duplicate_id', 'malformed_row', 'orphan_client', 'orphan_client']);
    expect(await reasons(path.join(dir, 'one-machine', 'rejects.csv'))).toEqual(['bad_date', 'duplicate_id', 'duplicate_id', 'malformed_row', 'orphan_client']);

    // The same work again adds nothing.
    const again = runCli(distributedArgs('nightly', 6));
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('already completed');
  });

  it('retries the shard of a worker killed with kill -9 elsewhere, and stores one row per client', async () => {
    const live = workers.filter((w) => w.child.exitCode === null);
    const marks = new Map(live.map((w) => [w, w.stderr().length]));
    const coordinator = spawnCli(distributedArgs('killed', 6));
    // The first worker to be part-way into a shard of this run (reading its clients) dies.
    const victim = await Promise.race(live.map(async (w) => {
      await w.waitForLog(/"msg":"clients read"/, { since: marks.get(w) });
      return w;
    }));
    victim.child.kill('SIGKILL');
    const result = await coordinator.done;
    expect(result.status, result.stderr).toBe(0);
    expect(victim.child.signalCode).toBe('SIGKILL');

    const run = await completedRun('killed');
    expect(await store.countScores(run.id)).toBe(2000);
    const ids = (await store.scoresOf(run.id)).map((s) => s.clientId);
    expect(new Set(ids).size).toBe(2000);
    // Every shard was stored, none by the killed worker, and a survivor saw the stall.
    const stored = await ledger.shardsOf(run.id);
    expect(stored).toHaveLength(6);
    expect(stored.every((s) => !s.worker.endsWith(`:${victim.pid}`))).toBe(true);
    expect(workers.some((w) => w !== victim && /shard stalled/.test(w.stderr()))).toBe(true);
    const reference = await completedRun('one-machine');
    expect(withoutRun(await store.scoresOf(run.id))).toStrictEqual(withoutRun(await store.scoresOf(reference.id)));
    startWorker();
  });

  it('fails the run with exit 12 when a shard fails every attempt, naming the shard and its error', async () => {
    // Inputs already cut by the shard rule, with shard 1's clients file broken (no birth_date).
    const input = path.join(dir, 'partitioned');
    await mkdir(input, { recursive: true });
    const files = [0, 1, 2].map((s) => shardFiles(input, s));
    await splitCsvByClient({ source: clients, targets: files.map((f) => f.clients), mapping: undefined });
    await splitCsvByClient({ source: transactions, targets: files.map((f) => f.transactions), mapping: undefined, sameShardFor: 'txn_id' });
    const broken = (await readFile(files[1]!.clients, 'utf8')).replace('birth_date', 'born');
    await writeFile(files[1]!.clients, broken);

    const result = runCli(distributedArgs('broken', 3, PREFIX, ['--shard-input', input, '--attempts', '2', '--backoff-ms', '100']));
    expect(result.status).toBe(12);
    expect(result.stderr).toMatch(/shard 1 after 2 attempt\(s\): \[input_invalid\]/);
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    const [run] = await store.listRuns({ pipeline: 'broken' });
    expect(run?.status).toBe('failed');
    expect(run?.error).toMatch(/^shard_failed: /);
    expect(await store.countScores(run!.id)).toBe(0);
  });

  it('resumes a run whose coordinator died, without scoring its shards again', async () => {
    // No worker on this prefix yet: the coordinator enqueues, then dies.
    const first = spawnCli(distributedArgs('resumed', 4, RESUME_PREFIX));
    await first.waitForLog(/shard jobs enqueued/);
    first.child.kill('SIGKILL');
    await first.done;
    const [running] = await store.listRuns({ pipeline: 'resumed' });
    expect(running?.status).toBe('running');

    // A worker scores every shard while no coordinator runs; the run stays invisible.
    const worker = startWorker(RESUME_PREFIX);
    for (let i = 0; i < 600 && (await ledger.countShards(running!.id)) < 4; i++) await new Promise((r) => setTimeout(r, 200));
    expect(await ledger.countShards(running!.id)).toBe(4);
    const shardsBefore = await ledger.shardsOf(running!.id);
    expect(await store.countScores(running!.id)).toBe(0);

    const second = runCli(distributedArgs('resumed', 4, RESUME_PREFIX));
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain('resumed');
    const run = await completedRun('resumed');
    expect(run.id).toBe(running!.id);
    expect(run.attempts).toBe(1);
    expect(await ledger.shardsOf(run.id)).toEqual(shardsBefore);
    expect(await store.countScores(run.id)).toBe(2000);
    expect((await store.auditLog({ runId: run.id })).map((a) => a.action).sort()).toEqual(['run_completed', 'run_resumed', 'run_started']);
    worker.child.kill('SIGTERM');
    expect((await worker.done).status).toBe(0);
  });
});
