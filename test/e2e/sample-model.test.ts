import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-sample-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('the bundled sample', () => {
  it('has a committed model that its documented command rebuilds byte for byte', async () => {
    // The command in models/README.md, into a scratch folder also named "sample".
    const out = path.join(dir, 'sample');
    const result = runCli(['train', '--clients', 'data-samples/clients.csv', '--transactions', 'data-samples/transactions.csv',
      '--as-of', '2026-06-30', '--out', out, '--seed', '2026', '--k', '7', '--rejects', path.join(dir, 'rejects.csv')]);
    expect(result.status).toBe(0);
    const committed = (await readdir(path.join(ROOT, 'models', 'sample'))).filter((n) => n !== 'aliases.json');
    expect(await readdir(out)).toContain(committed[0]);
    const bundle = path.join(ROOT, 'models', 'sample', committed[0]!);
    for (const file of await readdir(bundle)) {
      expect({ file, same: (await readFile(path.join(bundle, file))).equals(await readFile(path.join(out, committed[0]!, file))) })
        .toStrictEqual({ file, same: true });
    }
  }, 180_000);

  it('is scored by `clientseg sample` into scores.csv and report.html with a summary', async () => {
    const result = runCli(['sample', '--out', path.join(dir, 'out')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/C mass\s+\d+/);
    expect(result.stdout).toContain('top needs:');
    const scores = (await readFile(path.join(dir, 'out', 'scores.csv'), 'utf8')).trim().split('\n');
    expect(scores).toHaveLength(2001);
    expect(await readFile(path.join(dir, 'out', 'report.html'), 'utf8')).toContain('<svg');
  }, 120_000);
});
