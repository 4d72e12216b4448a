// Distributed scoring throughput with 1, 2 and 3 `clientseg worker` processes on this machine,
// against the real Redis and PostgreSQL (CLIENTSEG_REDIS_URL, CLIENTSEG_PG_URL). Wall time is noisy
// on a shared machine, so CPU time (user + system of the workers and the coordinator) is printed too.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import pino from 'pino';
import { parseIsoDay } from '../src/core/days.js';
import { runDistributedScore } from '../src/scale/run-distributed-score.js';
import { openShardLedger } from '../src/store/shard-ledger.js';
import { openStore } from '../src/store/open-store.js';

const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'main.js');
const REDIS_URL = process.env.CLIENTSEG_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PG_URL = process.env.CLIENTSEG_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TICKS_PER_SECOND = 100;

export interface DistributedFigures {
  readonly workers: number;
  readonly clients: number;
  readonly shards: number;
  readonly wallSeconds: number;
  readonly clientsPerSecond: number;
  /** user + system seconds of the workers (scoring) and the coordinator (split, merge, complete). */
  readonly workerCpuSeconds: number;
  readonly coordinatorCpuSeconds: number;
}

/** Scores `dir`'s clients.csv/transactions.csv with `modelDir` as `shards` shards with 1, 2, 3 workers. */
export async function measureDistributed(dir: string, modelDir: string, shards: number): Promise<DistributedFigures[]> {
  const figures: DistributedFigures[] = [];
  for (const count of [1, 2, 3]) {
    const tag = `bench-${process.pid}-${count}`;
    const schema = `cs_bench_${process.pid}_${count}`;
    const url = new URL(PG_URL);
    url.searchParams.set('schema', schema);
    const workers: ChildProcess[] = [];
    try {
      for (let i = 0; i < count; i++) workers.push(await startWorker(url.toString(), tag));
      const before = workers.map(cpuSecondsOf);
      const store = await openStore(url.toString());
      const ledger = await openShardLedger(url.toString());
      const cpu = process.cpuUsage();
      const started = process.hrtime.bigint();
      try {
        const result = await runDistributedScore({
          model: modelDir, clientsPath: path.join(dir, 'clients.csv'), transactionsPath: path.join(dir, 'transactions.csv'),
          asOf: parseIsoDay('2026-06-30')!, rejectsPath: path.join(dir, `rejects-${count}.csv`), store, ledger,
          redisUrl: REDIS_URL, prefix: tag, shards, sharedDir: path.join(dir, `shared-${count}`), pipeline: 'bench',
          log: pino({ level: 'silent' }), pollMs: 200,
        });
        const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
        const used = process.cpuUsage(cpu);
        figures.push({
          workers: count, clients: result.run.counts.scored, shards,
          wallSeconds: round(wallSeconds), clientsPerSecond: Math.round(result.run.counts.scored / wallSeconds),
          workerCpuSeconds: round(workers.map(cpuSecondsOf).reduce((sum, s, i) => sum + s - before[i]!, 0)),
          coordinatorCpuSeconds: round((used.user + used.system) / 1e6),
        });
      } finally {
        await ledger.close();
        await store.close();
      }
    } finally {
      await Promise.all(workers.map(stop));
      await dropSchema(schema);
      await dropKeys(tag);
    }
  }
  return figures;
}

async function startWorker(store: string, prefix: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, 'worker', '--redis', REDIS_URL, '--store', store, '--queue-prefix', prefix], {
    env: { ...process.env, TZ: 'UTC', CLIENTSEG_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.resume();
  await new Promise<void>((resolve, reject) => {
    let log = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      log += d;
      if (log.includes('shard worker ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready: ${log.slice(-1000)}`)));
  });
  // Warm the worker (backend start) is part of its first shard; nothing else to wait for.
  return child;
}

/** user + system CPU seconds of a live child, from /proc (Linux). */
function cpuSecondsOf(child: ChildProcess): number {
  const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try { await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`); } finally { await client.end(); }
}

async function dropKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
}

const round = (x: number): number => Number(x.toFixed(2));
