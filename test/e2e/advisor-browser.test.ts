import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { A01_CLIENTS, openTestStore, PASSWORDS, seedStore, startApp } from '../server/advisor-fixture.js';
import type { AdvisorStore } from '../../src/store/open-advisor-store.js';
import { chromiumExecutable } from '../setup/find-chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHOTS = path.join(ROOT, 'test', '.screenshots');

describe('advisor app in headless Chromium', () => {
  let store: AdvisorStore;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let base: string;
  let profile: string;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ store, drop } = await openTestStore('sqlite', 'browser'));
    await seedStore(store);
    ({ app, base } = await startApp(store, { modelsDir: path.join(ROOT, 'models') }));
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

  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

  it('signs in, filters the book, opens a client, switches language, records an override and signs out', async () => {
    await page.goto(`${base}/book`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await shot('1-sign-in');

    await page.fill('#user-id', 'A01');
    await page.fill('#password', PASSWORDS.A01);
    await Promise.all([page.waitForURL(`${base}/book`), page.click('#sign-in')]);
    expect(await page.textContent('#book-total')).toBe('30');
    expect(await page.locator('#book tbody tr').count()).toBe(30);

    await page.selectOption('#filter-tier', 'A');
    await page.check('#flag-risk_mismatch');
    await Promise.all([page.waitForURL(/tier=A/), page.click('#apply-filters')]);
    expect(await page.textContent('#book-total')).toBe('4');
    const shown = await page.locator('a.client-link').allTextContents();
    expect(shown).toEqual(['C0010', 'C0013', 'C0025', 'C0028']);
    await shot('2-book-filtered');

    await Promise.all([page.waitForURL(`${base}/clients/C0010`), page.click('a.client-link >> nth=0')]);
    expect(await page.textContent('#client-id')).toBe('C0010');
    expect(await page.textContent('#tier')).toContain('超高净值客户');
    expect(await page.textContent('#segment-description')).not.toContain('找不到');
    expect(await page.locator('#probabilities tbody tr').count()).toBe(3);
    expect(await page.locator('svg.history circle').count()).toBe(2);
    await shot('3-client-zh');

    await Promise.all([page.waitForURL(`${base}/clients/C0010`), page.click('#lang-switch')]);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h2').allTextContents()).toContain('Predicted needs, strongest first');
    expect(await page.textContent('#tier')).toContain('ultra high net worth');
    await shot('4-client-en');

    await page.selectOption('#override-risk-value', 'aggressive');
    await page.fill('#override-risk-reason', 'Client asked to lower the risk after a family illness');
    await Promise.all([page.waitForURL(`${base}/clients/C0010?saved=1`), page.click('#override-risk-save')]);
    expect(await page.textContent('#risk-override')).toContain('overridden to aggressive');
    expect(await page.textContent('#overrides')).toContain('Client asked to lower the risk after a family illness');
    await shot('5-override');
    const [override] = await store.overrides.ofClient(A01_CLIENTS[9]!);
    expect([override?.actor, override?.kind, override?.value]).toEqual(['A01', 'risk_segment', 'aggressive']);

    await Promise.all([page.waitForURL(`${base}/login`), page.click('#sign-out')]);
    await page.goto(`${base}/clients/C0010`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await shot('6-signed-out');
  });
});
