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
