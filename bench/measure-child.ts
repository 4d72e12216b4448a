import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export interface ChildFigures {
  readonly [key: string]: number | string;
}

/**
 * Runs one measurement in a fresh process, so peak RSS belongs to that measurement alone.
 * The child prints one JSON line of figures on stdout.
 */
export function measureInChild(script: string, args: readonly string[]): Promise<ChildFigures> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(HERE, script), ...args], { maxBuffer: 1 << 24, env: { ...process.env, TZ: 'UTC' } },
      (err, stdout, stderr) => {
        if (err) { reject(new Error(`${script} failed: ${stderr || err.message}`)); return; }
        const last = stdout.trim().split('\n').pop() ?? '{}';
        resolve(JSON.parse(last) as ChildFigures);
      });
  });
}

/** Peak resident set of this process so far, in MiB. */
export function peakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/**
 * Wall and CPU time (user + system, every thread of the process) since `start()`. On a shared
 * machine wall time depends on the other load; CPU time per row much less so.
 */
export function startClock(): () => { seconds: number; cpuSeconds: number } {
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  return () => {
    const now = process.cpuUsage(cpu);
    return { seconds: round2(Number(process.hrtime.bigint() - wall) / 1e9), cpuSeconds: round2((now.user + now.system) / 1e6) };
  };
}

export function round2(x: number): number {
  return Number(x.toFixed(2));
}
