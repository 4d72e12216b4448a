import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../../src/core/password-hash.js';
import type { AdvisorStore } from '../../src/store/open-advisor-store.js';
import {
  A01_CLIENTS, A02_CLIENTS, FORMULA_NAME, HOSTILE_NAME, HttpSession, openTestStore, PASSWORDS, seedStore, startApp, type LogCapture,
} from './advisor-fixture.js';

/**
 * The advisor app against a real server and a real store: access rules, CSRF, sign-in limits,
 * cookies, escaping, exports, overrides and the log. The same suite runs on SQLite and PostgreSQL.
 */
export function describeAdvisorApp(engine: 'sqlite' | 'postgres'): void {
  describe(`advisor app on ${engine}`, () => {
    let store: AdvisorStore;
    let drop: () => Promise<void>;
    let app: FastifyInstance;
    let base: string;
    let logs: LogCapture;
    let clock = new Date('2026-07-01T09:00:00Z');
    const reasonText = 'client said on the phone she is retiring early';

    beforeAll(async () => {
      ({ store, drop } = await openTestStore(engine, `web_${engine}`));
      await seedStore(store);
      ({ app, base, logs } = await startApp(store, { now: () => clock, signInRate: { max: 1000, windowMs: 60_000 } }));
    });
    afterAll(async () => {
      await app?.close();
      await drop?.();
    });

    async function signedIn(id: keyof typeof PASSWORDS): Promise<HttpSession> {
      const session = new HttpSession(base);
      const response = await session.signIn(id, PASSWORDS[id]);
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/book');
      return session;
    }

    it('sends an unsigned-in visitor to the sign-in page, and the API answers 401', async () => {
      const anonymous = new HttpSession(base);
      expect((await anonymous.get('/book')).headers.get('location')).toBe('/login');
      expect((await anonymous.get(`/clients/${A01_CLIENTS[0]}`)).status).toBe(303);
      expect((await anonymous.get('/api/book')).status).toBe(401);
      expect((await anonymous.get(`/api/clients/${A01_CLIENTS[0]}`)).status).toBe(401);
    });

    it('shows an advisor only their own book, whatever the request asks for', async () => {
      const a01 = await signedIn('A01');
      const book = await (await a01.get('/api/book?size=200')).json() as { total: number; clients: { clientId: string; advisorId: string }[] };
      expect(book.total).toBe(30);
      expect(new Set(book.clients.map((c) => c.advisorId))).toEqual(new Set(['A01']));
      // Asking for another advisor's book is ignored for an advisor.
      const other = await (await a01.get('/api/book?size=200&advisor=A02')).json() as { total: number };
      expect(other.total).toBe(30);
      const page = await (await a01.get('/book?size=200')).text();
      expect(page).toContain(`>${A01_CLIENTS[5]}<`);
      expect(page).not.toContain(A02_CLIENTS[0]);
    });

    it('answers another advisor\'s client by URL and by API with 404 and none of its data', async () => {
      const a01 = await signedIn('A01');
      const theirs = A02_CLIENTS[3]!;
      const page = await a01.get(`/clients/${theirs}`);
      expect(page.status).toBe(404);
      expect(await page.text()).not.toContain(theirs);
      const api = await a01.get(`/api/clients/${theirs}`);
      expect(api.status).toBe(404);
      expect(await api.json()).toEqual({ error: 'not_found' });
      // The same answer as for a client that does not exist at all.
      expect((await a01.get('/api/clients/C9999')).status).toBe(404);
      // Nor can they override it.
      const token = await a01.formToken('/book');
      const post = await a01.postForm(`/clients/${theirs}/overrides`, { _csrf: token, kind: 'risk_segment', value: 'aggressive', reason: 'x' });
      expect(post.status).toBe(404);
      expect(await store.overrides.ofClient(theirs)).toEqual([]);
      // A supervisor sees both books.
      const s01 = await signedIn('S01');
      expect((await s01.get(`/api/clients/${theirs}`)).status).toBe(200);
      expect(((await (await s01.get('/api/book')).json()) as { total: number }).total).toBe(50);
      expect(((await (await s01.get('/api/book?advisor=A02')).json()) as { total: number }).total).toBe(20);
    });

    it('filters, searches, sorts and pages the book in the database', async () => {
      const a01 = await signedIn('A01');
      const total = async (query: string) => ((await (await a01.get(`/api/book?${query}`)).json()) as { total: number }).total;
      expect(await total('tier=A')).toBe(10);
      expect(await total('need=growth')).toBe(7);
      expect(await total('flag=risk_mismatch')).toBe(12);
      expect(await total('flag=suitability_review')).toBe(12);
      expect(await total('flag=near_tier_boundary')).toBe(6);
      expect(await total('tier=A&flag=risk_mismatch')).toBe(4);
      expect(await total('segment=0')).toBe(8);
      expect(await total('stage=retirement')).toBe(7);
      expect(await total('risk=aggressive')).toBe(10);
      expect(await total('q=c001')).toBe(10);
      const sorted = await (await a01.get('/api/book?sort=client_id&dir=desc&size=25&page=2')).json() as { clients: { clientId: string }[] };
      expect(sorted.clients.map((c) => c.clientId)).toEqual(['C0005', 'C0004', 'C0003', 'C0002', 'C0001']);
      const byTier = await (await a01.get('/api/book?sort=tier&size=25')).json() as { clients: { tierCode: string; clientId: string }[] };
      expect(byTier.clients.slice(0, 10).every((c) => c.tierCode === 'A')).toBe(true);
      expect(byTier.clients[0]!.clientId).toBe('C0001');
      // The client without a questionnaire (C0008) sorts last, ascending or descending, on both engines.
      for (const dir of ['asc', 'desc']) {
        const byDeclared = await (await a01.get(`/api/book?sort=declared&dir=${dir}&size=50`)).json() as { clients: { clientId: string; declaredRisk: string | null }[] };
        expect(byDeclared.clients.at(-1)).toMatchObject({ clientId: 'C0008', declaredRisk: null });
        // Risk order (conservative < balanced < aggressive), not the alphabet.
        expect(byDeclared.clients[0]!.declaredRisk).toBe(dir === 'asc' ? 'conservative' : 'aggressive');
      }
      expect((await a01.get('/api/book?tier=Z')).status).toBe(400);
      expect((await a01.get('/book?sort=drop%20table')).status).toBe(400);
      const html = await (await a01.get('/book?tier=A&flag=risk_mismatch')).text();
      expect(html).toContain('id="book-total">4<');
    });

    it('escapes whatever the store holds', async () => {
      const a01 = await signedIn('A01');
      const page = await (await a01.get('/book?segment=3')).text();
      expect(page).not.toContain(HOSTILE_NAME);
      expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect((await a01.get('/book')).headers.get('content-security-policy')).toContain("default-src 'none'");
    });

    it('neutralises formula cells in the CSV and Excel exports and audits them', async () => {
      const a01 = await signedIn('A01');
      const csv = await a01.get('/book/export.csv?segment=2');
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines).toHaveLength(1 + 7);
      expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
      expect(lines.slice(1).every((l) => !/,=/.test(l))).toBe(true);
      const xlsx = await a01.get('/book/export.xlsx?segment=2');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('clients')!;
      expect(sheet.rowCount).toBe(1 + 7);
      const nameColumn = (sheet.getRow(1).values as unknown[]).indexOf('behaviour_segment_name');
      expect(sheet.getRow(2).getCell(nameColumn).value).toBe(`'${FORMULA_NAME}`);
      const exports = (await store.results.auditLog({ limit: 50 })).filter((e) => e.action === 'book_exported' && e.actor === 'A01');
      expect(exports.map((e) => e.details)).toEqual(expect.arrayContaining([{ format: 'csv', rows: 7 }, { format: 'xlsx', rows: 7 }]));
    });

    it('rejects a form post or an API post without the CSRF token', async () => {
      const a01 = await signedIn('A01');
      const mine = A01_CLIENTS[1]!;
      const noToken = await a01.postForm(`/clients/${mine}/overrides`, { kind: 'risk_segment', value: 'aggressive', reason: 'no token' });
      expect(noToken.status).toBe(403);
      const badToken = await a01.postForm(`/clients/${mine}/overrides`, { _csrf: 'forged', kind: 'risk_segment', value: 'aggressive', reason: 'bad token' });
      expect(badToken.status).toBe(403);
      const api = await a01.postJson(`/api/clients/${mine}/overrides`, { kind: 'risk_segment', value: 'aggressive', reason: 'no header' });
      expect(api.status).toBe(403);
      expect(await store.overrides.ofClient(mine)).toEqual([]);
      // Sign-in itself needs the token too (no login CSRF).
      const bare = new HttpSession(base);
      expect((await bare.postForm('/login', { id: 'A01', password: PASSWORDS.A01 })).status).toBe(403);
    });

    it('records an override with its reason, audits it, shows it, and refuses one without a reason', async () => {
      const a01 = await signedIn('A01');
      const mine = A01_CLIENTS[4]!;
      const token = await a01.formToken(`/clients/${mine}`);
      const empty = await a01.postForm(`/clients/${mine}/overrides`, { _csrf: token, kind: 'risk_segment', value: 'aggressive', reason: '   ' });
      expect(empty.status).toBe(400);
      expect(await store.overrides.ofClient(mine)).toEqual([]);
      const wrongNeed = await a01.postForm(`/clients/${mine}/overrides`, { _csrf: token, kind: 'dismiss_need', value: 'growth', reason: 'not predicted' });
      expect(wrongNeed.status).toBe(400);
      const ok = await a01.postForm(`/clients/${mine}/overrides`, { _csrf: token, kind: 'risk_segment', value: 'aggressive', reason: reasonText });
      expect(ok.status).toBe(303);
      const apiToken = ((await (await a01.get('/api/csrf-token')).json()) as { token: string }).token;
      const viaApi = await a01.postJson(`/api/clients/${mine}/overrides`, { kind: 'dismiss_need', value: 'retirement', reason: 'already has a pension plan' }, { 'x-csrf-token': apiToken });
      expect(viaApi.status).toBe(201);
      const overrides = await store.overrides.ofClient(mine);
      expect(overrides.map((o) => [o.kind, o.value, o.previous, o.actor])).toEqual([['dismiss_need', 'retirement', null, 'A01'], ['risk_segment', 'aggressive', 'balanced', 'A01']]);
      const page = await (await a01.get(`/clients/${mine}`)).text();
      expect(page).toContain(reasonText);
      expect(page).toContain('id="risk-override"');
      const audit = await store.results.auditLog({ limit: 100 });
      expect(audit.filter((e) => e.action === 'override_recorded' && e.clientId === mine).map((e) => e.actor)).toEqual(['A01', 'A01']);
      expect(audit.some((e) => e.action === 'client_viewed' && e.clientId === mine && e.actor === 'A01')).toBe(true);
      // The override rate of the segment the client is in (segment 0 holds 8 of A01's and 5 of A02's clients).
      const rates = await store.overrides.ratePerSegment((await store.results.latestCompletedRun())!.id);
      const segment0 = rates.find((r) => r.segment === 0)!;
      expect([segment0.clients, segment0.overridden, segment0.riskOverrides, segment0.needDismissals]).toEqual([13, 1, 1, 1]);
      expect(segment0.rate).toBeCloseTo(1 / 13, 10);
      const s01 = await signedIn('S01');
      expect((await s01.get('/api/override-rates')).status).toBe(200);
      expect((await a01.get('/api/override-rates')).status).toBe(404);
    });

    it('shows the client page with segment history across runs', async () => {
      const a01 = await signedIn('A01');
      const api = await (await a01.get(`/api/clients/${A01_CLIENTS[0]}`)).json() as { history: { asOf: string; behaviourSegment: number }[]; description: { zh: string } | null };
      expect(api.history.map((h) => [h.asOf, h.behaviourSegment])).toEqual([['2026-06-30', 0], ['2026-05-31', 1]]);
      const page = await (await a01.get(`/clients/${A01_CLIENTS[0]}`)).text();
      expect(page).toContain('<svg');
      expect(page).toMatch(/<polyline points="[^"]+"/);
    });

    it('ends a disabled user\'s open session at their next request, and refuses their sign-in like a wrong password', async () => {
      await store.users.upsert('A03', 'advisor', await hashPassword('a03-password-long'), clock);
      const a03 = new HttpSession(base);
      expect((await a03.signIn('A03', 'a03-password-long')).status).toBe(303);
      expect(await (await a03.get('/api/me')).json()).toEqual({ id: 'A03', role: 'advisor' });
      expect((await store.users.get('A03'))!.lastSignInAt).toBe(clock.toISOString());
      const apiToken = ((await (await a03.get('/api/csrf-token')).json()) as { token: string }).token;

      expect(await store.users.disable('A03', clock)).toBe('disabled');
      expect((await a03.get('/api/me')).status).toBe(401);
      const page = await a03.get('/book');
      expect([page.status, page.headers.get('location')]).toEqual([303, '/login']);
      const post = await a03.postJson(`/api/clients/${A01_CLIENTS[0]}/overrides`, { kind: 'risk_segment', value: 'aggressive', reason: 'x' }, { 'x-csrf-token': apiToken });
      expect(post.status).toBe(401);
      const again = await a03.signIn('A03', 'a03-password-long');
      expect(again.status).toBe(401);
      expect(await again.text()).toContain('role="alert"');
      const audit = await store.results.auditLog({ limit: 20 });
      expect(audit.find((e) => e.actor === 'A03' && e.action === 'sign_in_failed')?.details).toEqual({ reason: 'disabled' });
    });

    it('sets the session cookie HttpOnly and SameSite=Strict, Secure only over https, and voids it at sign-out', async () => {
      const session = new HttpSession(base);
      const token = await session.formToken('/login');
      const response = await session.postForm('/login', { _csrf: token, id: 'A02', password: PASSWORDS.A02 });
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith('clientseg_session='))!;
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      expect(cookie).not.toMatch(/;\s*Secure/i);
      const stolen = session.cookieHeader();
      const signOutToken = await session.formToken('/book');
      expect((await session.postForm('/logout', { _csrf: signOutToken })).headers.get('location')).toBe('/login');
      // The cookie taken before sign-out no longer works.
      const replay = await fetch(`${base}/api/me`, { headers: { cookie: stolen } });
      expect(replay.status).toBe(401);
      // Behind a TLS-terminating proxy (trusted), the same cookie is Secure.
      const proxied = await startApp(store, { trustProxy: true });
      try {
        const viaHttps = await fetch(`${proxied.base}/login`, { headers: { 'x-forwarded-proto': 'https' } });
        expect(viaHttps.headers.getSetCookie().find((c) => c.startsWith('clientseg_session='))).toMatch(/;\s*Secure/i);
      } finally {
        await proxied.app.close();
      }
    });

    it('holds an account for a growing delay after repeated wrong passwords (429 while held), then lets the owner in', async () => {
      const attacker = new HttpSession(base);
      for (let i = 0; i < 4; i++) expect((await attacker.signIn('A02', `guess-${i}`)).status).toBe(401);
      // The fourth wrong password started a 2-second hold: even the right password waits it out.
      const held = await attacker.signIn('A02', PASSWORDS.A02);
      expect([held.status, held.headers.get('retry-after')]).toEqual([429, '2']);
      expect(await held.text()).toContain('role="alert"');
      expect((await store.results.auditLog({ limit: 20 })).some((e) => e.action === 'sign_in_throttled' && e.actor === 'A02')).toBe(true);
      clock = new Date(clock.getTime() + 3_000);
      expect((await attacker.signIn('A02', PASSWORDS.A02)).status).toBe(303);
      expect((await store.users.get('A02'))).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    });

    it('slows sign-in per address: past the limit it answers 429', async () => {
      const limited = await startApp(store, { now: () => clock, signInRate: { max: 3, windowMs: 60_000 } });
      try {
        const session = new HttpSession(limited.base);
        const statuses: number[] = [];
        for (let i = 0; i < 5; i++) statuses.push((await session.signIn('nobody', 'wrong-password')).status);
        expect(statuses).toEqual([401, 401, 401, 429, 429]);
      } finally {
        await limited.app.close();
      }
    });

    it('logs requests without client ids, user ids, passwords or reasons', () => {
      const text = logs.lines.join('');
      expect(logs.lines.length).toBeGreaterThan(20);
      expect(text).toContain('"route":"/clients/:id"');
      for (const secret of [...A01_CLIENTS, ...A02_CLIENTS, ...Object.values(PASSWORDS), reasonText, '"A01"', '"A02"', '"S01"', 'C00']) {
        expect(text).not.toContain(secret);
      }
    });
  });
}
