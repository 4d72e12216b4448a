import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseFiles } from './bad-input-corpus.js';
import { CLI, ROOT } from './run-cli.js';

function cli(args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, TZ: 'UTC', CLIENTSEG_LOG_LEVEL: 'error' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('a run stopped by the reject gate', () => {
  it('is stored failed with the rows it read, accepted and rejected (not 0/0/0)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'clientseg-failed-counts-'));
    const files = baseFiles();
    writeFileSync(path.join(dir, 'clients.csv'), files['clients.csv']!);
    writeFileSync(path.join(dir, 'tx.csv'), `${String(files['tx.csv'])}T8,C1,2026-03-01,1e309,credit,salary,,,CNY\nT9,C2,2026-03-01,abc,credit,salary,,,CNY\n`);
    const r = cli(['score', '--model', path.join(ROOT, 'models', 'sample'), '--clients', 'clients.csv', '--transactions', 'tx.csv',
      '--as-of', '2026-06-30', '--out', 'out/scores.csv', '--store', 'sqlite:runs.db'], dir);
    expect(r.status).toBe(5);
    expect(r.stderr).toMatch(/^clientseg: tx\.csv: 22\.22% of rows rejected \(2 of 9\), above the 5\.00% gate; .*\[reject_gate\]\n$/);
    const runs = JSON.parse(cli(['runs', '--json', '--store', 'sqlite:runs.db'], dir).stdout) as { status: string; error: string; counts: Record<string, number> }[];
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      status: 'failed',
      counts: { clientsRead: 3, clientsAccepted: 3, clientsRejected: 0, transactionsRead: 9, transactionsAccepted: 7, transactionsRejected: 2, scored: 0 },
    });
    expect(runs[0]!.error).toMatch(/^reject_gate: tx\.csv: 22\.22% of rows rejected/);
  }, 120_000);
});
