import { describe, expect, it } from 'vitest';
import { RUN_STALL_MS, runStateOf, stalledNote, thisProcess } from '../../src/index.js';
import type { RunOwner } from '../../src/store/store.js';
import { deadPid } from './dead-pid.js';

const NOW = new Date('2026-07-01T03:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const running = (owner: RunOwner | null, heartbeatAt = ago(1000)) => ({ status: 'running' as const, heartbeatAt, owner });

describe('a run\'s state', () => {
  const here = thisProcess();
  const elsewhere: RunOwner = { host: `not-${here.host}`, pid: deadPid(), processStartedAt: here.processStartedAt };

  it('is its status once it has finished, however old its heartbeat', () => {
    expect(runStateOf({ status: 'completed', heartbeatAt: ago(86_400_000), owner: elsewhere }, NOW)).toBe('completed');
    expect(runStateOf({ status: 'failed', heartbeatAt: ago(86_400_000), owner: null }, NOW)).toBe('failed');
  });

  it('is stalled once the heartbeat is older than the threshold, whoever owns it', () => {
    expect(runStateOf(running(elsewhere, ago(RUN_STALL_MS)), NOW)).toBe('running');
    expect(runStateOf(running(elsewhere, ago(RUN_STALL_MS + 1)), NOW)).toBe('stalled');
    expect(runStateOf(running(here, ago(RUN_STALL_MS + 1)), NOW)).toBe('stalled');
    expect(runStateOf(running(null, ago(RUN_STALL_MS + 1)), NOW)).toBe('stalled');
  });

  it('is stalled at once when its process on this host is gone, and running while it lives', () => {
    // Another host's pid says nothing here, even one that is dead on this host.
    expect(runStateOf(running(elsewhere), NOW)).toBe('running');
    expect(runStateOf(running(null), NOW)).toBe('running');
    expect(runStateOf(running({ ...here, pid: deadPid() }), NOW)).toBe('stalled');
    expect(runStateOf(running(here), NOW)).toBe('running');
    expect(runStateOf(running({ ...here, pid: process.ppid, processStartedAt: '2026-01-01T00:00:00.000Z' }), NOW)).toBe('running');
    // Our pid, started at another time: an earlier process that had the same pid.
    expect(runStateOf(running({ ...here, processStartedAt: '2026-01-01T00:00:00.000Z' }), NOW)).toBe('stalled');
  });

  it('explains a stalled run in one line', () => {
    expect(stalledNote({ heartbeatAt: '2026-07-01T02:03:04.567Z', owner: { host: 'scorer-1', pid: 4242, processStartedAt: '2026-07-01T02:00:00.000Z' } }))
      .toBe('no progress since 2026-07-01 02:03:04 UTC (pid 4242 on scorer-1): the process probably died; rerun the same command to resume it');
    expect(stalledNote({ heartbeatAt: '2026-07-01T02:03:04.567Z', owner: null })).toBe('no progress since 2026-07-01 02:03:04 UTC: the process probably died; rerun the same command to resume it');
  });
});
