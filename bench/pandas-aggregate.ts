// Child process: runs bench/pandas-aggregate.py with the first python3 that has pandas
// (CLIENTSEG_BENCH_PYTHON, then python3 on PATH, then /usr/bin/python3); prints its JSON line,
// or {"skipped": why} when there is none: pandas is a peer figure, not a requirement.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [dir, asOf] = process.argv.slice(2);
if (!dir || !asOf) throw new Error('usage: pandas-aggregate DIR AS_OF');
// dist/bench/ at run time; the .py stays in bench/.
const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'pandas-aggregate.py');
const candidates = [process.env.CLIENTSEG_BENCH_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => p !== undefined && p !== '');
const python = candidates.find((p) => spawnSync(p, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0);
if (python === undefined) {
  process.stdout.write(`${JSON.stringify({ skipped: `no python3 with pandas (tried ${candidates.join(', ')}; CLIENTSEG_BENCH_PYTHON names one)` })}\n`);
} else {
  const run = spawnSync(python, [script, path.join(dir, 'transactions.csv'), asOf], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`pandas-aggregate.py exited ${run.status}: ${run.stderr}`);
  process.stdout.write(`${run.stdout.trim().split('\n').pop()}\n`);
}
