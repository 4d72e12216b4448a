// Run first by `npm test`: without a browser the suite would build, run for minutes and then fail
// the browser suites, so it stops here within seconds with one line saying what to install or set.
import { execFileSync } from 'node:child_process';
import { findChromium } from './find-chromium.mjs';

const result = findChromium();
if (!result.found) {
  process.stderr.write(`${result.problem}\n`);
  process.exit(1);
}
let version;
try {
  version = execFileSync(result.path, ['--version'], { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
} catch {
  process.stderr.write(`${result.path} (from ${result.source}) did not start with --version: repair that browser or set CLIENTSEG_CHROMIUM to one that starts.\n`);
  process.exit(1);
}
process.stdout.write(`browser tests: ${version} (${result.path})\n`);
