import os from 'node:os';
import type { RunOwner, RunRecord, RunStatus } from './store.js';

/**
 * How long a running run may go without a heartbeat before it counts as stalled (its process
 * taken for dead). A live run beats at every score batch, and a batch of 5,000 rows stores in
 * well under a second (about 0.3 s on SQLite, 0.9 s on a loaded PostgreSQL), so while it writes
 * it beats every second or so. Its longest silence is before the first batch, while the whole
 * base is read and scored: about 30 s for a million clients with their ~50 million transactions
 * on this machine (ingest ~2 M rows/s, scoring ~130k clients/s), a few times that under load.
 * Ten minutes is many times that and far beyond clock skew between hosts; a base of ten million
 * clients (about 5 minutes of silence on an idle machine) would need it raised. It is only the
 * fallback: on the run's own host a dead process is recognised at once, by its pid.
 */
export const RUN_STALL_MS = 10 * 60_000;

/** A run's status as people and schedulers need it: `stalled` is a `running` run whose process is gone. */
export type RunState = RunStatus | 'stalled';

/** This process, as the owner of the runs it begins. */
export function thisProcess(): RunOwner {
  return { host: os.hostname(), pid: process.pid, processStartedAt: new Date(performance.timeOrigin).toISOString() };
}

/**
 * Whether a run's owning process is known to have ended. Only its own host can tell, by its pid;
 * elsewhere the heartbeat decides. Our own pid with another start time is an earlier process
 * (a restarted container's pid 1 is the usual case). A pid reused by an unrelated process reads
 * as alive, and the heartbeat then decides.
 */
export function ownerIsGone(owner: RunOwner | null, here: RunOwner = thisProcess()): boolean {
  if (owner === null || owner.host !== here.host || !(owner.pid > 0)) return false;
  if (owner.pid === here.pid) return owner.processStartedAt !== here.processStartedAt;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (err) {
    // EPERM: the process exists under another user.
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * A run's state at `now`: its status, except that a `running` run is `stalled` when its last
 * heartbeat is older than RUN_STALL_MS or its process on this host is gone. A stalled run is what
 * beginRun resumes; a `running` one it refuses.
 *
 * @example
 * if (runStateOf(run, new Date()) === 'stalled') log.warn({ run: run.id }, stalledNote(run));
 */
export function runStateOf(run: Pick<RunRecord, 'status' | 'heartbeatAt' | 'owner'>, now: Date, here: RunOwner = thisProcess()): RunState {
  if (run.status !== 'running') return run.status;
  if (now.getTime() - Date.parse(run.heartbeatAt) > RUN_STALL_MS) return 'stalled';
  return ownerIsGone(run.owner, here) ? 'stalled' : 'running';
}

/** What to do about a stalled run, in one line. */
export function stalledNote(run: Pick<RunRecord, 'heartbeatAt' | 'owner'>): string {
  return `no progress since ${utcTime(run.heartbeatAt)}${ownerText(run.owner)}: the process probably died; rerun the same command to resume it`;
}

/** ` (pid 4242 on host-a)`, or nothing for a run stored before owners were recorded. */
export function ownerText(owner: RunOwner | null): string {
  return owner === null ? '' : ` (pid ${owner.pid} on ${owner.host})`;
}

/** `2026-07-01 02:03:04 UTC`. */
export function utcTime(iso: string): string {
  return `${iso.slice(0, 19).replace('T', ' ')} UTC`;
}
