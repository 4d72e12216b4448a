import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_STALL_MS, thisProcess } from '../../src/store/run-state.js';
import { LATEST_SCHEMA_VERSION } from '../../src/store/schema-migrations.js';
import type { RunOwner, Store } from '../../src/store/store.js';
import { deadPid } from './dead-pid.js';
import { at, counts, SAMPLE_VERSION, score, spec } from './score-fixtures.js';

/**
 * The behaviour every store engine must have. Each engine's test file calls this with a fresh
 * store, so SQLite and PostgreSQL are held to exactly the same tests. `openAs` opens the same
 * store as if from another process (the run owner it records).
 */
export function storeContract(open: () => Promise<Store>, reopen: () => Promise<Store>, openAs: (owner: RunOwner) => Promise<Store>): void {
  let store: Store;
  beforeAll(async () => { store = await open(); });
  afterAll(async () => { await store.close(); });

  const key = (c: string) => c.repeat(64);

  describe('a run', () => {
    it('shows its scores only once it completes, all at once', async () => {
      const { run, outcome } = await store.beginRun(spec({ runKey: key('1') }), at(0));
      expect(outcome).toBe('started');
      expect(run).toMatchObject({ status: 'running', attempts: 1, id: '2026-06-30-1111111111', driftVerdict: null });
      await store.writeScores(run.id, [score('C003', { advisorId: 'A02' }), score('C001')], at(1));
      await store.writeScores(run.id, [score('C002', { assetTier: 'mass', tierCode: 'C', predictedNeeds: ['education'] })], at(2));

      expect(await store.scoresOf(run.id)).toEqual([]);
      expect(await store.countScores(run.id)).toBe(0);
      expect(await store.latestCompletedRun()).toBeUndefined();
      expect(await store.clientHistory('C001')).toEqual([]);
      expect(await store.migrationSubjects(run.id)).toEqual([]);

      const done = await store.completeRun(run.id, { counts: counts(3), durationMs: 1234.4, driftVerdict: 'watch', drift: { verdict: 'watch', features: [{ name: 'aum', psi: 0.12 }] } }, at(5));
      expect(done).toMatchObject({ status: 'completed', durationMs: 1234, driftVerdict: 'watch', finishedAt: at(5).toISOString(), counts: counts(3) });
      const scores = await store.scoresOf(run.id);
      expect(scores.map((s) => s.clientId)).toEqual(['C001', 'C002', 'C003']);
      expect(scores[0]).toEqual({ ...score('C001'), runId: run.id, asOf: '2026-06-30', modelVersion: SAMPLE_VERSION });
      expect(await store.driftOf(run.id)).toEqual({ verdict: 'watch', features: [{ name: 'aum', psi: 0.12 }] });
      expect((await store.latestCompletedRun())?.id).toBe(run.id);
    });

    it('filters and pages a run\'s scores', async () => {
      const run = (await store.latestCompletedRun())!;
      expect((await store.scoresOf(run.id, { advisorId: 'A01' })).map((s) => s.clientId)).toEqual(['C001', 'C002']);
      expect((await store.scoresOf(run.id, { advisorId: 'A02' })).map((s) => s.clientId)).toEqual(['C003']);
      expect((await store.scoresOf(run.id, { assetTier: 'mass' })).map((s) => s.clientId)).toEqual(['C002']);
      expect((await store.scoresOf(run.id, { need: 'wealth_transfer' })).map((s) => s.clientId)).toEqual(['C001', 'C003']);
      // '_' is a LIKE wildcard: "wealth_transfer" must not match "wealthXtransfer".
      expect(await store.scoresOf(run.id, { need: 'wealth%' })).toEqual([]);
      expect((await store.scoresOf(run.id, { behaviourSegment: 2, riskSegment: 'balanced', limit: 1, offset: 1 })).map((s) => s.clientId)).toEqual(['C002']);
      expect((await store.scoresOf(run.id, { offset: 2 })).map((s) => s.clientId)).toEqual(['C003']);
      expect(await store.countScores(run.id, { advisorId: 'A01', limit: 1 })).toBe(2);
      const paged: string[] = [];
      for await (const s of store.iterateScores(run.id, {}, 2)) paged.push(s.clientId);
      expect(paged).toEqual(['C001', 'C002', 'C003']);
      expect(await store.migrationSubjects(run.id)).toEqual([
        { clientId: 'C001', behaviourSegment: 2, riskSegment: 'balanced', assetTier: 'hnw' },
        { clientId: 'C002', behaviourSegment: 2, riskSegment: 'balanced', assetTier: 'mass' },
        { clientId: 'C003', behaviourSegment: 2, riskSegment: 'balanced', assetTier: 'hnw' },
      ]);
    });

    it('is not repeated: the same run key again adds nothing', async () => {
      const before = await store.listRuns();
      const again = await store.beginRun(spec({ runKey: key('1') }), at(10));
      expect(again.outcome).toBe('already_completed');
      expect(await store.listRuns()).toEqual(before);
      expect(await store.countScores(again.run.id)).toBe(3);
    });

    it('resumes an unfinished attempt from scratch: its partial rows go', async () => {
      const first = await store.beginRun(spec({ runKey: key('2'), asOf: '2026-07-31' }), at(20));
      await store.writeScores(first.run.id, [score('C001'), score('C002'), score('C009')], at(21));
      // The process died here and nothing beat for longer than the stall threshold: the next
      // attempt takes over the same run.
      const second = await store.beginRun(spec({ runKey: key('2'), asOf: '2026-07-31' }), at(35));
      expect(second).toMatchObject({ outcome: 'resumed', run: { id: first.run.id, attempts: 2, status: 'running', startedAt: at(35).toISOString() } });
      await store.writeScores(first.run.id, [score('C001', { assetTier: 'uhnw', tierCode: 'A' }), score('C002')], at(36));
      await store.completeRun(first.run.id, { counts: counts(2), durationMs: 10, migration: { previousRunId: '2026-06-30-1111111111', document: { matched: 2 } } }, at(37));
      expect((await store.scoresOf(first.run.id)).map((s) => s.clientId)).toEqual(['C001', 'C002']);
      expect(await store.migrationOf(first.run.id)).toEqual({ previousRunId: '2026-06-30-1111111111', document: { matched: 2 } });
      expect(await store.driftOf(first.run.id)).toBeUndefined();
    });

    it('keeps the last write of a client written twice', async () => {
      const { run } = await store.beginRun(spec({ runKey: key('3'), asOf: '2026-08-31' }), at(40));
      await store.writeScores(run.id, [score('C001', { suitability: 'R1' })], at(40));
      // A batch holding a client stored already and a new one: all of it is stored.
      await store.writeScores(run.id, [score('C001', { suitability: 'R4' }), score('C002', { suitability: 'R2' })], at(40));
      await store.completeRun(run.id, { counts: counts(2), durationMs: 1 }, at(41));
      expect((await store.scoresOf(run.id)).map((s) => s.suitability)).toEqual(['R4', 'R2']);
    });

    it('refuses to complete with fewer rows than it scored, and writes to a run that is not running', async () => {
      const { run } = await store.beginRun(spec({ runKey: key('4'), asOf: '2026-09-30' }), at(50));
      await store.writeScores(run.id, [score('C001')], at(50));
      await expect(store.completeRun(run.id, { counts: counts(2), durationMs: 1 }, at(51))).rejects.toMatchObject({ code: 'store_failed' });
      expect((await store.getRun(run.id))?.status).toBe('running');
      await store.failRun(run.id, 'drift gate', at(52));
      expect(await store.getRun(run.id)).toMatchObject({ status: 'failed', error: 'drift gate', finishedAt: at(52).toISOString() });
      await expect(store.writeScores(run.id, [score('C002')], at(52))).rejects.toMatchObject({ code: 'store_failed' });
      await expect(store.writeScores('no-such-run', [score('C002')], at(52))).rejects.toMatchObject({ code: 'store_failed' });
      // A failed run can be run again, and then completes.
      expect((await store.beginRun(spec({ runKey: key('4'), asOf: '2026-09-30' }), at(53))).outcome).toBe('resumed');
      await store.writeScores(run.id, [score('C001')], at(53));
      expect((await store.completeRun(run.id, { counts: counts(1), durationMs: 1 }, at(54))).attempts).toBe(2);
    });
  });

  describe('reading', () => {
    it('lists runs newest first, and the latest completed run of a pipeline', async () => {
      const runs = await store.listRuns();
      expect(runs.map((r) => r.asOf)).toEqual(['2026-09-30', '2026-08-31', '2026-07-31', '2026-06-30']);
      expect(runs.every((r) => r.status === 'completed')).toBe(true);
      expect((await store.latestCompletedRun())?.asOf).toBe('2026-09-30');
      expect((await store.latestCompletedRun({ excluding: runs[0]!.id }))?.asOf).toBe('2026-08-31');
      expect(await store.latestCompletedRun({ pipeline: 'monthly' })).toBeUndefined();
      expect(await store.listRuns({ pipeline: 'nightly-score', limit: 1 })).toEqual([runs[0]]);
      expect(await store.getRun('nope')).toBeUndefined();
    });

    it('gives one client\'s history across completed runs, newest first', async () => {
      const history = await store.clientHistory('C001');
      expect(history.map((h) => [h.asOf, h.assetTier, h.suitability])).toEqual([
        ['2026-09-30', 'hnw', 'R3'], ['2026-08-31', 'hnw', 'R4'], ['2026-07-31', 'uhnw', 'R3'], ['2026-06-30', 'hnw', 'R3'],
      ]);
      expect(history[0]).toMatchObject({ pipeline: 'nightly-score', clientId: 'C001', advisorId: 'A01' });
      expect(await store.clientHistory('C009')).toEqual([]);
    });
  });

  describe('housekeeping', () => {
    it('writes and reads the audit log, newest first', async () => {
      await store.audit({ actor: 'system', action: 'run_started', runId: 'r1', details: { pipeline: 'nightly-score' } }, at(60));
      await store.audit({ actor: 'A01', action: 'export', clientId: 'C001' }, at(61));
      const log = await store.auditLog({ limit: 2 });
      expect(log.map((e) => [e.action, e.actor, e.runId, e.clientId, e.at])).toEqual([
        ['export', 'A01', null, 'C001', at(61).toISOString()], ['run_started', 'system', 'r1', null, at(60).toISOString()],
      ]);
      expect((await store.auditLog({ runId: 'r1' }))[0]?.details).toEqual({ pipeline: 'nightly-score' });
    });

    it('prunes old runs but never the latest completed one nor a running one', async () => {
      const running = await store.beginRun(spec({ runKey: key('5'), asOf: '2026-10-31' }), at(70));
      const pruned = await store.prune('nightly-score', 0);
      expect(pruned.sort()).toEqual(['2026-06-30-1111111111', '2026-07-31-2222222222', '2026-08-31-3333333333']);
      expect((await store.listRuns()).map((r) => [r.asOf, r.status])).toEqual([['2026-10-31', 'running'], ['2026-09-30', 'completed']]);
      expect(await store.clientHistory('C002')).toHaveLength(0);
      expect(await store.countScores('2026-09-30-4444444444')).toBe(1);
      // The audit log outlives pruned runs.
      expect(await store.auditLog()).toHaveLength(2);
      await store.failRun(running.run.id, 'stopped', at(71));
    });

    it('keeps text exactly: quotes, backslashes, tabs, line breaks, \\N and Chinese', async () => {
      const odd = 'C"\\\'\n\t\r\\N客户%_1';
      const { run } = await store.beginRun(spec({ runKey: key('7'), pipeline: 'other' }), at(80));
      await store.writeScores(run.id, [score(odd, { advisorId: '张"三\\', reasons: ['a"b', 'c\\d', '\\N', 'e\tf'] })], at(80));
      await store.completeRun(run.id, { counts: counts(1), durationMs: 1 }, at(81));
      const [back] = await store.scoresOf(run.id, { advisorId: '张"三\\' });
      expect(back).toMatchObject({ clientId: odd, advisorId: '张"三\\', reasons: ['a"b', 'c\\d', '\\N', 'e\tf'] });
      expect((await store.clientHistory(odd)).map((h) => h.runId)).toEqual([run.id]);
    });

    it('migrates once and reopens at the same schema version', async () => {
      expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      const again = await reopen();
      try {
        expect(await again.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
        expect((await again.latestCompletedRun())?.asOf).toBe('2026-09-30');
      } finally {
        await again.close();
      }
    });
  });

  describe('a run\'s heartbeat', () => {
    const elsewhere: RunOwner = { host: 'scorer-2.example', pid: 4242, processStartedAt: '2026-07-01T01:00:00.000Z' };
    const leased = (c: string) => spec({ runKey: key(c), pipeline: 'lease', asOf: '2026-11-30' });
    const after = (d: Date, ms: number) => new Date(d.getTime() + ms);

    it('is set with the owning process when the run begins, moved by every batch, and left by completion and failure', async () => {
      const { run } = await store.beginRun(leased('a'), at(100));
      expect(run).toMatchObject({ heartbeatAt: at(100).toISOString(), owner: thisProcess() });
      await store.writeScores(run.id, [score('C001')], at(103));
      expect((await store.getRun(run.id))?.heartbeatAt).toBe(at(103).toISOString());
      await store.writeScores(run.id, [score('C002')], at(107));
      expect((await store.getRun(run.id))?.heartbeatAt).toBe(at(107).toISOString());
      expect(await store.completeRun(run.id, { counts: counts(2), durationMs: 1 }, at(109))).toMatchObject({ status: 'completed', heartbeatAt: at(107).toISOString() });

      const failing = (await store.beginRun(leased('b'), at(110))).run;
      await store.writeScores(failing.id, [score('C001')], at(111));
      await store.failRun(failing.id, 'reject gate', at(112));
      expect(await store.getRun(failing.id)).toMatchObject({ status: 'failed', heartbeatAt: at(111).toISOString(), finishedAt: at(112).toISOString() });
    });

    it('keeps the counts a failed run reached, and no scores', async () => {
      const { run } = await store.beginRun(leased('counted'), at(113));
      await store.writeScores(run.id, [score('C001')], at(114));
      const reached = { clientsRead: 10, clientsAccepted: 9, clientsRejected: 1, transactionsRead: 50, transactionsAccepted: 40, transactionsRejected: 10, scored: 0 };
      await store.failRun(run.id, 'reject_gate: transactions: 20.00% of rows rejected', at(115), reached);
      expect(await store.getRun(run.id)).toMatchObject({ status: 'failed', counts: reached, error: 'reject_gate: transactions: 20.00% of rows rejected' });
      expect(await store.countScores(run.id)).toBe(0);
    });

    it('refuses a second process while the run\'s own process lives and its heartbeat is fresh', async () => {
      const other = await openAs(elsewhere);
      try {
        const { run } = await store.beginRun(leased('c'), at(120));
        await store.writeScores(run.id, [score('C001')], at(125));
        // From another host, exactly the stall threshold after the last batch: still alive.
        await expect(other.beginRun(leased('c'), after(at(125), RUN_STALL_MS))).rejects.toMatchObject({
          code: 'store_failed', details: { runId: run.id, heartbeatAt: at(125).toISOString(), owner: thisProcess() },
        });
        // From this host: its process is this one, alive.
        await expect(store.beginRun(leased('c'), at(126))).rejects.toMatchObject({ code: 'store_failed' });
        expect(await store.getRun(run.id)).toMatchObject({ status: 'running', attempts: 1, heartbeatAt: at(125).toISOString(), owner: thisProcess() });
        // The refusals changed nothing: the owner goes on and completes with all its rows.
        await store.writeScores(run.id, [score('C002')], at(127));
        expect(await store.completeRun(run.id, { counts: counts(2), durationMs: 1 }, at(128))).toMatchObject({ status: 'completed', attempts: 1 });
      } finally {
        await other.close();
      }
    });

    it('resumes a run silent for longer than the stall threshold, and fences its old attempt out', async () => {
      const other = await openAs(elsewhere);
      try {
        const { run } = await store.beginRun(leased('d'), at(140));
        await store.writeScores(run.id, [score('C001'), score('C009')], at(141));
        const late = after(at(141), RUN_STALL_MS + 1000);
        expect(await other.beginRun(leased('d'), late)).toMatchObject({
          outcome: 'resumed', run: { id: run.id, attempts: 2, status: 'running', startedAt: late.toISOString(), heartbeatAt: late.toISOString(), owner: elsewhere },
        });
        // The old attempt, alive after all, can no longer write, fail or complete the run.
        await expect(store.writeScores(run.id, [score('C003')], at(160))).rejects.toMatchObject({ code: 'store_failed', details: { attempt: 1, current: 2 } });
        await store.failRun(run.id, 'gave up', at(161));
        await expect(store.completeRun(run.id, { counts: counts(0), durationMs: 1 }, at(162))).rejects.toMatchObject({ code: 'store_failed' });
        expect(await store.getRun(run.id)).toMatchObject({ status: 'running', attempts: 2, error: null, heartbeatAt: late.toISOString() });
        await other.writeScores(run.id, [score('C002')], at(163));
        expect(await other.completeRun(run.id, { counts: counts(1), durationMs: 1 }, at(164))).toMatchObject({ status: 'completed', attempts: 2 });
        expect((await other.scoresOf(run.id)).map((s) => s.clientId)).toEqual(['C002']);
      } finally {
        await other.close();
      }
    });

    it('resumes at once a run whose process on this host has ended, however fresh its heartbeat', async () => {
      for (const [c, owner] of [
        ['e', { ...thisProcess(), pid: deadPid() }],
        // This process's pid, but an earlier process with it (a restarted container's pid 1).
        ['f', { ...thisProcess(), processStartedAt: '2026-01-01T00:00:00.000Z' }],
      ] as const) {
        const killed = await openAs(owner);
        const { run } = await killed.beginRun(leased(c), at(170));
        await killed.writeScores(run.id, [score('C001')], at(171));
        await killed.close();
        const again = await store.beginRun(leased(c), at(171));
        expect(again).toMatchObject({ outcome: 'resumed', run: { id: run.id, attempts: 2, owner: thisProcess(), heartbeatAt: at(171).toISOString() } });
        // Its partial rows went: the new attempt completes with exactly its own.
        await store.writeScores(run.id, [score('C002')], at(172));
        await store.completeRun(run.id, { counts: counts(1), durationMs: 1 }, at(173));
        expect((await store.scoresOf(run.id)).map((s) => s.clientId)).toEqual(['C002']);
      }
    });

    it('lets batches of one run be written at once', async () => {
      const { run } = await store.beginRun(spec({ runKey: key('w'), pipeline: 'concurrent', asOf: '2026-11-30' }), at(200));
      const batch = (from: number) => Array.from({ length: 300 }, (_, i) => score(`W${String(from + i).padStart(4, '0')}`));
      await Promise.all([0, 300, 600].map((from, k) => store.writeScores(run.id, batch(from), at(201 + k))));
      expect(await store.completeRun(run.id, { counts: counts(900), durationMs: 1 }, at(205))).toMatchObject({ status: 'completed' });
      expect(await store.countScores(run.id)).toBe(900);
      expect((await store.scoresOf(run.id, { limit: 2 })).map((s) => s.clientId)).toEqual(['W0000', 'W0001']);
    });
  });
}
