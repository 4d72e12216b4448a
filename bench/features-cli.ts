// Child process: the whole `clientseg features` command as a user runs it (node start-up, imports,
// ingest, features, features.csv written); prints one JSON line. The in-process figure beside it
// leaves out start-up and the file.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { childrenCpuSeconds } from './children-cpu.js';
import { round2 } from './measure-child.js';

const [dir, asOf] = process.argv.slice(2);
if (!dir || !asOf) throw new Error('usage: features-cli DIR AS_OF');
const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'main.js');
const start = process.hrtime.bigint();
const cpuBefore = childrenCpuSeconds();
const run = spawnSync(process.execPath, [
  cli, 'features', '--clients', path.join(dir, 'clients.csv'), '--transactions', path.join(dir, 'transactions.csv'),
  '--as-of', asOf, '--out', path.join(dir, 'bench-features.csv'), '--rejects', path.join(dir, 'bench-rejects.csv'),
], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' }, maxBuffer: 1 << 24 });
const seconds = round2(Number(process.hrtime.bigint() - start) / 1e9);
const cpuAfter = childrenCpuSeconds();
const cpuSeconds = cpuBefore === undefined || cpuAfter === undefined ? undefined : round2(cpuAfter - cpuBefore);
if (run.status !== 0) throw new Error(`clientseg features exited ${run.status}: ${run.stderr}`);
const read = Number(/transactions\s+read (\d+)/.exec(run.stdout)?.[1]);
process.stdout.write(`${JSON.stringify({ transactions: read, seconds, cpuSeconds, txnPerSecond: Math.round(read / seconds) })}\n`);
