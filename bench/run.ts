// `npm run bench`: performance figures for this machine, printed, never asserted in unit tests.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureDistributed } from './distributed-throughput.js';
import { INGEST_PEERS_HEADER, INGEST_PEERS_TITLE, measureIngestPeers } from './ingest-peers.js';
import { measureInChild } from './measure-child.js';
import { nightlyTable, runNightlyBench } from './nightly-bench.js';
import { checkPython, runQualityBench } from './quality/quality-bench.js';

interface Scenario {
  readonly name: string;
  readonly clients: number;
  /** History months; with the generator's mix this sets transactions per client. */
  readonly months: number;
  /** Also measure the same data exported by account with code rules (bench/account-export.ts). */
  readonly accounts?: boolean;
}

// Sized so the generator's mix gives about 1M and 10M transactions (see the printed counts).
const SCENARIOS: readonly Scenario[] = [
  { name: '~1M transactions', clients: 21_000, months: 12, accounts: true },
  { name: '~10M transactions, 200k clients', clients: 200_000, months: 13 },
];
const AS_OF = '2026-06-30';
const SCALE_CLIENTS = 30_000;
const SCALE_SHARDS = 12;

const root = path.join(os.tmpdir(), 'clientseg-bench');
const only = process.argv[2];

// The whole nightly job runs only when named: at its default size it takes minutes (bench/README.md).
if (only === 'nightly') {
  const at = process.argv.indexOf('--clients');
  const clients = at > 0 ? Number(process.argv[at + 1]) : 1_000_000;
  if (!Number.isInteger(clients) || clients < 1000) {
    console.error('--clients takes a whole number of at least 1000');
    process.exit(2);
  }
  const engineAt = process.argv.indexOf('--engine');
  const engine = engineAt > 0 ? process.argv[engineAt + 1] : undefined;
  if (engine !== undefined && engine !== 'sqlite' && engine !== 'postgres') {
    console.error('--engine takes sqlite or postgres');
    process.exit(2);
  }
  const loadBefore = os.loadavg();
  const nightly = await runNightlyBench(clients, engine);
  const table = nightlyTable(clients, nightly, loadBefore);
  console.log(table);
  await mkdir(path.resolve('out', 'bench'), { recursive: true });
  await writeFile(path.resolve('out', 'bench', `nightly-${clients}.txt`), `${table}\n`);
  await writeFile(path.resolve('out', 'bench', `nightly-${clients}.json`), `${JSON.stringify(nightly.map((r) => ({ ...r, figures: r.figures && { ...r.figures, stdout: undefined } })), null, 1)}\n`);
  process.exit(nightly.every((r) => r.figures !== undefined) ? 0 : 1);
}
const rows: string[] = [];
const cliRows: string[] = [];
const peerRows: string[] = [];
for (const scenario of SCENARIOS) {
  if (only && (['models', 'store', 'web', 'scale', 'quality', 'nightly'].includes(only) || !scenario.name.includes(only))) continue;
  const dir = path.join(root, `${scenario.clients}-${scenario.months}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const generated = await measureInChild('generate-data.js', [dir, String(scenario.clients), String(scenario.months)]);
  console.log(`generated ${scenario.name}: ${generated.seconds} s, peak ${generated.peakRssMiB} MiB`);
  const figures = await measureInChild('ingest-features.js', [dir, AS_OF]);
  rows.push([
    scenario.name.padEnd(34),
    String(figures.transactions).padStart(11),
    String(figures.clients).padStart(8),
    `${figures.seconds} s`.padStart(9),
    `${figures.cpuSeconds} s`.padStart(9),
    `${figures.cpuMicrosPerRow} µs`.padStart(10),
    `${(Number(figures.txnPerSecond) / 1e6).toFixed(2)} M/s`.padStart(10),
    `${figures.peakRssMiB} MiB`.padStart(10),
  ].join(' '));
  if (scenario.accounts) {
    await measureInChild('account-export.js', [dir]);
    const byAccount = await measureInChild('ingest-features.js', [dir, AS_OF, 'accounts']);
    rows.push([
      `${scenario.name.replace('transactions', 'txn')}, accounts + code rules`.padEnd(34),
      String(byAccount.transactions).padStart(11),
      String(byAccount.clients).padStart(8),
      `${byAccount.seconds} s`.padStart(9),
      `${byAccount.cpuSeconds} s`.padStart(9),
      `${byAccount.cpuMicrosPerRow} µs`.padStart(10),
      `${(Number(byAccount.txnPerSecond) / 1e6).toFixed(2)} M/s`.padStart(10),
      `${byAccount.peakRssMiB} MiB`.padStart(10),
    ].join(' '));
  }
  const cli = await measureInChild('features-cli.js', [dir, AS_OF]);
  cliRows.push(`${scenario.name.padEnd(34)} ${`${cli.seconds} s`.padStart(9)} ${`${(Number(cli.txnPerSecond) / 1e6).toFixed(2)} M/s`.padStart(10)}`);
  peerRows.push(await measureIngestPeers(scenario.name, dir, AS_OF, cli));
  await rm(dir, { recursive: true, force: true });
}

const modelRows: string[] = [];
if (!only || only === 'models') {
  const dir = path.join(root, 'train-100k');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await measureInChild('generate-data.js', [dir, '100000', '12']);
  const trained = await measureInChild('train-time.js', [dir, path.join(dir, 'model')]);
  modelRows.push(`train, ${trained.clients} clients (k = ${trained.k}): wall ${trained.seconds} s, CPU ${trained.cpuSeconds} s, peak ${trained.peakRssMiB} MiB (target ≤ 120 s wall)`);
  // Default threads (every core), then one thread alone: its CPU per client is the figure that
  // a busy machine disturbs least.
  for (const [clients, workers] of [[100_000, undefined], [1_000_000, undefined], [100_000, 0]] as const) {
    const args = [dir, path.join(dir, 'model'), String(clients), ...(workers === undefined ? [] : [String(workers)])];
    const scored = await measureInChild('score-throughput.js', args);
    modelRows.push(`score after features to scores.csv, ${scored.clients} clients, ${scored.threads} thread(s): wall ${scored.seconds} s, ${scored.clientsPerSecond} clients/s, `
      + `CPU ${scored.cpuSeconds} s (${scored.cpuMicrosPerClient} µs/client), peak ${scored.peakRssMiB} MiB (target ≥ 100,000 clients/s)`);
  }
  await rm(dir, { recursive: true, force: true });
}

const storeRows: string[] = [];
if (!only || only === 'store') {
  // Storing a nightly run of N clients: batches in one transaction each, as score-into-store writes
  // them to each engine (storeWritePlan), then the completion.
  const clients = process.env.CLIENTSEG_BENCH_STORE_CLIENTS ?? '1000000';
  const sqliteDir = path.join(root, 'store');
  await rm(sqliteDir, { recursive: true, force: true });
  await mkdir(sqliteDir, { recursive: true });
  const pgSchema = `clientseg_bench_${process.pid}`;
  const pgBase = process.env.CLIENTSEG_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const targets = [
    { engine: 'SQLite', url: `sqlite:${path.join(sqliteDir, 'bench.db')}` },
    { engine: 'PostgreSQL', url: `${pgBase}${pgBase.includes('?') ? '&' : '?'}schema=${pgSchema}` },
  ];
  for (const target of targets) {
    try {
      const f = await measureInChild('store-throughput.js', [target.url, clients]);
      storeRows.push(`store ${f.clients} scores, ${target.engine}: ${f.seconds} s, ${f.rowsPerSecond} rows/s, ${f.cpuSeconds} s CPU in this process (SQLite's work included, PostgreSQL's server not), peak ${f.peakRssMiB} MiB`);
    } catch (err) {
      storeRows.push(`store, ${target.engine}: not measured (${(err as Error).message.split('\n')[0]})`);
    }
  }
  await rm(sqliteDir, { recursive: true, force: true });
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: pgBase });
  await client.connect().then(() => client.query(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`)).catch(() => undefined).finally(() => client.end());
}

