// Child process: ingest + features over one generated client base; prints one JSON line.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { growHeapInLargeSteps } from '../src/core/heap-growth.js';
import { parseIsoDay } from '../src/core/days.js';
import { loadMapping } from '../src/ingest/load-mapping.js';
import { buildFeatures } from '../src/jobs/build-features.js';
import { peakRssMiB, round2, startClock } from './measure-child.js';

growHeapInLargeSteps(); // as the CLI does first

const [dir, asOfText, mode] = process.argv.slice(2);
if (!dir || !asOfText) throw new Error('usage: ingest-features DIR AS_OF [accounts]');
// "accounts": the account-keyed export of account-export.js, read through accounts and code rules.
const accounts = mode === 'accounts';
const transactionsPath = path.join(dir, accounts ? 'transactions-by-account.csv' : 'transactions.csv');
const mapping = accounts ? await loadMapping(path.join(dir, 'account-mapping.json')) : undefined;
const clock = startClock();
const { matrix, ingest } = await buildFeatures({
  clientsPath: path.join(dir, 'clients.csv'),
  transactionsPath,
  ...(accounts ? { accountsPath: path.join(dir, 'accounts.csv'), mapping } : {}),
  asOf: parseIsoDay(asOfText)!,
  rejectsPath: path.join(dir, 'bench-rejects.csv'),
});
const { seconds, cpuSeconds } = clock();
if (ingest.transactionCounts.rejected > 0 && accounts) throw new Error(`the account export lost rows: ${JSON.stringify(ingest.transactionCounts.byReason)}`);
const bytes = (await stat(transactionsPath)).size;
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
