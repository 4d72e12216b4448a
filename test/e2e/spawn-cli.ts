import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CLI, ROOT, type CliResult } from './run-cli.js';

/** A `clientseg` process running in the background, with its output so far. */
export interface SpawnedCli {
  readonly child: ChildProcess;
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process ends. */
  readonly done: Promise<CliResult>;
  /**
   * Resolves with the first stderr line matching `pattern` (JSON log lines) written after the
   * first `since` characters, or rejects after `timeoutMs`.
   */
  waitForLog(pattern: RegExp, options?: { readonly since?: number; readonly timeoutMs?: number }): Promise<string>;
}

/** Starts the built `clientseg` without waiting for it (workers, coordinators that a test kills). */
export function spawnCli(args: readonly string[], env: Record<string, string> = {}): SpawnedCli {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (npm test does) before the e2e tests`);
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, TZ: 'UTC', CLIENTSEG_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => { out += d; });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => { err += d; });
  const done = new Promise<CliResult>((resolve) => {
    child.once('close', (status) => resolve({ status, stdout: out, stderr: err }));
  });
  return {
    child,
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    done,
    async waitForLog(pattern, { since = 0, timeoutMs = 60_000 } = {}) {
      const started = Date.now();
      for (;;) {
        const line = err.slice(since).split('\n').find((l) => pattern.test(l));
        if (line !== undefined) return line;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`process ended (${child.exitCode ?? child.signalCode}) before logging ${pattern}: ${err.slice(-2000)}`);
        if (Date.now() - started > timeoutMs) throw new Error(`no log line ${pattern} within ${timeoutMs} ms: ${err.slice(-2000)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}
