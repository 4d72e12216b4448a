import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { chromiumExecutable } from '../setup/find-chromium.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SCREENSHOTS = path.join(ROOT, 'out', 'screenshots');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let dir: string;
let context: BrowserContext;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-browser-'));
  await mkdir(SCREENSHOTS, { recursive: true });
  context = await chromium.launchPersistentContext(path.join(dir, 'profile'), { executablePath: chromiumExecutable(), headless: true, args: CHROMIUM_ARGS });
}, 120_000);
afterAll(async () => {
  await context?.close();
  await rm(dir, { recursive: true, force: true });
});

interface PageCheck {
  readonly charts: number;
  readonly empty: string[];
  readonly problems: string[];
  readonly external: string[];
  readonly textBefore: string;
  readonly textAfter: string;
}

/** Opens a report as a person would, offline, and reads what it shows in both languages. */
async function check(file: string, name: string): Promise<PageCheck> {
  const page = await context.newPage();
  const problems: string[] = [], external: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith('file:')) external.push(r.url()); });
  try {
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const svgs = page.locator('svg');
    const charts = await svgs.count();
    const empty: string[] = [];
    for (let i = 0; i < charts; i++) {
      const svg = svgs.nth(i);
      const box = await svg.boundingBox();
      const marks = await svg.locator('rect, path, circle, line').count();
      if (box === null || box.width <= 0 || box.height <= 0 || marks === 0) empty.push(`${i}: ${(await svg.getAttribute('aria-label')) ?? '?'}`);
    }
    const textBefore = await page.locator('h1').innerText();
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-zh.png`), fullPage: true });
    await page.locator('button.lang-switch').click();
    const textAfter = await page.locator('h1').innerText();
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-en.png`), fullPage: true });
    return { charts, empty, problems, external, textBefore, textAfter };
  } finally {
    await page.close();
  }
}

describe('reports in a real browser', () => {
  it('renders every chart of the training report, switches language, fetches nothing', async () => {
    const version = (await readdir(path.join(ROOT, 'models', 'sample'))).find((n) => /^[0-9a-f]{12}$/.test(n))!;
    const result = await check(path.join(ROOT, 'models', 'sample', version, 'report.html'), 'training-report');
    expect(result.charts).toBeGreaterThanOrEqual(4);
    expect(result.empty).toStrictEqual([]);
    expect(result.problems).toStrictEqual([]);
    expect(result.external).toStrictEqual([]);
    expect(result.textBefore).toContain('训练报告');
    expect(result.textAfter).toContain('Training report');
    expect(result.textAfter).not.toContain('训练报告');
  }, 120_000);

  it('renders the score report with its drift and migration charts in both languages', async () => {
    expect(runCli(['sample', '--out', path.join(dir, 'night1')]).status).toBe(0);
    const night2 = path.join(dir, 'night2');
    expect(runCli(['score', '--clients', 'data-samples/clients.csv', '--transactions', 'data-samples/transactions.csv', '--as-of', '2026-06-30',
      '--model', 'models/sample', '--out', path.join(night2, 'scores.csv'), '--previous', path.join(dir, 'night1', 'scores.csv')]).status).toBe(0);
    const result = await check(path.join(night2, 'report.html'), 'score-report');
    // 3 summary charts, 5 drift charts, 3 migration heat maps.
    expect(result.charts).toBe(11);
    expect(result.empty).toStrictEqual([]);
    expect(result.problems).toStrictEqual([]);
    expect(result.external).toStrictEqual([]);
    expect(result.textBefore).toContain('客户分群评分报告');
    expect(result.textAfter).toContain('Client scoring report');
    expect(result.textAfter).not.toContain('客户分群评分报告');
  }, 120_000);
});
