import { spawnSync } from 'node:child_process';

/** The pid of a process that has already ended (and been reaped): a run owner known to be dead. */
export function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (child.pid === undefined || child.status !== 0) throw new Error('could not start a short-lived node process');
  return child.pid;
}
