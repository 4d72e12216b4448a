import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distributedScoreAction } from '../../../src/cli/commands/distributed-score-command.js';
import type { ActionTools } from '../../../src/cli/run-action.js';
import { noProgress } from '../../../src/core/progress.js';
import { startShardWorker, type ShardWorker } from '../../../src/scale/start-shard-worker.js';
import { openShardLedger, type ShardLedger } from '../../../src/store/shard-ledger.js';
import { openStore } from '../../../src/store/open-store.js';
import { parseIsoDay } from '../../../src/core/days.js';
import { score } from '../../../src/jobs/score.js';
import { storedRunReportInput } from '../../../src/jobs/stored-run-report.js';

const REDIS_URL = process.env.CLIENTSEG_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `cs-test-cmd-${process.pid}-${Date.now().toString(36)}`;
const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const log = pino({ level: 'silent' });

let dir: string;
let store: string;
let ledger: ShardLedger;
let worker: ShardWorker;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-cmd-'));
  const clients = (await readFile(path.join(ROOT, 'data-samples', 'clients.csv'), 'utf8')).split('\n').slice(0, 201);
  const ids = new Set(clients.slice(1).map((l) => l.split(',')[0]));
  const tx = (await readFile(path.join(ROOT, 'data-samples', 'transactions.csv'), 'utf8')).trimEnd().split('\n');
  await writeFile(path.join(dir, 'clients.csv'), clients.join('\n') + '\n');
  await writeFile(path.join(dir, 'transactions.csv'), [tx[0], ...tx.slice(1).filter((l) => ids.has(l.split(',')[1]))].join('\n') + '\n');
  store = `sqlite:${path.join(dir, 'store.db')}`;
  ledger = await openShardLedger(store);
  worker = await startShardWorker({ redisUrl: REDIS_URL, prefix: PREFIX, ledger, log });
});

afterAll(async () => {
  await worker?.close();
  await ledger?.close();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${PREFIX}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await rm(dir, { recursive: true, force: true });
});

const tools = (lines: string[]): ActionTools => ({ log, progress: noProgress, print: (text) => { lines.push(text); } });
const args = (extra: Record<string, unknown> = {}) => ({
  distributed: true, model: path.join(ROOT, 'models', 'sample'), clients: path.join(dir, 'clients.csv'), transactions: path.join(dir, 'transactions.csv'),
  asOf: '2026-06-30', store, redis: REDIS_URL, shards: '2', sharedDir: path.join(dir, 'shared'), queuePrefix: PREFIX,
  rejects: path.join(dir, 'rejects.csv'), idColumn: 'client_id', pipeline: 'cmd', ...extra,
});

describe('score --distributed (the command action)', () => {
  it('runs the distributed score and prints the stored run and its row counts', async () => {
    const lines: string[] = [];
    await distributedScoreAction(args(), tools(lines));
    expect(lines[0]).toMatch(/^store: run \S+ completed in .* \(200 clients, drift \w+\)$/);
    expect(lines[1]).toMatch(/^clients read 200, accepted 200, rejected 0; transactions read \d+/);
    const again: string[] = [];
    await distributedScoreAction(args(), tools(again));
    expect(again[0]).toMatch(/already completed/);
  });

  it('writes the report a single machine writes: the same summary and drift, read back from the stored run', async () => {
    const lines: string[] = [];
    const report = path.join(dir, 'report.html');
    await distributedScoreAction(args({ pipeline: 'with-report', report }), tools(lines));
    expect(lines).toContain(`report: ${report}`);
    const html = await readFile(report, 'utf8');
    expect(html).toContain('<svg');
    const single = await score({
      model: path.join(ROOT, 'models', 'sample'), clientsPath: path.join(dir, 'clients.csv'), transactionsPath: path.join(dir, 'transactions.csv'),
      asOf: parseIsoDay('2026-06-30')!, outPath: path.join(dir, 'single', 'scores.csv'), rejectsPath: path.join(dir, 'single', 'rejects.csv'),
    });
    const opened = await openStore(store);
    try {
      const [run] = await opened.listRuns({ pipeline: 'with-report' });
      const input = await storedRunReportInput(opened, run!.id);
      expect(input.summary).toEqual(single.summary);
      expect(input.monitoring?.drift).toMatchObject({ verdict: single.monitoring!.drift.verdict, features: single.monitoring!.drift.features });
    } finally {
      await opened.close();
    }
  });

  it('refuses flags a distributed run does not take, and missing inputs, as usage errors', async () => {
    await expect(distributedScoreAction(args({ out: 'scores.csv' }), tools([]))).rejects.toMatchObject({ code: 'config_invalid', message: expect.stringContaining('--out') });
    await expect(distributedScoreAction(args({ store: undefined }), tools([]))).rejects.toMatchObject({ code: 'config_invalid', message: expect.stringContaining('needs --store') });
    await expect(distributedScoreAction(args({ clients: undefined }), tools([]))).rejects.toMatchObject({ code: 'config_invalid', message: expect.stringContaining('--shard-input') });
    await expect(distributedScoreAction(args({ queuePrefix: 'a:b' }), tools([]))).rejects.toMatchObject({ code: 'config_invalid' });
  });
});
