// Child process: ingest + features over one generated client base; prints one JSON line.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { growHeapInLargeSteps } from '../src/core/heap-growth.js';
import { parseIsoDay } from '../src/core/days.js';
import { buildFeatures } from '../src/jobs/build-features.js';
import { peakRssMiB, round2, startClock } from './measure-child.js';

growHeapInLargeSteps(); // as the CLI does first

const [dir, asOfText] = process.argv.slice(2);
if (!dir || !asOfText) throw new Error('usage: ingest-features DIR AS_OF');
const clock = startClock();
const { matrix, ingest } = await buildFeatures({
  clientsPath: path.join(dir, 'clients.csv'),
  transactionsPath: path.join(dir, 'transactions.csv'),
  asOf: parseIsoDay(asOfText)!,
  rejectsPath: path.join(dir, 'bench-rejects.csv'),
});
const { seconds, cpuSeconds } = clock();
const bytes = (await stat(path.join(dir, 'transactions.csv'))).size;
const read = ingest.transactionCounts.read;
process.stdout.write(`${JSON.stringify({
  clients: matrix.rows,
  transactions: read,
  seconds,
  cpuSeconds,
  cpuMicrosPerRow: round2((cpuSeconds * 1e6) / read),
  txnPerSecond: Math.round(read / seconds),
  mbPerSecond: Number((bytes / 1e6 / seconds).toFixed(1)),
  peakRssMiB: peakRssMiB(),
})}\n`);
