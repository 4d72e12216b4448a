// `npm run bench -- nightly [--clients N]`: the whole nightly pipeline (`clientseg run` of a
// nightly score pipeline) into SQLite and into PostgreSQL, stage by stage (bench/pipeline-stages.ts).
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureInChild } from './measure-child.js';
import { runPipelineInStages, type PipelineFigures } from './pipeline-stages.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** History months: with the generator's mix about 48 transactions a client. */
const MONTHS = 12;
const MiB = 1024 * 1024;

export interface NightlyRow {
  readonly engine: string;
  readonly night: 'previous' | 'tonight';
  readonly figures?: PipelineFigures;
  readonly error?: string;
}

/** The generated client base of N clients, made once and kept under out/bench/ (generation is not measured). */
async function clientBase(clients: number): Promise<string> {
  const dir = path.join(ROOT, 'out', 'bench', `nightly-${clients}`);
  if (existsSync(path.join(dir, 'transactions.csv'))) return dir;
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  const generated = await measureInChild('generate-data.js', [partial, String(clients), String(MONTHS)]);
  console.log(`generated ${clients} clients in ${generated.seconds} s (kept in ${path.relative(ROOT, dir)})`);
  await rename(partial, dir);
  return dir;
}

/** Two nights of the same pipeline into one store: the second has a previous run to migrate against. */
export async function runNightlyBench(clients: number, only?: 'sqlite' | 'postgres'): Promise<NightlyRow[]> {
  const data = await clientBase(clients);
  const work = path.join(ROOT, 'out', 'bench', 'nightly-run');
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const pgBase = process.env.CLIENTSEG_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const pgSchema = `clientseg_nightly_${process.pid}`;
  const engines = [
    { key: 'sqlite', engine: 'SQLite', url: `sqlite:${path.join(work, 'sqlite', 'clientseg.db')}` },
    { key: 'postgres', engine: 'PostgreSQL', url: `${pgBase}${pgBase.includes('?') ? '&' : '?'}schema=${pgSchema}` },
  ].filter((e) => only === undefined || e.key === only);
  const rows: NightlyRow[] = [];
  try {
    for (const { engine, url } of engines) {
      for (const [night, asOf] of [['previous', '2026-06-29'], ['tonight', '2026-06-30']] as const) {
        const file = path.join(work, `${engine}-${night}.json`);
        await writeFile(file, JSON.stringify({
          name: 'nightly-score', kind: 'score',
          inputs: { clients: { path: path.join(data, 'clients.csv') }, transactions: { path: path.join(data, 'transactions.csv') }, rejectGate: 0.05 },
          model: { name: path.join(ROOT, 'models', 'sample'), alias: 'champion' }, asOf,
          store: { url }, output: path.join(work, engine, night), driftGate: { failOn: 'never' }, retention: { keepRuns: 30 },
        }));
        try {
          rows.push({ engine, night, figures: await runPipelineInStages(file) });
        } catch (err) {
          rows.push({ engine, night, error: (err as Error).message.split('\n').slice(0, 3).join(' ') });
          break;
        }
      }
    }
  } finally {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: pgBase });
    await client.connect().then(() => client.query(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`)).catch(() => undefined).finally(() => client.end());
  }
  return rows;
}

const mib = (bytes: number) => `${Math.round(bytes / MiB)}`;

/** The table printed (and put in the README): tonight's stages per engine, the previous night's totals. */
export function nightlyTable(clients: number, rows: readonly NightlyRow[], loadBefore: readonly number[]): string {
  const load = (l: readonly number[]) => l.map((x) => x.toFixed(1)).join(' ');
  const lines = [`nightly pipeline, ${clients} clients (\`clientseg run\`, a child process; ${os.cpus().length} cores, load average before ${load(loadBefore)}, after ${load(os.loadavg())})`];
  const header = `${'stage'.padEnd(36)} ${'wall s'.padStart(7)} ${'CPU s'.padStart(7)} ${'peak RSS'.padStart(9)} │ after: ${'RSS'.padStart(5)} ${'heap'.padStart(5)} ${'used'.padStart(5)} ${'extern'.padStart(6)} ${'(bufs)'.padStart(6)} ${'other'.padStart(6)}  MiB`;
  for (const row of rows) {
    if (row.figures === undefined) { lines.push(`\n${row.engine}, ${row.night}: failed (${row.error})`); continue; }
    const f = row.figures;
    const total = `${row.engine}, ${row.night === 'tonight' ? 'tonight' : 'previous night'}: whole job ${f.seconds.toFixed(1)} s wall, ${f.cpuSeconds.toFixed(1)} s CPU, peak ${mib(f.peakRss)} MiB`
      + (f.idTableBytes === undefined ? '' : `; transaction-id table ${mib(f.idTableBytes)} MiB`);
    if (row.night === 'previous') { lines.push(`\n${total} (no previous run to migrate against)`); continue; }
    lines.push(`\n${total}`, header);
    for (const s of f.stages) {
      const a = s.after;
      lines.push(`${s.stage.padEnd(36)} ${s.seconds.toFixed(2).padStart(7)} ${s.cpuSeconds.toFixed(2).padStart(7)} ${mib(s.peakRss).padStart(9)} │        ${mib(a.rss).padStart(5)} ${mib(a.heapTotal).padStart(5)} ${mib(a.heapUsed).padStart(5)} ${mib(a.external).padStart(6)} ${`(${mib(a.arrayBuffers)})`.padStart(6)} ${mib(a.rss - a.heapTotal - a.external).padStart(6)}`);
    }
  }
  lines.push('\nheap: V8 heap of the main thread (used: live and not yet collected); extern: memory V8 tracks outside its heap, (bufs) of it typed arrays and Buffers;'
    + '\nother: the rest of the resident set (worker threads\' heaps, code, allocator slack, memory freed but not returned to the system).');
  return lines.join('\n');
}
