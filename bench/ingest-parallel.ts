// Child process: ingest + features with a chosen number of reader threads; prints one JSON line.
// usage: node dist/bench/ingest-parallel.js DIR AS_OF WORKERS [RANGE_MIB]
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseIsoDay } from '../src/core/days.js';
import { createFeatureBuilder } from '../src/features/create-feature-builder.js';
import { ingest } from '../src/ingest/ingest.js';
import { peakRssMiB } from './measure-child.js';

const [dir, asOfText, workersText, rangeMiB] = process.argv.slice(2);
if (!dir || !asOfText || !workersText) throw new Error('usage: ingest-parallel DIR AS_OF WORKERS [RANGE_MIB]');
const asOf = parseIsoDay(asOfText)!;
const started = process.hrtime.bigint();
let builder: ReturnType<typeof createFeatureBuilder> | undefined;
const result = await ingest({
  clientsPath: path.join(dir, 'clients.csv'),
  transactionsPath: path.join(dir, 'transactions.csv'),
  asOf,
  horizonDays: 90,
  rejectsPath: path.join(dir, 'bench-rejects.csv'),
  parallel: { workers: Number(workersText), ...(rangeMiB ? { rangeBytes: Number(rangeMiB) * (1 << 20) } : {}) },
}, (clients) => {
  builder = createFeatureBuilder(clients, { asOf });
  return builder.sink;
});
builder!.finish();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const bytes = (await stat(path.join(dir, 'transactions.csv'))).size;
const read = result.transactionCounts.read;
process.stdout.write(`${JSON.stringify({
  workers: Number(workersText), transactions: read, seconds: Number(seconds.toFixed(2)),
  txnPerSecond: Math.round(read / seconds), mbPerSecond: Number((bytes / 1e6 / seconds).toFixed(1)), peakRssMiB: peakRssMiB(),
})}\n`);
