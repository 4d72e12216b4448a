import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/core/password-hash.js';
import { HttpSession, openTestStore, startApp } from './advisor-fixture.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0)) await c(); });

async function appWithUser(label: string) {
  const { store, drop } = await openTestStore('sqlite', label);
  await store.users.upsert('A09', 'advisor', await hashPassword('a09-password-long'), new Date());
  const started = await startApp(store);
  cleanups.push(async () => { await started.app.close(); await drop().catch(() => undefined); });
  const session = new HttpSession(started.base);
  expect((await session.signIn('A09', 'a09-password-long')).status).toBe(303);
  return { store, session, ...started };
}

describe('advisor app edges', () => {
  it('says so when the store holds no completed run yet, on the page and in the API', async () => {
    const { session } = await appWithUser('empty');
    const page = await session.get('/book');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('结果库中还没有已完成的评分批次');
    expect((await session.get('/api/book')).status).toBe(404);
    expect((await session.get('/clients/C1')).status).toBe(404);
  });

  it('answers 500 when the store fails, and logs the failure without its message', async () => {
    const { store, session, logs } = await appWithUser('broken');
    await store.close();
    expect((await session.get('/api/book?q=C0042')).status).toBe(500);
    const failure = logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'request failed');
    expect(failure).toMatchObject({ level: 50, route: '/api/book' });
    expect(JSON.stringify(failure)).not.toContain('C0042');
    expect(JSON.stringify(failure)).not.toMatch(/"message"/);
  });

  it('sends the language switch back only to a path on this site', async () => {
    const { session } = await appWithUser('lang');
    const ok = await session.get('/lang/en?back=%2Fbook%3Ftier%3DA');
    expect(ok.headers.get('location')).toBe('/book?tier=A');
    expect(ok.headers.getSetCookie().some((c) => c.startsWith('lang=en'))).toBe(true);
    for (const evil of ['https://evil.example', '//evil.example', '/\\evil.example']) {
      expect((await session.get(`/lang/en?back=${encodeURIComponent(evil)}`)).headers.get('location')).toBe('/book');
    }
    expect(await (await session.get('/book')).text()).toContain('<html lang="en">');
  });
});
