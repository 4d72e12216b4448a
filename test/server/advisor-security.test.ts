import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { AdvisorAppOptions } from '../../src/server/create-app.js';
import type { AdvisorStore } from '../../src/store/open-advisor-store.js';
import { A01_CLIENTS, HttpSession, openTestStore, PASSWORDS, seedStore, startApp } from './advisor-fixture.js';

const SECURITY_HEADERS = ['content-security-policy', 'x-frame-options', 'x-content-type-options', 'referrer-policy'];

/**
 * Issue 13's security holes, each as an attacker would try it against a real server: open
 * redirects, malformed query values, forged X-Forwarded-For, guessing passwords, HSTS, and the
 * return to a deep link after sign-in.
 */
describe('advisor app security', () => {
  let store: AdvisorStore;
  let drop: () => Promise<void>;
  const apps: FastifyInstance[] = [];
  let clock = new Date('2026-07-01T09:00:00Z');

  beforeAll(async () => {
    ({ store, drop } = await openTestStore('sqlite', 'websec'));
    await seedStore(store);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await drop?.();
  });

  async function serve(options: Partial<AdvisorAppOptions> = {}): Promise<string> {
    const started = await startApp(store, { now: () => clock, signInRate: { max: 1000, windowMs: 60_000 }, ...options });
    apps.push(started.app);
    return started.base;
  }

  const expectSecurityHeaders = (response: Response) => {
    for (const name of SECURITY_HEADERS) expect(response.headers.get(name), name).not.toBeNull();
  };

  it('sends the language switch only to a path on this site, whatever the encoding, and never answers 500', async () => {
    const session = new HttpSession(await serve());
    // Chromium strips tab, LF and CR from a Location, so each of these would become //evil.example.
    for (const evil of ['/%09/evil.example/phish', '/%0A/evil.example', '/%0D/evil.example', '//evil.example', '/%2F/evil.example',
      '/%5Cevil.example', '%5C%5Cevil.example', 'https%3A%2F%2Fevil.example%2Fphish', 'https://evil.example', '/%2509/evil.example']) {
      const response = await session.get(`/lang/en?back=${evil}`);
      expect([response.status, response.headers.get('location')], evil).toEqual([303, '/book']);
      expectSecurityHeaders(response);
    }
    const chinese = await session.get('/lang/zh?back=/clients/%E5%AE%A2%E6%88%B7');
    expect([chinese.status, chinese.headers.get('location')]).toEqual([303, '/clients/%E5%AE%A2%E6%88%B7']);
    const rawUnicode = await session.get('/lang/zh?back=/book%3Fq%3D%E5%BC%A0');
    expect(rawUnicode.headers.get('location')).toBe('/book?q=%E5%BC%A0');
    for (const broken of ['/%E0%A4%A', '%C3%28', '/book%00', '/%u0041']) {
      const response = await session.get(`/lang/en?back=${broken}`);
      expect([response.status, response.headers.get('location')], broken).toEqual([303, '/book']);
    }
  });

  it('answers malformed query and path values with a page that keeps the security headers, not raw JSON or 500', async () => {
    const session = new HttpSession(await serve());
    expect((await session.signIn('A01', PASSWORDS.A01)).status).toBe(303);
    for (const target of ['/book?tier=%E0%A4%A', '/book?page=%0A', '/book?q=%00%FF', '/clients/%E0%A4%A', '/clients/C0001%0A', '/book?sort[]=x']) {
      const response = await session.get(target);
      expect(response.status, target).toBeLessThan(500);
      expect(response.headers.get('content-type'), target).toContain('text/html');
      expectSecurityHeaders(response);
    }
  });

  it('limits sign-ins per real client address behind a trusted proxy: forged X-Forwarded-For entries do not help', async () => {
    for (const trustProxy of [1, ['127.0.0.1'], ['127.0.0.0/8', '10.0.0.0/8']] as const) {
      const base = await serve({ trustProxy, signInRate: { max: 3, windowMs: 60_000 } });
      const attacker = new HttpSession(base);
      const statuses: number[] = [];
      // The proxy appends the address it saw (203.0.113.7); everything left of it is the attacker's.
      for (let i = 0; i < 5; i++) {
        const token = await attacker.formToken('/login');
        const response = await attacker.request('/login', {
          method: 'POST', body: new URLSearchParams({ _csrf: token, id: `nobody-${i}`, password: 'wrong-password' }).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `198.51.100.${i}, 203.0.113.7` },
        });
        statuses.push(response.status);
        expectSecurityHeaders(response);
      }
      expect(statuses, JSON.stringify(trustProxy)).toEqual([401, 401, 401, 429, 429]);
      // Another real client behind the same proxy still gets its own allowance.
      const other = new HttpSession(base);
      const token = await other.formToken('/login');
      const response = await other.request('/login', {
        method: 'POST', body: new URLSearchParams({ _csrf: token, id: 'nobody-else', password: 'wrong-password' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '203.0.113.8' },
      });
      expect(response.status).toBe(401);
    }
  });

  it('ignores X-Forwarded-For from a proxy that is not trusted', async () => {
    const base = await serve({ trustProxy: ['10.0.0.0/8'], signInRate: { max: 2, windowMs: 60_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const session = new HttpSession(base);
      const token = await session.formToken('/login');
      statuses.push((await session.request('/login', {
        method: 'POST', body: new URLSearchParams({ _csrf: token, id: `ghost-${i}`, password: 'wrong-password' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `198.51.100.${i}` },
      })).status);
    }
    expect(statuses).toEqual([401, 401, 429]);
  });

  it('holds one account after repeated wrong passwords from any address, with the same answers for an id that does not exist', async () => {
    const base = await serve({ trustProxy: 1 });
    const attempt = async (id: string, password: string, address: string) => {
      const session = new HttpSession(base);
      const token = await session.formToken('/login');
      return session.request('/login', {
        method: 'POST', body: new URLSearchParams({ _csrf: token, id, password }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address },
      });
    };
    const run = async (id: string) => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await attempt(id, `guess-${i}`, `203.0.113.${10 + i}`)).status);
      return statuses;
    };
    expect(await run('A02')).toEqual([401, 401, 401, 401, 429, 429]);
    expect(await run('no-such-user')).toEqual([401, 401, 401, 401, 429, 429]);
    // The delay doubles: the fifth failure holds the account for 4 seconds.
    clock = new Date(clock.getTime() + 2_500);
    expect((await attempt('A02', 'guess-again', '203.0.113.99')).status).toBe(401);
    const held = await attempt('A02', PASSWORDS.A02, '203.0.113.99');
    expect([held.status, held.headers.get('retry-after')]).toEqual([429, '4']);
    // A supervisor's unlock ends the hold at once and leaves the password as it was.
    const hash = (await store.users.get('A02'))!.passwordHash;
    expect(await store.users.unlock('A02')).toBe('unlocked');
    expect(await store.users.unlock('A02')).toBe('not_locked');
    expect(await store.users.unlock('nobody')).toBe('unknown');
    expect((await store.users.get('A02'))!.passwordHash).toBe(hash);
    expect((await attempt('A02', PASSWORDS.A02, '203.0.113.99')).status).toBe(303);
    const audit = await store.results.auditLog({ limit: 200 });
    expect(audit.filter((e) => e.action === 'sign_in_throttled' && e.actor === 'A02').length).toBeGreaterThanOrEqual(3);
    expect(audit.some((e) => e.action === 'sign_in_throttled' && e.actor === 'unknown')).toBe(true);
  });

  it('sends HSTS only when the request came over TLS through a trusted proxy', async () => {
    const plain = await fetch(`${await serve()}/login`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    const proxied = await serve({ trustProxy: ['127.0.0.1'] });
    const tls = await fetch(`${proxied}/login`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.headers.get('strict-transport-security')).toBe('max-age=31536000');
    const notFound = await fetch(`${proxied}/no-such-page`, { headers: { 'x-forwarded-proto': 'https' } });
    expect([notFound.status, notFound.headers.get('strict-transport-security')]).toEqual([404, 'max-age=31536000']);
    const badUrl = await fetch(`${proxied}/clients/%E0%A4%A`, { headers: { 'x-forwarded-proto': 'https' } });
    expect([badUrl.status, badUrl.headers.get('strict-transport-security')]).toEqual([400, 'max-age=31536000']);
    expect((await fetch(`${proxied}/login`, { headers: { 'x-forwarded-proto': 'http' } })).headers.get('strict-transport-security')).toBeNull();
  });

  it('returns to the page asked for after sign-in, and never to another site', async () => {
    const base = await serve();
    const deep = `/clients/${A01_CLIENTS[2]}?tab=history`;
    const visitor = new HttpSession(base);
    const asked = await visitor.get(deep);
    expect([asked.status, asked.headers.get('location')]).toEqual([303, `/login?next=${encodeURIComponent(deep)}`]);
    expect((await visitor.get('/book')).headers.get('location')).toBe('/login');
    const form = await (await visitor.get(asked.headers.get('location')!)).text();
    expect(form).toContain(`name="next" id="next" value="${deep.replace('?', '?').replace('&', '&amp;')}"`);
    const token = /name="_csrf" value="([^"]+)"/.exec(form)![1]!;
    const signedIn = await visitor.postForm('/login', { _csrf: token, id: 'A01', password: PASSWORDS.A01, next: deep });
    expect([signedIn.status, signedIn.headers.get('location')]).toEqual([303, deep]);
    // Already signed in: /login?next= goes straight there, and a hostile next goes to the book.
    expect((await visitor.get(`/login?next=${encodeURIComponent(deep)}`)).headers.get('location')).toBe(deep);
    expect((await visitor.get('/login?next=%2F%09%2Fevil.example')).headers.get('location')).toBe('/book');
    for (const evil of ['//evil.example', '/\t/evil.example', '/\\evil.example', 'https://evil.example', '/\n/evil.example', '/\r/evil.example']) {
      const other = new HttpSession(base);
      const t = await other.formToken('/login');
      const response = await other.postForm('/login', { _csrf: t, id: 'A01', password: PASSWORDS.A01, next: evil });
      expect([response.status, response.headers.get('location')], JSON.stringify(evil)).toEqual([303, '/book']);
    }
  });
});

