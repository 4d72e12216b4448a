import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdvisorStore } from '../../src/store/open-advisor-store.js';
import { A02_CLIENTS, HttpSession, openTestStore, PASSWORDS, seedStore, startApp } from './advisor-fixture.js';

// The call sheet's, the call list's and the supervisor pages' rules over HTTP, on both engines:
// access scope, CSRF, bad input, the skip rule against a moving clock, exports in both languages.
for (const engine of ['sqlite', 'postgres'] as const) {
  describe(`call sheet routes on ${engine}`, () => {
    let store: AdvisorStore;
    let drop: () => Promise<void>;
    let app: FastifyInstance;
    let base: string;
    let clock = new Date('2026-07-01T09:00:00Z');

    beforeAll(async () => {
      ({ store, drop } = await openTestStore(engine, `calls_${engine}`));
      await seedStore(store);
      ({ app, base } = await startApp(store, { now: () => clock, signInRate: { max: 1000, windowMs: 60_000 } }));
    });
    afterAll(async () => { await app?.close(); await drop?.(); });

    async function signedIn(id: keyof typeof PASSWORDS): Promise<HttpSession> {
      const session = new HttpSession(base);
      expect((await session.signIn(id, PASSWORDS[id])).status).toBe(303);
      return session;
    }
    type Calls = { advisor: string; skippedRecent: number; calls: { clientId: string; priority: number }[] };

    it('records a contact only with a token, a known outcome and a client the user may see', async () => {
      const a01 = await signedIn('A01');
      const token = await a01.formToken('/clients/C0001');
      expect((await a01.postForm('/clients/C0001/contacts', { outcome: 'reached' })).status).toBe(403);
      expect((await a01.postForm('/clients/C0001/contacts', { _csrf: token, outcome: 'bribed' })).status).toBe(400);
      expect((await a01.postForm(`/clients/${A02_CLIENTS[0]}/contacts`, { _csrf: token, outcome: 'reached' })).status).toBe(404);
      const ok = await a01.postForm('/clients/C0001/contacts', { _csrf: token, outcome: 'reached', note: 'asked about school fees' });
      expect([ok.status, ok.headers.get('location')]).toEqual([303, '/clients/C0001?saved=contact']);
      expect((await store.contacts.ofClient(A02_CLIENTS[0]!))).toEqual([]);
      expect((await store.contacts.ofClient('C0001')).map((c) => [c.actor, c.outcome, c.note])).toEqual([['A01', 'reached', 'asked about school fees']]);
    });

    it('leaves a client off the call list for 14 days after a contact, then ranks them again, lower', async () => {
      const a01 = await signedIn('A01');
      const list = async () => (await a01.get('/api/calls')).json() as Promise<Calls>;
      const now = await list();
      expect(now.advisor).toBe('A01');
      expect(now.skippedRecent).toBe(1);
      expect(now.calls.map((c) => c.clientId)).not.toContain('C0001');
      const top = now.calls[0]!;
      const token = await a01.formToken(`/clients/${top.clientId}`);
      expect((await a01.postForm(`/clients/${top.clientId}/contacts`, { _csrf: token, outcome: 'meeting_booked', from: 'calls' })).headers.get('location'))
        .toBe(`/calls?saved=${top.clientId}`);
      const after = await list();
      expect(after.skippedRecent).toBe(2);
      expect(after.calls.map((c) => c.clientId)).not.toContain(top.clientId);
      // 45 days on: back on the list at half its priority (45 / 90 days).
      clock = new Date(clock.getTime() + 45 * 86_400_000);
      const later = await list();
      expect(later.skippedRecent).toBe(0);
      expect(later.calls.find((c) => c.clientId === top.clientId)?.priority).toBeCloseTo(top.priority / 2, 3);
      // An advisor's `advisor` parameter is ignored: always their own clients.
      const forced = await (await a01.get('/api/calls?advisor=A02')).json() as Calls;
      expect(forced.advisor).toBe('A01');
    });

    it('gives a supervisor any advisor\'s list and the override-rate page; an advisor gets 404 there', async () => {
      const s01 = await signedIn('S01');
      const theirs = await (await s01.get('/api/calls?advisor=A02')).json() as Calls;
      expect(theirs.advisor).toBe('A02');
      expect(theirs.calls.every((c) => A02_CLIENTS.includes(c.clientId))).toBe(true);
      const rates = await s01.get('/supervisor/override-rates');
      expect(rates.status).toBe(200);
      expect(await rates.text()).toContain('id="rates-advisor"');
      expect((await (await signedIn('A01')).get('/supervisor/override-rates')).status).toBe(404);
    });

    it('sends a page past the end to the last page and exports in the page\'s language with the codes kept', async () => {
      const a01 = await signedIn('A01');
      const past = await a01.get('/book?size=25&page=7&sort=risk');
      expect([past.status, past.headers.get('location')]).toEqual([303, '/book?sort=risk&dir=asc&page=2&size=25']);
      for (const [lang, first] of [['zh', '客户号,理财经理,资产层级,管理资产规模 (元)'], ['en', 'Client id,Advisor,Asset tier,Assets under management (CNY)']] as const) {
        await a01.get(`/lang/${lang}?back=/book`);
        const csv = (await (await a01.get('/book/export.csv?q=C0002')).text()).replace(/^\uFEFF/, '').trim().split('\r\n');
        expect(csv[0]!.startsWith(first)).toBe(true);
        expect(csv[0]).toContain(',client_id,tier_code,asset_tier,lifecycle_stage,');
        expect(csv[1]).toContain(lang === 'zh' ? 'B · 高净值客户' : 'B · high net worth');
        expect(csv[1]).toContain(',C0002,B,hnw,family_formation,');
      }
    });
  });
}
