import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/run-cli.js';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-notebook-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('docs/notebook.md', () => {
  it('shows only code that docs/notebook.mjs runs', async () => {
    const page = await readFile(path.join(ROOT, 'docs', 'notebook.md'), 'utf8');
    const script = await readFile(path.join(ROOT, 'docs', 'notebook.mjs'), 'utf8');
    const blocks = [...page.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(7);
    for (const block of blocks) expect(script, block).toContain(block);
  });

  it('runs as a script: features → explore → train → score → look', async () => {
    if (!existsSync(path.join(ROOT, 'dist', 'src', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does) first');
    const result = spawnSync(process.execPath, [path.join(ROOT, 'docs', 'notebook.mjs'), dir], {
      cwd: ROOT, encoding: 'utf8', timeout: 560_000, env: { ...process.env, TZ: 'UTC', CLIENTSEG_LOG_LEVEL: 'warn' },
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('features: 2000 clients × 83 features');
    expect(result.stdout).toMatch(/model [0-9a-f]{12}: \d+ segments; classes conservative, balanced, aggressive/);
    const [, accuracy, labelled, baseline] = /held-out accuracy ([\d.]+) on (\d+) labelled clients \(always "\w+": ([\d.]+)\)/.exec(result.stdout) ?? [];
    // The last quarter of 2,000 clients, less those without a questionnaire; the model beats the majority class.
    expect(Number(labelled)).toBeGreaterThan(400);
    expect(Number(accuracy)).toBeGreaterThan(Number(baseline) + 0.15);
    expect(result.stdout).toMatch(/profiles: 2000 clients, mean education propensity 0\.\d{4}/);
    expect(await readdir(path.join(dir, 'model'))).toContain('aliases.json');
  }, 600_000);
});