const webRows: string[] = [];
if (!only || only === 'web') {
  // BENCH_WEB_RUN sets the run's size (default 1,000,000 clients; the advisor's book is 5,000 of them).
  const web = await measureInChild('advisor-book.js', ['5000', process.env.BENCH_WEB_RUN ?? '1000000']);
  webRows.push(`run of ${web.run} clients stored in ${web.loadSeconds} s; an advisor's book of ${web.book}`);
  webRows.push(`book page (50 rows): ${web.pageMs} ms wall, ${web.pageCpuMs} ms CPU, ~${web.pagesPerSecond} pages/s`);
  webRows.push(`filtered, sorted, page 3: ${web.filteredMs} ms wall, ${web.filteredCpuMs} ms CPU; page of 200 rows: ${web.page200Ms} ms wall, ${web.page200CpuMs} ms CPU`);
  webRows.push(`call list (whole book ranked): ${web.callsMs} ms wall, ${web.callsCpuMs} ms CPU; client page: ${web.clientMs} ms wall, ${web.clientCpuMs} ms CPU`);
  webRows.push(`CSV export of the whole book: ${web.csvMs} ms, ${web.csvBytes} bytes; peak ${web.peakRssMiB} MiB`);
}

// Distributed scoring: the same client base as shards on BullMQ, by 1, 2 and 3 worker processes.
const scaleRows: string[] = [];
if (!only || only === 'scale') {
  const dir = path.join(root, 'scale-30k');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await measureInChild('generate-data.js', [dir, String(SCALE_CLIENTS), '12']);
  const sample = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'models', 'sample');
  for (const f of await measureDistributed(dir, sample, SCALE_SHARDS)) {
    scaleRows.push(`${String(f.workers).padStart(7)} ${String(f.clients).padStart(8)} ${String(f.shards).padStart(6)} ${`${f.wallSeconds} s`.padStart(9)} ${`${f.clientsPerSecond}/s`.padStart(10)} ${`${f.workerCpuSeconds} s`.padStart(11)} ${`${f.coordinatorCpuSeconds} s`.padStart(11)}`);
  }
  await rm(dir, { recursive: true, force: true });
}

