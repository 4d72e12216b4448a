// Plain JavaScript so that `npm test` can run the browser check before anything is compiled
// (Node 20 cannot run TypeScript); the types are in find-chromium.d.mts.
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The variable that names the browser executable; it wins over every usual place. */
export const CHROMIUM_VARIABLE = 'CLIENTSEG_CHROMIUM';

const MAC_APPS = [
  'Google Chrome.app/Contents/MacOS/Google Chrome',
  'Chromium.app/Contents/MacOS/Chromium',
  'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
];
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/**
 * The places a browser usually lives, in the order they are tried: Debian's chromium first (what
 * CI installs), then Chrome/Chromium on Linux and macOS, then the same names on PATH, then a
 * browser that Playwright downloaded into its cache.
 */
export function usualChromiumPaths({ platform = process.platform, env = process.env, home = os.homedir() } = {}) {
  const places = [];
  if (platform === 'darwin') {
    for (const root of ['/Applications', path.join(home, 'Applications')]) {
      for (const app of MAC_APPS) places.push(path.join(root, app));
    }
  } else {
    places.push('/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome', '/snap/bin/chromium');
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of PATH_NAMES) places.push(path.join(dir, name));
  }
  places.push(...playwrightCachePaths(platform, env, home));
  return [...new Set(places)];
}

function playwrightCachePaths(platform, env, home) {
  const cache = env.PLAYWRIGHT_BROWSERS_PATH
    ?? (platform === 'darwin' ? path.join(home, 'Library', 'Caches', 'ms-playwright') : path.join(home, '.cache', 'ms-playwright'));
  let builds;
  try {
    builds = readdirSync(cache).filter((name) => /^chromium-\d+$/.test(name)).sort().reverse();
  } catch {
    return [];
  }
  const inside = platform === 'darwin'
    ? ['chrome-mac/Chromium.app/Contents/MacOS/Chromium', 'chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing']
    : ['chrome-linux/chrome', 'chrome-linux64/chrome'];
  return builds.flatMap((build) => inside.map((file) => path.join(cache, build, file)));
}

/** True when `file` is a regular file this user may execute. */
export function isExecutableFile(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the browser the tests drive. `CLIENTSEG_CHROMIUM`, when set, is the only candidate: a user
 * who names a browser wants that one, and a wrong name should fail, not quietly use another.
 */
export function findChromium({ env = process.env, platform = process.platform, home = os.homedir(), isExecutable = isExecutableFile } = {}) {
  const named = env[CHROMIUM_VARIABLE];
  if (named !== undefined && named !== '') {
    return isExecutable(named)
      ? { found: true, path: named, source: CHROMIUM_VARIABLE }
      : { found: false, problem: `${CHROMIUM_VARIABLE}=${named} is not an executable file: set ${CHROMIUM_VARIABLE} to a Chromium or Chrome executable, or unset it to use one installed in the usual places.` };
  }
  for (const place of usualChromiumPaths({ platform, env, home })) {
    if (isExecutable(place)) return { found: true, path: place, source: 'usual place' };
  }
  const install = platform === 'darwin'
    ? 'install Google Chrome or Chromium (brew install --cask chromium)'
    : 'install Chromium (Debian/Ubuntu: sudo apt-get install chromium fonts-noto-cjk) or Google Chrome';
  return { found: false, problem: `No Chromium or Chrome found for the browser tests: ${install}, or set ${CHROMIUM_VARIABLE} to the browser executable.` };
}

/** The browser's path for a test to launch; throws the one-line problem when there is none. */
export function chromiumExecutable() {
  const result = findChromium();
  if (!result.found) throw new Error(result.problem);
  return result.path;
}
