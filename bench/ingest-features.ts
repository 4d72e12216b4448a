// Child process: ingest + features over one generated client base; prints one JSON line.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseIsoDay } from '../src/core/days.js';
import { buildFeatures } from '../src/jobs/build-features.js';
import { peakRssMiB } from './measure-child.js';

const [dir, asOfText] = process.argv.slice(2);
if (!dir || !asOfText) throw new Error('usage: ingest-features DIR AS_OF');
const started = process.hrtime.bigint();
const { matrix, ingest } = await buildFeatures({
  clientsPath: path.join(dir, 'clients.csv'),
  transactionsPath: path.join(dir, 'transactions.csv'),
  asOf: parseIsoDay(asOfText)!,
  rejectsPath: path.join(dir, 'bench-rejects.csv'),
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const bytes = (await stat(path.join(dir, 'transactions.csv'))).size;
process.stdout.write(`${JSON.stringify({
  clients: matrix.rows,
  transactions: ingest.transactionCounts.read,
  seconds: Number(seconds.toFixed(2)),
  txnPerSecond: Math.round(ingest.transactionCounts.read / seconds),
  mbPerSecond: Number((bytes / 1e6 / seconds).toFixed(1)),
  peakRssMiB: peakRssMiB(),
})}\n`);
