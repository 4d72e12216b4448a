// `npm run bench`: performance figures for this machine, printed, never asserted in unit tests.
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { measureInChild } from './measure-child.js';

interface Scenario {
  readonly name: string;
  readonly clients: number;
  /** History months; with the generator's mix this sets transactions per client. */
  readonly months: number;
}

// Sized so the generator's mix gives about 1M and 10M transactions (see the printed counts).
const SCENARIOS: readonly Scenario[] = [
  { name: '~1M transactions', clients: 21_000, months: 12 },
  { name: '~10M transactions, 200k clients', clients: 200_000, months: 13 },
];
const AS_OF = '2026-06-30';

const root = path.join(os.tmpdir(), 'clientseg-bench');
const only = process.argv[2];
const rows: string[] = [];
for (const scenario of SCENARIOS) {
  if (only && (only === 'models' || !scenario.name.includes(only))) continue;
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
    `${(Number(figures.txnPerSecond) / 1e6).toFixed(2)} M/s`.padStart(10),
    `${figures.peakRssMiB} MiB`.padStart(10),
  ].join(' '));
  await rm(dir, { recursive: true, force: true });
}

const modelRows: string[] = [];
if (!only || only === 'models') {
  const dir = path.join(root, 'train-100k');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await measureInChild('generate-data.js', [dir, '100000', '12']);
  const trained = await measureInChild('train-time.js', [dir, path.join(dir, 'model')]);
  modelRows.push(`train, ${trained.clients} clients (k = ${trained.k}): ${trained.seconds} s, peak ${trained.peakRssMiB} MiB (target ≤ 120 s)`);
  for (const clients of [100_000, 1_000_000]) {
    const scored = await measureInChild('score-throughput.js', [dir, path.join(dir, 'model'), String(clients)]);
    modelRows.push(`score after features, ${scored.clients} clients: ${scored.seconds} s, ${scored.clientsPerSecond} clients/s, peak ${scored.peakRssMiB} MiB (target ≥ 100,000 clients/s)`);
  }
  await rm(dir, { recursive: true, force: true });
}

const webRows: string[] = [];
if (!only || only === 'web') {
  const web = await measureInChild('advisor-book.js', ['5000']);
  webRows.push(`book page (50 rows) of ${web.book} clients: ${web.pageMs} ms wall, ${web.pageCpuMs} ms CPU, ~${web.pagesPerSecond} pages/s`);
  webRows.push(`filtered, sorted, page 3: ${web.filteredMs} ms wall, ${web.filteredCpuMs} ms CPU; page of 200 rows: ${web.page200Ms} ms wall, ${web.page200CpuMs} ms CPU`);
  webRows.push(`CSV export of the whole book: ${web.csvMs} ms, ${web.csvBytes} bytes; peak ${web.peakRssMiB} MiB`);
}

console.log('\ningest + features, CSV to feature rows (target ≥ 1.00 M txn/s; < 1024 MiB at 10M txn / 200k clients)');
console.log(`${'scenario'.padEnd(34)} ${'txns'.padStart(11)} ${'clients'.padStart(8)} ${'wall'.padStart(9)} ${'rate'.padStart(10)} ${'peak RSS'.padStart(10)}`);
for (const row of rows) console.log(row);
if (modelRows.length) console.log(`\nmodels\n${modelRows.join('\n')}`);
if (webRows.length) console.log(`\nadvisor app, server-side rendering (SQLite store, in-process requests)\n${webRows.join('\n')}`);