describe('advisor app session and header hygiene', () => {
  let store: AdvisorStore;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    ({ store, drop } = await openTestStore('sqlite', 'websec-hygiene'));
    await seedStore(store);
    ({ app, base } = await startApp(store));
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('never authenticates a cookie from before sign-in (no fixation), nor a tampered one', async () => {
    const session = new HttpSession(base);
    await session.get('/login');
    const before = session.cookieHeader();
    expect((await session.signIn('A01', PASSWORDS.A01)).status).toBe(303);
    expect(session.cookieHeader()).not.toBe(before);
    expect((await fetch(`${base}/api/me`, { headers: { cookie: before } })).status).toBe(401);
    const signedIn = session.cookieHeader();
    const tampered = signedIn.replace(/clientseg_session=([^;]{10})(.)/, (_m, head: string, c: string) => `clientseg_session=${head}${c === 'A' ? 'B' : 'A'}`);
    expect(tampered).not.toBe(signedIn);
    expect((await fetch(`${base}/api/me`, { headers: { cookie: tampered } })).status).toBe(401);
    expect((await fetch(`${base}/api/me`, { headers: { cookie: signedIn } })).status).toBe(200);
  });

  it('marks pages no-store, names no server software, sends API answers as downloads, and allows no other origin or method', async () => {
    const session = new HttpSession(base);
    expect((await session.signIn('A01', PASSWORDS.A01)).status).toBe(303);
    const book = await session.get('/book');
    expect(book.headers.get('cache-control')).toBe('no-store');
    expect(book.headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const name of ['server', 'x-powered-by', 'access-control-allow-origin']) expect(book.headers.get(name), name).toBeNull();
    const api = await session.get('/api/me', { origin: 'https://evil.example' });
    expect(api.headers.get('content-disposition')).toBe('attachment; filename="api.json"');
    expect(api.headers.get('access-control-allow-origin')).toBeNull();
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      expect((await session.request('/book', { method })).status, method).toBe(404);
    }
  });
});
