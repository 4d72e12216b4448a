// `npm run bench -- quality [--quick]`: clientseg against a scikit-learn peer on the same files and
// the same splits, as a user runs both (whole processes). See bench/README.md.
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { timedCommand } from './timed-command.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..', '..');
const PY_DIR = path.join(REPO, 'bench', 'quality');
const CLI = path.join(REPO, 'dist', 'src', 'cli', 'main.js');
const CONTRACT_GENERATOR = path.join(REPO, 'dist', 'bench', 'contract-generate.js');
// Debian's python3 has python3-sklearn; a pyenv python3 earlier on PATH usually has not.
const PYTHON = process.env.CLIENTSEG_BENCH_PYTHON ?? '/usr/bin/python3';
const AS_OF = '2026-06-30';
const SEED = '1';
// One thread for the peer: on this shared 2-core machine OpenMP's spinning threads made gradient
// boosting up to 15× slower in wall time; clientseg's TensorFlow.js (wasm) runs on one thread too.
const PEER_ENV = { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', PYTHONWARNINGS: 'ignore' };

interface Metrics { readonly ari?: number; readonly auc: number; readonly f1: number; readonly f1_vs_truth_risk?: number }

export interface QualityRow {
  readonly dataSet: string;
  readonly n: number;
  readonly k: number;
  readonly test: number;
  readonly clientseg: Metrics & { readonly trainSeconds: number; readonly trainCpuSeconds: number | undefined; readonly scoreSeconds: number };
  readonly kmeansAri: number;
  readonly hgb: Metrics;
  readonly lr: Metrics;
  readonly mlp: Metrics;
  readonly peer: { readonly seconds: number; readonly cpuSeconds: number | undefined; readonly steps: Record<string, number> };
}

interface ClientBase {
  readonly name: string;
  readonly make: (dir: string) => Promise<void>;
}

/** Fails loudly, before anything runs, when Debian's python lacks the peer's libraries. */
export function checkPython(): void {
  // Thrown as a plain message: run.ts prints it as one line, no stack.
  const probe = spawnSync(PYTHON, ['-c', 'import sklearn, pandas, numpy'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new Error(`bench quality needs scikit-learn, pandas and numpy in ${PYTHON}: apt-get install python3-sklearn python3-pandas`
      + `${probe.error ? ` (${probe.error.message})` : ''}`);
  }
}

function ourGenerator(clients: number, seed: number, noise?: number): ClientBase {
  return {
    name: clients >= 100_000 ? `our generator, seed ${seed}, noise default` : `our generator, noise ${noise ?? 'default'}`,
    make: async (dir) => {
      await timedCommand(process.execPath, [CLI, 'generate', '--clients', String(clients), '--seed', String(seed), '--out', dir,
        ...(noise === undefined ? [] : ['--noise', String(noise)])]);
    },
  };
}

function contractGenerator(clients: number, seed: number, noise: number): ClientBase {
  return {
    name: `contract generator, noise ${noise}${seed === 1 ? '' : `, seed ${seed}`}`,
    make: async (dir) => { await timedCommand(process.execPath, [CONTRACT_GENERATOR, dir, String(clients), String(seed), String(noise)]); },
  };
}

async function distinctArchetypes(truthPath: string): Promise<number> {
  const lines = (await readFile(truthPath, 'utf8')).trim().split('\n').slice(1);
  return new Set(lines.map((line) => line.split(',')[1])).size;
}

async function evaluate(split: string, scores: string, peer: string): Promise<{ n: number; test: number; clientseg: Metrics; kmeans_ari: number; hgb: Metrics; lr: Metrics; mlp: Metrics }> {
  const { stdout } = await timedCommand(PYTHON, [path.join(PY_DIR, 'evaluate.py'), split, scores, peer], PEER_ENV);
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

async function clientBaseRow(base: ClientBase, dir: string, k?: number): Promise<QualityRow> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await base.make(dir);
  const classes = k ?? await distinctArchetypes(path.join(dir, 'truth.csv'));
  await timedCommand(PYTHON, [path.join(PY_DIR, 'split.py'), path.join(dir, 'clients.csv'), path.join(dir, 'truth.csv'), dir], PEER_ENV);
  const data = ['--clients', path.join(dir, 'clients-train.csv'), '--transactions', path.join(dir, 'transactions.csv'),
    '--as-of', AS_OF, '--rejects', path.join(dir, 'rejects.csv')];
  const trained = await timedCommand(process.execPath, [CLI, 'train', ...data, '--out', path.join(dir, 'model'), '--seed', SEED, '--k', String(classes)]);
  const scored = await timedCommand(process.execPath, [CLI, 'score', ...data, '--model', path.join(dir, 'model'), '--out', path.join(dir, 'scores.csv')]);
  const peer = await timedCommand(PYTHON, [path.join(PY_DIR, 'peer.py'), 'clients', path.join(dir, 'clients-train.csv'),
    path.join(dir, 'transactions.csv'), AS_OF, String(classes), path.join(dir, 'peer.csv')], PEER_ENV);
  const metrics = await evaluate(path.join(dir, 'split.csv'), path.join(dir, 'scores.csv'), path.join(dir, 'peer.csv'));
  return row(base.name, classes, metrics, trained, scored, peer);
}

interface TableSet { readonly name: string; readonly dir: string; readonly n: number; readonly k: number }

async function tableRows(root: string, wanted: (name: string) => boolean): Promise<QualityRow[]> {
  const { stdout } = await timedCommand(PYTHON, [path.join(PY_DIR, 'tables.py'), root], PEER_ENV);
  const rows: QualityRow[] = [];
  for (const table of (JSON.parse(stdout.trim().split('\n').pop()!) as TableSet[]).filter((t) => wanted(t.name))) {
    const model = path.join(table.dir, 'model');
    const trained = await timedCommand(process.execPath, [CLI, 'train', '--features', path.join(table.dir, 'train.csv'), '--target', 'y',
      '--id-column', 'id', '--k', String(table.k), '--out', model, '--seed', SEED]);
    const scored = await timedCommand(process.execPath, [CLI, 'score', '--features', path.join(table.dir, 'all.csv'), '--id-column', 'id',
      '--model', model, '--out', path.join(table.dir, 'scores.csv')]);
    const peer = await timedCommand(PYTHON, [path.join(PY_DIR, 'peer.py'), 'table', path.join(table.dir, 'train.csv'),
      path.join(table.dir, 'all.csv'), 'y', 'id', String(table.k), path.join(table.dir, 'peer.csv')], PEER_ENV);
    const metrics = await evaluate(path.join(table.dir, 'split.csv'), path.join(table.dir, 'scores.csv'), path.join(table.dir, 'peer.csv'));
    rows.push(row(`table: ${table.name}`, table.k, metrics, trained, scored, peer));
    console.error(`quality: ${table.name} done`);
  }
  return rows;
}

function row(dataSet: string, k: number, m: Awaited<ReturnType<typeof evaluate>>, trained: Awaited<ReturnType<typeof timedCommand>>,
  scored: Awaited<ReturnType<typeof timedCommand>>, peer: Awaited<ReturnType<typeof timedCommand>>): QualityRow {
  return {
    dataSet, n: m.n, k, test: m.test,
    clientseg: { ...m.clientseg, trainSeconds: trained.seconds, trainCpuSeconds: trained.cpuSeconds, scoreSeconds: scored.seconds },
    kmeansAri: m.kmeans_ari, hgb: m.hgb, lr: m.lr, mlp: m.mlp,
    peer: { seconds: peer.seconds, cpuSeconds: peer.cpuSeconds, steps: JSON.parse(peer.stdout.trim().split('\n').pop()!) as Record<string, number> },
  };
}

/**
 * Runs every row (the 100,000-client one unless `quick`; only those whose folder or table name
 * contains one of `rows`' words when given), prints the table, writes the JSON.
 */
export async function runQualityBench(options: { readonly quick: boolean; readonly rows?: readonly string[]; readonly jsonPath: string }): Promise<QualityRow[]> {
  const wanted = (name: string): boolean => options.rows === undefined || options.rows.some((w) => name.includes(w));
  const root = path.join(os.tmpdir(), 'clientseg-bench', 'quality');
  await rm(root, { recursive: true, force: true });
  const bases: [ClientBase, string, number | undefined][] = [
    [ourGenerator(10_000, 7, 0.05), 'ours-0.05', undefined],
    [ourGenerator(10_000, 7, 0.15), 'ours-0.15', undefined],
    [ourGenerator(10_000, 7, 0.30), 'ours-0.30', undefined],
    [contractGenerator(15_000, 1, 0.2), 'contract', undefined],
    [contractGenerator(15_000, 2, 0.2), 'contract-seed2', undefined],
  ];
  if (!options.quick) bases.push([ourGenerator(100_000, 99), 'ours-100k', 7]);
  const rows: QualityRow[] = [];
  for (const [base, folder, k] of bases.filter(([, folder]) => wanted(folder))) {
    if (folder === 'ours-100k') rows.push(...await tableRows(path.join(root, 'tables'), wanted));
    rows.push(await clientBaseRow(base, path.join(root, folder), k));
    console.error(`quality: ${base.name} done`);
  }
  if (options.quick || !wanted('ours-100k')) rows.push(...await tableRows(path.join(root, 'tables'), wanted));
  printQualityTable(rows);
  await mkdir(path.dirname(options.jsonPath), { recursive: true });
  await writeFile(options.jsonPath, `${JSON.stringify({ machine: machineLine(), rows: rows.map((r) => ({ ...r, goalMisses: goalMisses(r) })) }, null, 2)}\n`);
  console.log(`\nwritten: ${options.jsonPath}`);
  await rm(root, { recursive: true, force: true });
  return rows;
}

function machineLine(): string {
  return `${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`;
}

/** What issue 17 asks of every row: AUC ≥ gradient boosting's − 0.005, ARI ≥ the peer's k-means. */
export function goalMisses(r: QualityRow): string[] {
  const misses: string[] = [];
  if (r.clientseg.auc < r.hgb.auc - 0.005) misses.push(`AUC ${(r.clientseg.auc - r.hgb.auc).toFixed(3)}`);
  if ((r.clientseg.ari ?? 0) < r.kmeansAri) misses.push(`ARI ${((r.clientseg.ari ?? 0) - r.kmeansAri).toFixed(3)}`);
  return misses;
}

export function printQualityTable(rows: readonly QualityRow[]): void {
  const header = ['data set', 'n', 'k', 'ARI cs', 'ARI km', 'AUC cs', 'AUC hgb', 'AUC lr', 'AUC mlp', 'F1 cs', 'F1 hgb', 'train cs', 'peer', 'goal'];
  const widths = [36, 7, 3, 7, 7, 7, 7, 7, 7, 7, 7, 16, 16, 0];
  const cells = (values: readonly string[]): string => values.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join(' ').trimEnd();
  const f = (x: number): string => x.toFixed(3);
  const t = (s: number, cpu: number | undefined): string => `${s.toFixed(1)} s${cpu === undefined ? '' : ` (${cpu.toFixed(0)})`}`;
  console.log(`\nquality: clientseg (cs) against a scikit-learn peer on the same files and splits (${machineLine()})`);
  console.log('ARI: segments against the true archetype/class; AUC, F1: held-out labels (30% stratified); times: whole processes, wall (CPU s)');
  console.log(cells(header));
  for (const r of rows) {
    console.log(cells([r.dataSet, String(r.n), String(r.k), f(r.clientseg.ari ?? NaN), f(r.kmeansAri), f(r.clientseg.auc), f(r.hgb.auc), f(r.lr.auc), f(r.mlp.auc),
      f(r.clientseg.f1), f(r.hgb.f1), t(r.clientseg.trainSeconds, r.clientseg.trainCpuSeconds), t(r.peer.seconds, r.peer.cpuSeconds),
      ` ${goalMisses(r).join(', ') || 'met'}`]));
  }
  for (const r of rows.filter((x) => x.n >= 100_000)) {
    console.log(`train at ${r.n} clients: clientseg ${t(r.clientseg.trainSeconds, r.clientseg.trainCpuSeconds)} against the peer's whole script ${t(r.peer.seconds, r.peer.cpuSeconds)} (limit 120 s wall)`);
  }
  const missed = rows.filter((r) => goalMisses(r).length > 0).length;
  console.log(`goal (AUC ≥ HGB − 0.005 and ARI ≥ k-means): met on ${rows.length - missed} of ${rows.length} rows`);
}
