import { describe, expect, it } from 'vitest';
import { formatClient } from '../../src/cli/commands/client-command.js';
import { exitStatus } from '../../src/cli/commands/run-command.js';
import { formatRuns } from '../../src/cli/commands/runs-command.js';
import { formatUsers } from '../../src/cli/commands/users-command.js';
import { formatMigration, formatStoredRun } from '../../src/cli/print-run.js';
import type { ScorePipelineResult } from '../../src/jobs/run-score-pipeline.js';
import { migrationBetween } from '../../src/monitor/migration-matrix.js';
import type { ClientHistoryEntry, RunRecord } from '../../src/store/store.js';
import type { UserSummary } from '../../src/store/user-store.js';
import { counts, SAMPLE_VERSION, score, spec } from '../store/score-fixtures.js';

const run = (overrides: Partial<RunRecord> = {}): RunRecord => ({
  ...spec(), id: '2026-06-30-aaaaaaaaaa', status: 'completed', startedAt: '2026-07-01T02:00:00.000Z', finishedAt: '2026-07-01T02:03:00.000Z',
  durationMs: 180_000, counts: counts(3), driftVerdict: 'watch', attempts: 1, error: null,
  heartbeatAt: '2026-07-01T02:02:30.000Z', owner: { host: 'scorer-1', pid: 4242, processStartedAt: '2026-07-01T01:59:58.000Z' }, ...overrides,
});
const NOW = new Date('2026-07-01T02:20:00Z');

