// Child process: trains a model on a generated base; prints one JSON line.
import path from 'node:path';
import { growHeapInLargeSteps } from '../src/core/heap-growth.js';
import { parseIsoDay } from '../src/core/days.js';
import { train } from '../src/jobs/train.js';
import { peakRssMiB, startClock } from './measure-child.js';

growHeapInLargeSteps(); // as the CLI does first

const [dir, modelDir] = process.argv.slice(2);
if (!dir || !modelDir) throw new Error('usage: train-time DATA_DIR MODEL_DIR');
const clock = startClock();
const result = await train({
  clientsPath: path.join(dir, 'clients.csv'), transactionsPath: path.join(dir, 'transactions.csv'),
  asOf: parseIsoDay('2026-06-30')!, modelDir, seed: 1, rejectsPath: path.join(dir, 'bench-rejects.csv'),
});
const { seconds, cpuSeconds } = clock();
process.stdout.write(`${JSON.stringify({ clients: result.report.data.clients.accepted, k: result.report.segments.k, seconds, cpuSeconds, peakRssMiB: peakRssMiB() })}\n`);
