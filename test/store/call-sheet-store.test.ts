import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAdvisorStore, type AdvisorStore } from '../../src/store/open-advisor-store.js';
import { at, counts, score, spec } from './score-fixtures.js';
import { enginesUnderTest } from './store-engines.js';

// Issue 13 parts 3–5 in the store, on both engines: AUM kept with scores, contacts, the book's
// mix, risk order, the advisor picker and the per-advisor override rate.
for (const e of enginesUnderTest('call_sheet')) {
  describe(`call sheet store on ${e.engine}`, () => {
    let store: AdvisorStore;
    let runId: string;
    beforeAll(async () => {
      store = await openAdvisorStore(e.url);
      const { run } = await store.results.beginRun(spec(), at(0));
      runId = run.id;
      await store.results.writeScores(runId, [
        score('C001', { aum: 440_000.5, riskSegment: 'aggressive', declaredRisk: null, tierCode: 'C', assetTier: 'mass', predictedNeeds: ['growth'] }),
        score('C002', { riskSegment: 'conservative', declaredRisk: 'aggressive', behaviourSegment: 1, behaviourSegmentName: '频繁交易型', behaviourSegmentNameEn: 'frequent trader' }),
        score('C003', { advisorId: 'A02', riskSegment: 'balanced', aum: null, predictedNeeds: [] }),
        score('C004', { advisorId: null, riskSegment: 'balanced', tierCode: 'A', assetTier: 'uhnw' }),
      ], at(1));
      await store.results.completeRun(runId, { counts: counts(4), durationMs: 1 }, at(2));
    });
    afterAll(async () => { await store?.close(); await e.drop(); });

    it('keeps each score\'s AUM (null when the run did not record it)', async () => {
      const scores = await store.results.scoresOf(runId);
      expect(scores.map((s) => [s.clientId, s.aum])).toEqual([['C001', 440_000.5], ['C002', 480_000], ['C003', null], ['C004', 480_000]]);
    });

    it('records contacts, newest first, and finds each client\'s latest', async () => {
      const first = await store.contacts.record({ actor: 'A01', clientId: 'C001', runId, outcome: 'no_answer', note: '' }, at(10));
      await store.contacts.record({ actor: 'A01', clientId: 'C001', runId, outcome: 'meeting_booked', note: 'Tuesday 10:00' }, at(20));
      await store.contacts.record({ actor: 'A02', clientId: 'C003', runId, outcome: 'declined', note: '' }, at(30));
      expect(first).toMatchObject({ actor: 'A01', clientId: 'C001', outcome: 'no_answer', at: at(10).toISOString() });
      expect((await store.contacts.ofClient('C001')).map((c) => [c.outcome, c.note])).toEqual([['meeting_booked', 'Tuesday 10:00'], ['no_answer', '']]);
      const latest = await store.contacts.latestAmong(['C001', 'C002', 'C003']);
      expect([...latest].map(([id, c]) => [id, c.outcome]).sort()).toEqual([['C001', 'meeting_booked'], ['C003', 'declined']]);
      await expect(store.contacts.record({ actor: 'A01', clientId: 'C001', runId, outcome: 'bribed' as never, note: '' }, at(40))).rejects.toThrow();
    });

    it('sorts by risk order, not the alphabet, with no questionnaire last either way', async () => {
      const byRisk = async (sort: 'risk' | 'declared', descending: boolean) => (await store.book.page(runId, { sort, descending })).map((s) => s.clientId);
      expect(await byRisk('risk', false)).toEqual(['C002', 'C003', 'C004', 'C001']);
      expect(await byRisk('risk', true)).toEqual(['C001', 'C003', 'C004', 'C002']);
      expect(await byRisk('declared', false)).toEqual(['C003', 'C004', 'C002', 'C001']);
      expect(await byRisk('declared', true)).toEqual(['C002', 'C003', 'C004', 'C001']);
    });

    it('counts the book\'s mix by tier, segment and need, within the filter and the advisor scope', async () => {
      expect(await store.book.mix(runId, { advisorId: 'A01' })).toEqual({
        tiers: [{ code: 'B', n: 1 }, { code: 'C', n: 1 }],
        segments: [{ id: 1, zh: '频繁交易型', en: 'frequent trader', n: 1 }, { id: 2, zh: '稳健持有型', en: 'steady holder', n: 1 }],
        needs: [{ need: 'education', n: 0 }, { need: 'retirement', n: 1 }, { need: 'protection', n: 0 }, { need: 'wealth_transfer', n: 1 },
          { need: 'global_allocation', n: 0 }, { need: 'liquidity', n: 0 }, { need: 'growth', n: 1 }],
      });
      const all = await store.book.mix(runId, { need: 'retirement' });
      expect(all.tiers).toEqual([{ code: 'A', n: 1 }, { code: 'B', n: 1 }]);
    });

    it('lists the run\'s advisors for the picker and the override rate per advisor', async () => {
      expect(await store.book.advisors(runId)).toEqual(['A01', 'A02']);
      // The risk filter lists classes from the most cautious up, not alphabetically.
      expect((await store.book.facets(runId)).riskSegments).toEqual(['conservative', 'balanced', 'aggressive']);
      await store.overrides.record({ actor: 'A01', clientId: 'C002', runId, kind: 'risk_segment', value: 'balanced', previous: 'conservative', segment: 1, reason: 'x' }, at(50));
      await store.overrides.record({ actor: 'A01', clientId: 'C002', runId, kind: 'dismiss_need', value: 'retirement', previous: null, segment: 1, reason: 'y' }, at(51));
      const rates = await store.overrides.ratePerAdvisor(runId);
      // Unassigned clients last, on both engines.
      expect(rates.map((r) => [r.advisorId, r.clients, r.overridden, r.riskOverrides, r.needDismissals, r.rate])).toEqual(
        [['A01', 2, 1, 1, 1, 0.5], ['A02', 1, 0, 0, 0, 0], [null, 1, 0, 0, 0, 0]]);
      expect([...(await store.overrides.dismissedAmong(['C001', 'C002']))].map(([id, needs]) => [id, [...needs]])).toEqual([['C002', ['retirement']]]);
    });
  });
}