// Quality against a scikit-learn peer runs only when named: it needs Debian's python3-sklearn and
// about 15 minutes (`-- quality --quick` leaves out the 100,000-client row; `--rows contract,iris`
// runs only the rows whose folder or table name contains one of the words).
if (only === 'quality') {
  try {
    checkPython();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const rowsAt = process.argv.indexOf('--rows');
  const rows = rowsAt > 0 ? (process.argv[rowsAt + 1] ?? '').split(',').filter((w) => w !== '') : undefined;
  await runQualityBench({ quick: process.argv.includes('--quick'), rows, jsonPath: path.resolve('out', 'bench', 'quality.json') });
  process.exit(0);
}

console.log('\ningest + features, CSV to feature rows (target ≥ 1.00 M txn/s; < 1024 MiB at 10M txn / 200k clients)');
console.log(`${'scenario'.padEnd(34)} ${'txns'.padStart(11)} ${'clients'.padStart(8)} ${'wall'.padStart(9)} ${'CPU'.padStart(9)} ${'CPU/row'.padStart(10)} ${'rate'.padStart(10)} ${'peak RSS'.padStart(10)}`);
for (const row of rows) console.log(row);
if (cliRows.length) {
  console.log('\nthe same as a user runs it: `clientseg features`, whole process (start-up, ingest, features, features.csv written)');
  for (const row of cliRows) console.log(row);
}
if (peerRows.length) console.log(`\n${INGEST_PEERS_TITLE}\n${INGEST_PEERS_HEADER}\n${peerRows.join('\n')}`);
if (modelRows.length) console.log(`\nmodels\n${modelRows.join('\n')}`);
if (storeRows.length) console.log(`\nresults store\n${storeRows.join('\n')}`);
if (webRows.length) console.log(`\nadvisor app, server-side rendering (SQLite store, in-process requests)\n${webRows.join('\n')}`);
if (scaleRows.length) {
  console.log(`\nscore --distributed on this machine (${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}: shared, so compare CPU time, not only wall time); whole job: split, ingest, features, score, store`);
  console.log(`${'workers'.padStart(7)} ${'clients'.padStart(8)} ${'shards'.padStart(6)} ${'wall'.padStart(9)} ${'rate'.padStart(10)} ${'worker CPU'.padStart(11)} ${'coord. CPU'.padStart(11)}`);
  for (const row of scaleRows) console.log(row);
}