describe('store output for people', () => {
  it('lists runs as an aligned table with failures explained below', () => {
    const text = formatRuns([run(), run({ id: '2026-06-29-bbbbbbbbbb', status: 'failed', error: 'reject_gate: too many rejects', driftVerdict: null, durationMs: null })], NOW);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^id\s+pipeline\s+as-of\s+model\s+status\s+clients r\/a\/rej\s+transactions r\/a\/rej\s+scored\s+drift\s+started\s+seconds$/);
    expect(lines[1]).toMatch(new RegExp(`^2026-06-30-aaaaaaaaaa\\s+nightly-score\\s+2026-06-30\\s+${SAMPLE_VERSION}\\s+completed\\s+4/3/1\\s+30/30/0\\s+3\\s+watch\\s+2026-07-01 02:00:00\\s+180\\.0$`));
    expect(lines[2]).toMatch(/failed .* — .* —$/);
    expect(lines.at(-1)).toBe('2026-06-29-bbbbbbbbbb: reject_gate: too many rejects');
    expect(formatRuns([], NOW)).toBe('no runs stored yet');
  });

  it('shows a running run without progress for longer than the stall threshold as stalled, and says what to do', () => {
    // Seen from another host, so only the heartbeat can tell.
    const here = { host: 'laptop', pid: 1, processStartedAt: '2026-07-01T00:00:00.000Z' };
    const running = (heartbeatAt: string) => run({ status: 'running', finishedAt: null, durationMs: null, driftVerdict: null, counts: counts(0), heartbeatAt });
    const stalled = formatRuns([running('2026-07-01T02:09:59.000Z')], NOW, here).split('\n');
    expect(stalled[1]).toMatch(/^2026-06-30-aaaaaaaaaa\s+nightly-score\s+2026-06-30\s+\S+\s+stalled\s/);
    expect(stalled.at(-1)).toBe('2026-06-30-aaaaaaaaaa: stalled, no progress since 2026-07-01 02:09:59 UTC (pid 4242 on scorer-1): the process probably died; rerun the same command to resume it');
    // Ten minutes to the millisecond is still running.
    const alive = formatRuns([running('2026-07-01T02:10:00.000Z')], NOW, here).split('\n');
    expect(alive[1]).toMatch(/\s+running\s/);
    expect(alive).toHaveLength(2);
  });

  it('lists users with their state: a lock that has ended shows as active, a disabled user as disabled', () => {
    const user = (id: string, overrides: Partial<UserSummary> = {}): UserSummary => ({
      id, role: 'advisor', createdAt: '2026-06-01T02:00:00.000Z', failedAttempts: 0, lockedUntil: null, sessionEpoch: 0, disabledAt: null, lastSignInAt: null, ...overrides,
    });
    const now = new Date('2026-07-01T09:00:00Z');
    expect(formatUsers([
      user('A01', { lastSignInAt: '2026-07-01T08:30:00.000Z', lockedUntil: '2026-07-01T08:59:59.000Z' }),
      user('A02', { lockedUntil: '2026-07-01T09:15:00.000Z' }),
      user('A03', { disabledAt: '2026-06-20T10:00:00.000Z', lockedUntil: '2026-07-01T09:15:00.000Z' }),
      user('S01', { role: 'supervisor' }),
    ], now).split('\n')).toEqual([
      'id   role        state                               added                last sign-in',
      'A01  advisor     active                              2026-06-01 02:00:00  2026-07-01 08:30:00',
      'A02  advisor     locked until 2026-07-01 09:15:00    2026-06-01 02:00:00  —',
      'A03  advisor     disabled since 2026-06-20 10:00:00  2026-06-01 02:00:00  —',
      'S01  supervisor  active                              2026-06-01 02:00:00  —',
    ]);
    expect(formatUsers([], now)).toBe('no users yet: add one with `clientseg users add`');
  });

  it('shows a client\'s profile and one line per run', () => {
    const entry = (asOf: string, tier: string): ClientHistoryEntry => ({
      ...score('C001', { assetTier: tier }), runId: `${asOf}-x`, asOf, modelVersion: 'v1', pipeline: 'nightly', finishedAt: `${asOf}T03:00:00Z`,
    });
    const text = formatClient([entry('2026-07-01', 'hnw'), entry('2026-06-30', 'mass')]);
    expect(text).toContain('client C001 (advisor A01), run 2026-07-01-x, as of 2026-07-01, model v1');
    expect(text).toContain('risk: balanced (conservative 20%, balanced 70%, aggressive 10%); declared balanced; suitability up to R3');
    expect(text).toContain('needs: retirement, wealth_transfer (retirement 80%, wealth_transfer 60%, liquidity 30%)');
    expect(text).toMatch(/history \(newest first\):\n {2}2026-07-01 {2}2026-07-01-x {2}hnw .*\n {2}2026-06-30 {2}2026-06-30-x {2}mass/);
  });

  it('says what happened to a stored run and how clients moved', () => {
    expect(formatStoredRun(run({ attempts: 2 }), 'completed', 'sqlite:x.db')).toBe('store: run 2026-06-30-aaaaaaaaaa completed in sqlite:x.db (3 clients, drift watch, attempt 2)');
    expect(formatStoredRun(run(), 'already_completed', 'sqlite:x.db')).toBe('store: run 2026-06-30-aaaaaaaaaa was already completed in sqlite:x.db; nothing added');
    const subject = (id: string, tier: string, seg: number) => ({ clientId: id, assetTier: tier, behaviourSegment: seg, riskSegment: 'balanced' });
    const m = migrationBetween([subject('a', 'mass', 1), subject('b', 'mass', 1)], [subject('a', 'hnw', 1), subject('c', 'mass', 2)]);
    expect(formatMigration('r0', m)).toBe('migration since r0: 1 clients in both (1 new, 1 gone); stayed: behaviour 100.0%, risk 100.0%, tier 0.0% (1 tier moves at a boundary, 0 with a behaviour change)');
  });

  it('exits with the drift gate status (10) when the drift gate fails', () => {
    const result = (failed: boolean) => ({ kind: 'score', driftGate: { failOn: 'alert', verdict: failed ? 'alert' : 'ok', failed } }) as unknown as ScorePipelineResult;
    expect(exitStatus(result(true))).toBe(10);
    expect(exitStatus(result(false))).toBe(0);
  });
});
