import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { AdvisorStore } from '../../src/store/open-advisor-store.js';
import { HttpSession, openTestStore, PASSWORDS, seedStore, startApp } from './advisor-fixture.js';

interface BookClient { clientId: string; predictedNeeds: string[]; dismissedNeeds: string[]; flags: string[]; riskOverride: string | null }

/**
 * Overrides as issue 13 asks: no-op overrides refused, a dismissed need gone from the ranking,
 * the book and the need filter (still shown as dismissed on the client page), flags recomputed,
 * times in the configured zone with the zone named, and a confirmation after saving.
 */
describe.each(['sqlite', 'postgres'] as const)('overrides on %s', (engine) => {
  let store: AdvisorStore;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let base: string;
  const clock = new Date('2026-07-01T09:00:00Z');

  beforeAll(async () => {
    ({ store, drop } = await openTestStore(engine, `overrides_${engine}`));
    await seedStore(store);
    ({ app, base } = await startApp(store, { now: () => clock, signInRate: { max: 1000, windowMs: 60_000 } }));
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  async function signedIn(id: keyof typeof PASSWORDS): Promise<HttpSession> {
    const session = new HttpSession(base);
    expect((await session.signIn(id, PASSWORDS[id])).status).toBe(303);
    return session;
  }
  const apiToken = async (s: HttpSession) => ((await (await s.get('/api/csrf-token')).json()) as { token: string }).token;
  const total = async (s: HttpSession, query: string) => ((await (await s.get(`/api/book?${query}`)).json()) as { total: number }).total;
  const bookRow = async (s: HttpSession, id: string) => ((await (await s.get(`/api/book?q=${id}`)).json()) as { clients: BookClient[] }).clients.find((c) => c.clientId === id)!;

  it('refuses an override that changes nothing, on the page and in the API, and offers no such choice', async () => {
    const a01 = await signedIn('A01');
    const client = 'C0005'; // predicted balanced
    const page = await (await a01.get(`/clients/${client}`)).text();
    const select = /<select name="value" id="override-risk-value" required>(.*?)<\/select>/s.exec(page)![1]!;
    expect(select).toMatch(/^<option value="" selected disabled>/);
    expect(select).not.toContain('value="balanced"');
    const token = await a01.formToken(`/clients/${client}`);
    const same = await a01.postForm(`/clients/${client}/overrides`, { _csrf: token, kind: 'risk_segment', value: 'balanced', reason: 'by accident' });
    expect(same.status).toBe(400);
    expect(await same.text()).toContain('id="override-error"');
    const empty = await a01.postForm(`/clients/${client}/overrides`, { _csrf: token, kind: 'risk_segment', value: '', reason: 'left the default' });
    expect(empty.status).toBe(400);
    const api = await a01.postJson(`/api/clients/${client}/overrides`, { kind: 'risk_segment', value: 'balanced', reason: 'x' }, { 'x-csrf-token': await apiToken(a01) });
    expect([api.status, await api.json()]).toEqual([400, { error: 'no_change' }]);
    expect(await store.overrides.ofClient(client)).toEqual([]);
    // After an override to aggressive, aggressive is the no-op and going back to balanced is a change.
    const token2 = await apiToken(a01);
    expect((await a01.postJson(`/api/clients/${client}/overrides`, { kind: 'risk_segment', value: 'aggressive', reason: 'trades options' }, { 'x-csrf-token': token2 })).status).toBe(201);
    expect((await a01.postJson(`/api/clients/${client}/overrides`, { kind: 'risk_segment', value: 'aggressive', reason: 'again' }, { 'x-csrf-token': token2 })).status).toBe(400);
    expect((await a01.postJson(`/api/clients/${client}/overrides`, { kind: 'risk_segment', value: 'balanced', reason: 'stopped' }, { 'x-csrf-token': token2 })).status).toBe(201);
    expect((await store.overrides.ofClient(client)).map((o) => o.value)).toEqual(['balanced', 'aggressive']);
  });

  it('takes a dismissed need out of the ranking, the book, its export and the need filter, and shows it as dismissed', async () => {
    const a01 = await signedIn('A01');
    const client = 'C0002'; // predicted education, protection
    expect(await total(a01, 'need=education')).toBe(8);
    const token = await a01.formToken(`/clients/${client}`);
    const saved = await a01.postForm(`/clients/${client}/overrides`, { _csrf: token, kind: 'dismiss_need', value: 'education', reason: 'children already grown up' });
    expect([saved.status, saved.headers.get('location')]).toEqual([303, `/clients/${client}?saved=1`]);
    expect(await total(a01, 'need=education')).toBe(7);
    expect(await total(a01, 'need=protection')).toBe(8);
    expect(await bookRow(a01, client)).toMatchObject({ predictedNeeds: ['protection'], dismissedNeeds: ['education'] });
    const csv = (await (await a01.get(`/book/export.csv?q=${client}`)).text()).split('\r\n');
    expect(csv[1]).toContain(',protection,');
    expect(csv[1]).not.toContain('education');
    const book = await (await a01.get(`/book?q=${client}`)).text();
    const tableBody = /<table id="book"[^>]*>.*?<tbody>(.*?)<\/tbody>/s.exec(book)![1]!;
    expect(tableBody).toContain('保险保障');
    expect(tableBody).not.toContain('子女教育');
    const page = await (await a01.get(`/clients/${client}`)).text();
    const needs = /<table id="needs">(.*?)<\/table>/s.exec(page)![1]!;
    const rows = needs.split('<tr').slice(2);
    expect(rows[0]).toContain('保险保障');
    expect(rows[0]).toMatch(/<td class="num">1<\/td>/);
    expect(rows[1]).toMatch(/^ class="dismissed">/);
    expect(rows[1]).toContain('子女教育');
    expect(rows[1]).toContain('已排除');
    // Dismissing it again changes nothing, so it is refused; it is no longer offered either.
    expect(/id="dismiss-need-value"[^>]*>.*?<\/select>/s.exec(page)![0]).not.toContain('value="education"');
    const again = await a01.postJson(`/api/clients/${client}/overrides`, { kind: 'dismiss_need', value: 'education', reason: 'x' }, { 'x-csrf-token': await apiToken(a01) });
    expect([again.status, await again.json()]).toEqual([400, { error: 'no_change' }]);
  });

  it('recomputes the risk-mismatch flag after a risk override, in the profile and in the flag filter', async () => {
    const a01 = await signedIn('A01');
    expect(await total(a01, 'flag=risk_mismatch')).toBe(12);
    const token = await apiToken(a01);
    expect(await (await a01.get('/clients/C0003')).text()).not.toContain('id="risk-override"');
    // C0003: predicted aggressive, declared conservative, flagged. Overridden to the declared risk, the flag goes.
    expect((await a01.postJson('/api/clients/C0003/overrides', { kind: 'risk_segment', value: 'conservative', reason: 'questionnaire is right' }, { 'x-csrf-token': token })).status).toBe(201);
    expect((await bookRow(a01, 'C0003')).flags).toEqual([]);
    expect(await total(a01, 'flag=risk_mismatch')).toBe(11);
    const page = await (await a01.get('/clients/C0003')).text();
    // The profile no longer flags it; the list of changes since the last run says the flag went.
    expect(page).not.toContain('<span class="flag">申报与预测风险不一致</span>');
    expect(page).toContain('<li class="change-flag_removed">标记解除: 申报与预测风险不一致</li>');
    // C0001: predicted conservative, declared balanced, not flagged. Overridden away from the declared risk, it is.
    expect((await a01.postJson('/api/clients/C0001/overrides', { kind: 'risk_segment', value: 'aggressive', reason: 'buys derivatives' }, { 'x-csrf-token': token })).status).toBe(201);
    expect((await bookRow(a01, 'C0001')).flags).toEqual(['risk_mismatch']);
    expect(await total(a01, 'flag=risk_mismatch')).toBe(12);
    expect(await total(a01, 'flag=risk_mismatch&tier=A')).toBe(5);
    // C0008 has no questionnaire: no declared risk, so no mismatch whatever the advisor says.
    expect((await a01.postJson('/api/clients/C0008/overrides', { kind: 'risk_segment', value: 'conservative', reason: 'talked it through' }, { 'x-csrf-token': token })).status).toBe(201);
    expect((await bookRow(a01, 'C0008')).flags).not.toContain('risk_mismatch');
  });

  it('confirms a saved override with its time in Asia/Shanghai, names the zone, and gives the log a header row', async () => {
    const a01 = await signedIn('A01');
    const token = await a01.formToken('/clients/C0010');
    const saved = await a01.postForm('/clients/C0010/overrides', { _csrf: token, kind: 'risk_segment', value: 'balanced', reason: 'retiring' });
    const page = await (await a01.get(saved.headers.get('location')!)).text();
    expect(page).toMatch(/<p class="saved" role="status" id="override-saved">已保存: 调整风险等级: 保守型 → 稳健型 · 2026-07-01 17:00 UTC\+8 \(Asia\/Shanghai\)<\/p>/);
    expect(page).toContain('<thead><tr><th>时间 (Asia/Shanghai)</th><th>操作人</th><th>调整内容</th><th>原因</th></tr></thead>');
    expect(page).toContain('<td class="override-time">2026-07-01 17:00 UTC+8</td>');
    expect(await (await a01.get('/clients/C0010')).text()).not.toContain('id="override-saved"');
    // Another user following the same link is told nothing was saved by them.
    const s01 = await signedIn('S01');
    expect(await (await s01.get('/clients/C0010?saved=1')).text()).not.toContain('id="override-saved"');
    const london = await startApp(store, { now: () => clock, timeZone: 'Europe/London' });
    try {
      const session = new HttpSession(london.base);
      expect((await session.signIn('A01', PASSWORDS.A01)).status).toBe(303);
      await session.get('/lang/en?back=/book');
      const english = await (await session.get('/clients/C0010')).text();
      expect(english).toContain('<th>Time (Europe/London)</th>');
      expect(english).toContain('2026-07-01 10:00 UTC+1');
    } finally {
      await london.app.close();
    }
  });
});
