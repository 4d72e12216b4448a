import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openTestStore, PASSWORDS, seedStore, startApp } from '../server/advisor-fixture.js';
import type { AdvisorStore } from '../../src/store/open-advisor-store.js';
import { chromiumExecutable } from '../setup/find-chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHOTS = path.join(ROOT, 'test', '.screenshots', 'call-sheet');
const LANGS = ['zh', 'en'] as const;
// Each journey drives several pages in two languages: on a busy machine that takes minutes, not seconds.
const BROWSER_MS = 240_000;

// Issue 13 parts 3–5 as advisors and a supervisor meet them: the call sheet, this week's calls and
// the book, in both languages, on a desktop and at 390 px (a phone), with screenshots.
describe('call sheet, calls and book in headless Chromium', () => {
  let store: AdvisorStore;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    ({ store, drop } = await openTestStore('sqlite', 'call-sheet-browser'));
    await seedStore(store);
    // Every journey signs in afresh (a new context per language and user): more than the default
    // ten sign-ins a minute from one address, which test/server/advisor-security.test.ts covers.
    ({ app, base } = await startApp(store, { modelsDir: path.join(ROOT, 'models'), signInRate: { max: 1000, windowMs: 60_000 } }));
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: chromiumExecutable(), headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await drop?.();
  });

  async function signedIn(id: keyof typeof PASSWORDS, lang: 'zh' | 'en', width = 1280): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/lang/${lang}?back=/login`);
    await page.fill('#user-id', id);
    await page.fill('#password', PASSWORDS[id]);
    await Promise.all([page.waitForURL(/\/book/), page.click('#sign-in')]);
    return page;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const mainText = async (page: Page) => (await page.textContent('main')) ?? '';

  it('shows the call sheet: AUM and the distance to the next tier, what changed, a timeline in the page\'s language, plain words, a contact', async () => {
    for (const lang of LANGS) {
      const page = await signedIn('A01', lang);
      // C0003: a mass client (300,000 + 2,000 CNY), 198,000 CNY (39.6%) below the HNW threshold of 500,000.
      await page.goto(`${base}/clients/C0003`);
      expect(await page.textContent('#aum')).toContain('302,000');
      const distance = (await page.textContent('#tier-distance'))!;
      expect(distance).toContain('198,000');
      expect(distance).toContain('39.6%');
      expect(distance).toContain('500,000');
      // May's run had it in segment 3, June's in segment 2: the change is at the top, with the previous run's date.
      expect(await page.locator('#changes .change-segment').count()).toBe(1);
      expect(await page.textContent('#changes h2')).toContain('2026-05-31');
      const timeline = await page.locator('#timeline tbody tr').allTextContents();
      expect(timeline).toHaveLength(2);
      expect(timeline[0]).toContain('2026-06-30');
      // Risk and needs in the page's language, never as codes.
      expect(timeline[0]).toContain(lang === 'zh' ? '进取型' : 'aggressive');
      expect(timeline[0]).toContain(lang === 'zh' ? '财富增值' : 'growth');
      if (lang === 'zh') expect(timeline.join(' ')).not.toMatch(/aggressive|growth|balanced/);
      const text = await mainText(page);
      expect(text).not.toMatch(/σ|\(对数\)|\(log\)|\bsd\b/);
      expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
      await shot(page, `3-call-sheet-${lang}`);

      await page.selectOption('#contact-outcome', lang === 'zh' ? 'reached' : 'meeting_booked');
      await page.fill('#contact-note', 'Talked about the school fees');
      await Promise.all([page.waitForURL(/saved=contact/), page.click('#contact-save')]);
      expect(await page.textContent('#notice')).toBe(lang === 'zh' ? '已记录联系。' : 'Contact recorded.');
      expect(await page.textContent('#contacts tbody tr >> nth=0')).toContain(lang === 'zh' ? '已沟通' : 'meeting booked');
      await shot(page, `3-call-sheet-contacted-${lang}`);
      await page.context().close();
    }
    const contacts = await store.contacts.ofClient('C0003');
    expect(contacts.map((c) => [c.actor, c.outcome, c.note])).toEqual([['A01', 'meeting_booked', 'Talked about the school fees'], ['A01', 'reached', 'Talked about the school fees']]);
    const audited = (await store.results.auditLog({ limit: 100 })).filter((e) => e.action === 'contact_recorded');
    expect(audited.map((e) => [e.actor, e.clientId, e.details.outcome])).toEqual([['A01', 'C0003', 'meeting_booked'], ['A01', 'C0003', 'reached']]);
  }, BROWSER_MS);

  it('ranks this week\'s calls, skips clients contacted recently, records "contacted" from the list; a supervisor sees each advisor\'s', async () => {
    for (const lang of LANGS) {
      const page = await signedIn('A01', lang);
      await Promise.all([page.waitForURL(`${base}/calls`), page.click('#nav-calls')]);
      const before = await page.locator('#calls tbody tr').count();
      expect(before).toBe(20);
      const ids = await page.locator('#calls a.client-link').allTextContents();
      expect(ids).not.toContain('C0003');
      expect(ids.every((id) => /^C00\d\d$/.test(id))).toBe(true);
      const priorities = (await page.locator('#calls td.priority').allTextContents()).map(Number);
      expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
      expect(priorities[0]).toBeGreaterThan(priorities.at(-1)!);
      const reasons = await page.locator('#calls td.reason').allTextContents();
      expect(reasons.every((r) => r.trim().length > 0)).toBe(true);
      expect(reasons[0]).toMatch(lang === 'zh' ? /需求（\d+%）/ : /need \(\d+%\)/);
      const skipped = Number(await page.textContent('#calls-skipped strong'));
      await shot(page, `4-calls-${lang}`);

      // "No answer" on the top client: it leaves the list (retried in two days) and shows in the book.
      const first = ids[0]!;
      await page.selectOption('#calls tbody tr >> nth=0 >> select', 'no_answer');
      await Promise.all([page.waitForURL(/saved=/), page.click('#calls tbody tr >> nth=0 >> button.contacted')]);
      expect(await page.textContent('#notice')).toContain(first);
      expect(await page.locator('#calls a.client-link').allTextContents()).not.toContain(first);
      expect(Number(await page.textContent('#calls-skipped strong'))).toBe(skipped + 1);
      await page.goto(`${base}/book?q=${first}`);
      expect(await page.textContent('#book tbody tr >> nth=0 >> td.last-contact')).toContain(lang === 'zh' ? '未接通' : 'no answer');
      await shot(page, `4-book-last-contact-${lang}`);
      await page.context().close();

      const supervisor = await signedIn('S01', lang);
      await supervisor.goto(`${base}/calls`);
      expect(await supervisor.textContent('#calls-advisor-id')).toBe('A01');
      await supervisor.selectOption('#filter-advisor', 'A02');
      await Promise.all([supervisor.waitForURL(/advisor=A02/), supervisor.click('#apply-advisor')]);
      const theirs = await supervisor.locator('#calls a.client-link').allTextContents();
      expect(theirs).toHaveLength(20);
      expect(theirs.every((id) => /^C01\d\d$/.test(id))).toBe(true);
      await shot(supervisor, `4-calls-supervisor-${lang}`);
      await supervisor.context().close();
    }
  }, BROWSER_MS);

  it('sorts the book by risk order, sends a page past the end to the last page, charts its mix, exports in the page\'s language', async () => {
    for (const lang of LANGS) {
      const page = await signedIn('A01', lang);
      await page.goto(`${base}/book?sort=risk&dir=asc&size=25`);
      const risk = (label: string) => label.split(' ')[0];
      const ascending = (await page.locator('#book td.risk').allTextContents()).map(risk);
      const order = lang === 'zh' ? ['保守型', '稳健型', '进取型'] : ['conservative', 'balanced', 'aggressive'];
      expect(ascending.slice(0, 10).every((r) => r === order[0])).toBe(true);
      expect(ascending.slice(10, 20).every((r) => r === order[1])).toBe(true);
      await page.goto(`${base}/book?sort=risk&dir=desc&size=25`);
      expect(risk((await page.textContent('#book td.risk >> nth=0'))!)).toBe(order[2]);

      await page.goto(`${base}/book?size=25&page=99`);
      expect(new URL(page.url()).searchParams.get('page')).toBe('2');
      expect(await page.textContent('#page-of')).toBe('2 / 2');
      expect(await page.locator('#book-mix svg').count()).toBe(3);
      expect(await page.textContent('#mix-tier')).toContain(lang === 'zh' ? '超高净值客户' : 'ultra high net worth');
      expect(await page.textContent('#mix-need')).toContain(lang === 'zh' ? '养老规划' : 'retirement');
      await shot(page, `5-book-${lang}`);

      const csv = await (await page.request.get(`${base}/book/export.csv?tier=A`)).text();
      const [header, row] = csv.replace(/^\uFEFF/, '').split('\r\n');
      expect(header!.split(',').slice(0, 3)).toEqual(lang === 'zh' ? ['客户号', '理财经理', '资产层级'] : ['Client id', 'Advisor', 'Asset tier']);
      expect(header).toContain('tier_code');
      expect(row).toContain(lang === 'zh' ? '超高净值客户' : 'ultra high net worth');
      expect(row).toContain(',A,uhnw,');
      await page.context().close();
    }
  }, BROWSER_MS);

  it('gives a supervisor an advisor column, an advisor picker and an override-rate page with charts; an advisor gets 404 there', async () => {
    for (const lang of LANGS) {
      const page = await signedIn('S01', lang);
      expect(await page.locator('#book td.advisor').count()).toBeGreaterThan(0);
      await page.selectOption('#filter-advisor', 'A02');
      await Promise.all([page.waitForURL(/advisor=A02/), page.click('#apply-filters')]);
      expect(await page.textContent('#book-total')).toBe('20');
      expect(new Set(await page.locator('#book td.advisor').allTextContents())).toEqual(new Set(['A02']));
      await Promise.all([page.waitForURL(/override-rates/), page.click('#nav-override-rates')]);
      expect(await page.locator('#rate-chart-advisor svg').count()).toBe(1);
      expect(await page.locator('#rates-advisor tbody tr').count()).toBe(2);
      await shot(page, `5-override-rates-${lang}`);
      await page.context().close();
    }
    const advisor = await signedIn('A01', 'en');
    const response = await advisor.goto(`${base}/supervisor/override-rates`);
    expect(response?.status()).toBe(404);
    await advisor.context().close();
  }, BROWSER_MS);

  for (const lang of LANGS) {
    it(`stacks every page at 390 px wide with no horizontal overflow (${lang})`, async () => {
      for (const [user, paths] of [['A01', ['/book', '/clients/C0003', '/calls']], ['S01', ['/book', '/calls', '/supervisor/override-rates']]] as const) {
        const page = await signedIn(user, lang, 390);
        for (const p of paths) {
          await page.goto(base + p);
          // A string, so the test compiles without the DOM types: runs in the page.
          const widths = await page.evaluate('[document.documentElement.scrollWidth, document.body.scrollWidth]');
          expect({ path: p, widths }).toEqual({ path: p, widths: [390, 390] });
          await shot(page, `390-${user}${p.replace(/\//g, '-')}-${lang}`);
        }
        await page.context().close();
      }
    }, BROWSER_MS);
  }
});
