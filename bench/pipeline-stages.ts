// Runs `clientseg run PIPELINE` as a user runs it (a child process) and cuts its time, CPU and
// memory into stages at the CLI's own log lines, with the stage probe preloaded.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.join(HERE, '..', 'src', 'cli', 'main.js');

/** The log line that ends each stage, and the stage's name; a repeated line extends its stage. */
const BOUNDARIES: ReadonlyMap<string, string> = new Map([
  ['run started', 'start-up, model, input fingerprints'],
  ['clients read', 'ingest clients'],
  ['transactions read', 'ingest transactions'],
  ['scores written', 'features, score, scores.csv'],
  ['drift measured', 'drift'],
  ['score batch stored', 'store scores'],
  ['run completed and stored', 'migration, completion'],
]);

export interface MemorySnapshot {
  readonly rss: number; readonly heapUsed: number; readonly heapTotal: number; readonly external: number; readonly arrayBuffers: number;
}

export interface StageFigures {
  readonly stage: string;
  readonly seconds: number;
  readonly cpuSeconds: number;
  /** Highest resident set seen while the stage ran (sampled every 20 ms), in bytes. */
  readonly peakRss: number;
  /** The process's memory when the stage ended. */
  readonly after: MemorySnapshot;
}

export interface PipelineFigures {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakRss: number;
  readonly stages: readonly StageFigures[];
  /** The transaction-id table's size as ingest logged it. */
  readonly idTableBytes: number | undefined;
  readonly stdout: string;
}

interface Probe extends MemorySnapshot { readonly at: number; readonly cpuSeconds: number; readonly maxRss: number }

/** Runs the pipeline file in a child process and returns its stages; rejects when it exits non-zero. */
export function runPipelineInStages(pipelineFile: string, extraArgs: readonly string[] = []): Promise<PipelineFigures> {
  const startedAt = performance.timeOrigin + performance.now();
  const child = spawn(process.execPath, ['--import', path.join(HERE, 'stage-probe.js'), CLI, 'run', pipelineFile, ...extraArgs], {
    env: { ...process.env, TZ: 'UTC', CLIENTSEG_LOG_LEVEL: 'debug' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stages: StageFigures[] = [];
  let stdout = '';
  let stderrTail = '';
  let idTableBytes: number | undefined;
  let pending: string | undefined; // the message whose probe comes next
  let previous = { at: startedAt, cpuSeconds: 0 };
  let peakSinceBoundary = 0;
  let peak = 0;
  const sampler = setInterval(() => {
    const rss = residentBytes(child.pid);
    peakSinceBoundary = Math.max(peakSinceBoundary, rss);
    peak = Math.max(peak, rss);
  }, 20);
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
  createInterface({ input: child.stderr }).on('line', (line) => {
    let parsed: { msg?: string; probe?: Probe; idTableBytes?: number };
    try { parsed = JSON.parse(line) as typeof parsed; } catch { stderrTail = `${stderrTail}${line}\n`.slice(-4000); return; }
    if (parsed.idTableBytes !== undefined) idTableBytes = parsed.idTableBytes;
    if (parsed.msg !== undefined) { pending = parsed.msg; return; }
    const p = parsed.probe;
    if (p === undefined) return;
    const name = pending === undefined ? 'retention, report, exit' : BOUNDARIES.get(pending);
    pending = undefined;
    if (name === undefined) return;
    const figures: StageFigures = {
      stage: name, seconds: (p.at - previous.at) / 1e3, cpuSeconds: p.cpuSeconds - previous.cpuSeconds,
      peakRss: Math.max(peakSinceBoundary, p.rss), after: p,
    };
    const last = stages[stages.length - 1];
    if (last?.stage === name) {
      stages[stages.length - 1] = { ...figures, seconds: last.seconds + figures.seconds, cpuSeconds: last.cpuSeconds + figures.cpuSeconds, peakRss: Math.max(last.peakRss, figures.peakRss) };
    } else {
      stages.push(figures);
    }
    peak = Math.max(peak, p.maxRss);
    previous = p;
    peakSinceBoundary = 0;
  });
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      clearInterval(sampler);
      if (code !== 0) { reject(new Error(`clientseg run ${pipelineFile} exited ${code}: ${stderrTail.trim()}`)); return; }
      const seconds = (previous.at - startedAt) / 1e3;
      resolve({ seconds, cpuSeconds: previous.cpuSeconds, peakRss: peak, stages, idTableBytes, stdout });
    });
  });
}

/** The child's resident set from /proc (0 once it has gone or off Linux). */
function residentBytes(pid: number | undefined): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
