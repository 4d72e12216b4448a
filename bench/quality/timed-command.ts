import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';

export interface CommandFigures {
  /** Wall seconds of the whole process, start-up included. */
  readonly seconds: number;
  /** User + system CPU seconds of the process and its threads (undefined without /usr/bin/time). */
  readonly cpuSeconds: number | undefined;
  readonly stdout: string;
}

const GNU_TIME = '/usr/bin/time';

/**
 * Runs a command as a user would and times it: wall and CPU from GNU time, since on a shared
 * machine the wall time says as much about the neighbours as about the program.
 */
export async function timedCommand(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CommandFigures> {
  const timesFile = `${process.env.TMPDIR ?? '/tmp'}/clientseg-quality-time-${process.pid}.txt`;
  const haveTime = await readFile(GNU_TIME).then(() => true, () => false);
  const argv = haveTime ? ['-f', '%e %U %S', '-o', timesFile, command, ...args] : [...args];
  const started = process.hrtime.bigint();
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(haveTime ? GNU_TIME : command, argv, { env: { ...process.env, TZ: 'UTC', ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { err = (err + chunk.toString()).slice(-20_000); });
    child.on('error', reject);
    child.on('close', (status) => resolve({ code: status, stdout: out, stderr: err }));
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}:\n${stderr.split('\n').slice(-15).join('\n')}`);
  let cpuSeconds: number | undefined;
  let seconds = wall;
  if (haveTime) {
    const [e, u, s] = (await readFile(timesFile, 'utf8')).trim().split('\n').pop()!.split(' ').map(Number);
    seconds = e ?? wall;
    cpuSeconds = (u ?? 0) + (s ?? 0);
    await rm(timesFile, { force: true });
  }
  return { seconds: round1(seconds), cpuSeconds: cpuSeconds === undefined ? undefined : round1(cpuSeconds), stdout };
}

function round1(x: number): number {
  return Number(x.toFixed(1));
}
