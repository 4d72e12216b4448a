// Child process: ingest + features with a chosen number of reader threads; prints one JSON line.
// usage: node dist/bench/ingest-parallel.js DIR AS_OF WORKERS [RANGE_MIB]
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { growHeapInLargeSteps } from '../src/core/heap-growth.js';
import { parseIsoDay } from '../src/core/days.js';
import { createFeatureBuilder } from '../src/features/create-feature-builder.js';
import { ingest } from '../src/ingest/ingest.js';
import { peakRssMiB } from './measure-child.js';

growHeapInLargeSteps(); // as the CLI does first

const [dir, asOfText, workersText, rangeMiB] = process.argv.slice(2);
if (!dir || !asOfText || !workersText) throw new Error('usage: ingest-parallel DIR AS_OF WORKERS [RANGE_MIB]');
const asOf = parseIsoDay(asOfText)!;
const started = process.hrtime.bigint();
let clientsDone = started;
let builder: ReturnType<typeof createFeatureBuilder> | undefined;
const result = await ingest({
  clientsPath: path.join(dir, 'clients.csv'),
  transactionsPath: path.join(dir, 'transactions.csv'),
  asOf,
  horizonDays: 90,
  rejectsPath: path.join(dir, 'bench-rejects.csv'),
  parallel: { workers: Number(workersText), minBytes: 0, ...(rangeMiB ? { rangeBytes: Number(rangeMiB) * (1 << 20) } : {}) },
}, (clients) => {
  clientsDone = process.hrtime.bigint();
  builder = createFeatureBuilder(clients, { asOf });
  return builder.sink;
});
const ingested = process.hrtime.bigint();
builder!.finish();
const finished = process.hrtime.bigint();
const seconds = Number(finished - started) / 1e9;
const phase = (a: bigint, b: bigint): number => Number((Number(b - a) / 1e9).toFixed(2));
const cpu = process.cpuUsage();
const bytes = (await stat(path.join(dir, 'transactions.csv'))).size;
const read = result.transactionCounts.read;
process.stdout.write(`${JSON.stringify({
  workers: Number(workersText), transactions: read, seconds: Number(seconds.toFixed(2)),
  txnPerSecond: Math.round(read / seconds), mbPerSecond: Number((bytes / 1e6 / seconds).toFixed(1)), peakRssMiB: peakRssMiB(),
  clientsSeconds: phase(started, clientsDone), transactionsSeconds: phase(clientsDone, ingested), finishSeconds: phase(ingested, finished),
  cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
})}\n`);
