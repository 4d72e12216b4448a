import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHROMIUM_VARIABLE, findChromium, isExecutableFile, usualChromiumPaths } from './find-chromium.mjs';

const CHECK = path.join(import.meta.dirname, 'check-browser.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'cs-find-chromium-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in browser: a script that answers --version as Chromium does. */
function fakeBrowser(name: string, works = true): string {
  const file = path.join(dir, name);
  writeFileSync(file, works ? '#!/bin/sh\necho "Chromium 1.2.3 fake"\n' : '#!/bin/sh\nexit 7\n');
  chmodSync(file, 0o755);
  return file;
}

function runCheck(env: Record<string, string>) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [CHECK], { env: { PATH: process.env.PATH ?? '', HOME: dir, ...env }, encoding: 'utf8', timeout: 90_000 });
  return { ...result, seconds: (Date.now() - started) / 1000 };
}

describe('findChromium', () => {
  it('uses CLIENTSEG_CHROMIUM when it names an executable, and only that', () => {
    const browser = fakeBrowser('my-browser');
    expect(findChromium({ env: { [CHROMIUM_VARIABLE]: browser } })).toEqual({ found: true, path: browser, source: CHROMIUM_VARIABLE });
    const missing = findChromium({ env: { [CHROMIUM_VARIABLE]: '/nonexistent' }, isExecutable: (f) => f !== '/nonexistent' });
    expect(missing.found).toBe(false);
    if (!missing.found) expect(missing.problem).toMatch(/^CLIENTSEG_CHROMIUM=\/nonexistent is not an executable file/);
  });

  it("tries Debian's chromium first on Linux, then Chrome, then PATH", () => {
    const places = usualChromiumPaths({ platform: 'linux', env: { PATH: '/opt/tools/bin' }, home: dir });
    expect(places[0]).toBe('/usr/bin/chromium');
    expect(places.indexOf('/usr/bin/google-chrome')).toBeGreaterThan(0);
    expect(places).toContain('/opt/tools/bin/chromium');
    const seen: string[] = [];
    const found = findChromium({ platform: 'linux', env: {}, home: dir, isExecutable: (f) => { seen.push(f); return f === '/opt/google/chrome/chrome'; } });
    expect(found).toEqual({ found: true, path: '/opt/google/chrome/chrome', source: 'usual place' });
    expect(seen[0]).toBe('/usr/bin/chromium');
  });

  it('looks in /Applications and ~/Applications on macOS', () => {
    const places = usualChromiumPaths({ platform: 'darwin', env: {}, home: '/Users/ds' });
    expect(places[0]).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(places).toContain('/Users/ds/Applications/Chromium.app/Contents/MacOS/Chromium');
    expect(places).not.toContain('/usr/bin/chromium');
  });

  it('says what to install when nothing is found', () => {
    const linux = findChromium({ platform: 'linux', env: {}, home: dir, isExecutable: () => false });
    const mac = findChromium({ platform: 'darwin', env: {}, home: dir, isExecutable: () => false });
    expect(linux.found || mac.found).toBe(false);
    if (!linux.found) expect(linux.problem).toMatch(/apt-get install chromium.*CLIENTSEG_CHROMIUM/);
    if (!mac.found) expect(mac.problem).toMatch(/brew install --cask chromium.*CLIENTSEG_CHROMIUM/);
  });

  it('does not take a directory for a browser', () => {
    expect(isExecutableFile(dir)).toBe(false);
    expect(isExecutableFile(fakeBrowser('ok'))).toBe(true);
  });
});

describe('check-browser.mjs (run first by npm test)', () => {
  it('stops within seconds with one line naming CLIENTSEG_CHROMIUM when the browser is missing', () => {
    const result = runCheck({ [CHROMIUM_VARIABLE]: '/nonexistent' });
    expect(result.status).not.toBe(0);
    expect(result.seconds).toBeLessThan(90);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('CLIENTSEG_CHROMIUM');
  });

  it('passes with a browser that starts, and fails in one line with one that does not', () => {
    const good = runCheck({ [CHROMIUM_VARIABLE]: fakeBrowser('good-browser') });
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('Chromium 1.2.3 fake');
    const broken = runCheck({ [CHROMIUM_VARIABLE]: fakeBrowser('broken-browser', false) });
    expect(broken.status).not.toBe(0);
    expect(broken.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(broken.stderr).toContain('CLIENTSEG_CHROMIUM');
  });
});
