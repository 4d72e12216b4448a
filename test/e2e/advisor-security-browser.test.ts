import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openTestStore, PASSWORDS, seedStore, startApp } from '../server/advisor-fixture.js';
import type { AdvisorStore } from '../../src/store/open-advisor-store.js';
import { chromiumExecutable } from '../setup/find-chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHOTS = path.join(ROOT, 'test', '.screenshots');

/** Issue 13 parts 1 and 2 as an advisor and an attacker meet them in Chromium, in both languages. */
describe('advisor app security and overrides in headless Chromium', () => {
  let store: AdvisorStore;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let base: string;
  let profile: string;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ store, drop } = await openTestStore('sqlite', 'browser-websec'));
    await seedStore(store);
    ({ app, base } = await startApp(store, { modelsDir: path.join(ROOT, 'models'), now: () => new Date('2026-07-01T09:00:00Z') }));
    mkdirSync(SHOTS, { recursive: true });
    profile = mkdtempSync(path.join(tmpdir(), 'cs-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumExecutable(),
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    page = context.pages()[0] ?? await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
    await drop?.();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `websec-${name}.png`), fullPage: true });

  async function signOut(): Promise<void> {
    await Promise.all([page.waitForURL(`${base}/login`), page.click('#sign-out')]);
  }

  for (const lang of ['zh', 'en'] as const) {
    it(`returns a deep link opened signed out to that page after sign-in, and the language switch never leaves the site (${lang})`, async () => {
      await context.clearCookies();
      await page.goto(`${base}/lang/${lang}?back=/login`);
      const deep = '/clients/C0004?from=mail';
      await page.goto(`${base}${deep}`);
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(await page.getAttribute('html', 'lang')).toBe(lang === 'zh' ? 'zh-CN' : 'en');
      await page.fill('#user-id', 'A01');
      await page.fill('#password', PASSWORDS.A01);
      await Promise.all([page.waitForURL(`${base}${deep}`), page.click('#sign-in')]);
      expect(await page.textContent('#client-id')).toBe('C0004');
      await shot(`1-deep-link-${lang}`);

      // Chromium drops tab, LF and CR inside a URL and reads \ as /: each of these would otherwise reach evil.example.
      for (const evil of ['/%09/evil.example/phish', '/%0A/evil.example', '/%0D/evil.example', '//evil.example', '/%5Cevil.example', 'https://evil.example/']) {
        await page.goto(`${base}/lang/${lang}?back=${evil}`);
        expect(page.url(), evil).toBe(`${base}/book`);
      }
      const broken = await page.goto(`${base}/lang/${lang}?back=/%E0%A4%A`);
      expect(broken?.status()).toBe(200);
      await signOut();
    });

    it(`records overrides without accidents, confirms them in the user's time zone, and keeps dismissed needs out of the book (${lang})`, async () => {
      await context.clearCookies();
      await page.goto(`${base}/lang/${lang}?back=/login`);
      await page.fill('#user-id', 'A01');
      await page.fill('#password', PASSWORDS.A01);
      await Promise.all([page.waitForURL(`${base}/book`), page.click('#sign-in')]);
      // C0014 / C0026 predict education and protection and balanced risk.
      const client = lang === 'zh' ? 'C0014' : 'C0026';
      await page.goto(`${base}/clients/${client}`);

      // Saving with the dropdown untouched is stopped by the browser: the placeholder is no value.
      await page.fill('#override-risk-reason', 'pressed save too early');
      await page.click('#override-risk-save');
      expect(page.url()).toBe(`${base}/clients/${client}`);
      expect(await store.overrides.ofClient(client)).toEqual([]);
      expect(await page.locator('#override-risk-value option[value="balanced"]').count()).toBe(0);

      await page.selectOption('#override-risk-value', 'conservative');
      await Promise.all([page.waitForURL(`${base}/clients/${client}?saved=1`), page.click('#override-risk-save')]);
      const saved = await page.textContent('#override-saved');
      expect(saved).toContain(lang === 'zh' ? '已保存' : 'Saved');
      expect(saved).toContain('2026-07-01 17:00 UTC+8 (Asia/Shanghai)');
      expect(await page.textContent('#overrides thead')).toContain('Asia/Shanghai');

      await page.selectOption('#dismiss-need-value', 'education');
      await page.fill('#dismiss-need-reason', lang === 'zh' ? '子女已工作' : 'Children have finished school');
      await Promise.all([page.waitForURL(`${base}/clients/${client}?saved=1`), page.click('#dismiss-need-save')]);
      const rows = page.locator('#needs tbody tr');
      expect(await rows.count()).toBe(2);
      expect(await rows.nth(1).getAttribute('class')).toBe('dismissed');
      expect(await rows.nth(1).textContent()).toContain(lang === 'zh' ? '子女教育' : 'education');
      await page.setViewportSize({ width: 390, height: 844 });
      await shot(`2-override-saved-${lang}-390`);
      await page.setViewportSize({ width: 1280, height: 800 });

      await page.goto(`${base}/book?need=education`);
      const listed = await page.locator('a.client-link').allTextContents();
      expect(listed).not.toContain(client);
      await page.goto(`${base}/book?q=${client}`);
      const needsCell = await page.locator('#book tbody tr').first().textContent();
      expect(needsCell).not.toContain(lang === 'zh' ? '子女教育' : 'education');
      await shot(`3-book-after-dismissal-${lang}`);
      await signOut();
    });
  }
});
