import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testSchema } from '../store/pg-schema.js';
import { CLI, ROOT } from './run-cli.js';

const pg = testSchema('encoding');
afterAll(async () => { await pg.drop(); });

/**
 * 200 sample clients, two with ids that need care but are fine (Chinese text, a quote and a
 * comma), and four whose ids PostgreSQL would refuse or U+FFFD would merge. Each odd client
 * takes over the transactions of one sample client, so every one of them has history.
 */
function inputs(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'clientseg-encoding-'));
  const clients = readFileSync(path.join(ROOT, 'data-samples', 'clients.csv'), 'utf8').trimEnd().split('\n');
  const txs = readFileSync(path.join(ROOT, 'data-samples', 'transactions.csv'), 'utf8').trimEnd().split('\n');
  const kept = clients.slice(1, 201);
  const ids = new Set(kept.map((l) => l.split(',')[0]));
  const donors = clients.slice(201, 207).map((l) => l.split(','));
  const odd: (string | Buffer)[] = ['C张三', '"O\'Brien, K"', Buffer.from([0x43, 0x00, 0x31]), Buffer.from([0x43, 0xff, 0x31]), Buffer.from([0x43, 0xfe, 0x31]), Buffer.from([0x43, 0xc2, 0x85])];
  const row = (id: string | Buffer, rest: string): Buffer => Buffer.concat([Buffer.from(id), Buffer.from(`,${rest}\n`)]);
  const clientRows = odd.map((id, k) => row(id, donors[k]!.slice(1).join(',')));
  const txRows = odd.flatMap((id, k) => txs.slice(1).filter((l) => l.split(',')[1] === donors[k]![0]).map((l) => {
    const f = l.split(',');
    return Buffer.concat([Buffer.from(`X${k}${f[0]},`), Buffer.from(id), Buffer.from(`,${f.slice(2).join(',')}\n`)]);
  }));
  writeFileSync(path.join(dir, 'clients.csv'), Buffer.concat([Buffer.from([clients[0], ...kept, ''].join('\n')), ...clientRows]));
  writeFileSync(path.join(dir, 'tx.csv'), Buffer.concat([Buffer.from([txs[0], ...txs.slice(1).filter((l) => ids.has(l.split(',')[1])), ''].join('\n')), ...txRows]));
  return dir;
}

function cli(args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, TZ: 'UTC', CLIENTSEG_LOG_LEVEL: 'error' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ids that a store would refuse or merge', () => {
  const dir = inputs();
  it.each([['SQLite', `sqlite:${path.join(dir, 'runs.db')}`], ['PostgreSQL', pg.url]])('are rejected at ingest, and %s stores every accepted client', (_engine, store) => {
    const scored = cli(['score', '--model', path.join(ROOT, 'models', 'sample'), '--clients', 'clients.csv', '--transactions', 'tx.csv',
      '--as-of', '2026-06-30', '--out', `out-${_engine}/scores.csv`, '--store', store, '--reject-gate', '1'], dir);
    expect({ status: scored.status, stderr: scored.stderr }).toEqual({ status: 0, stderr: '' });
    expect(scored.stdout).toMatch(/^clients\s+read 206, accepted 202, rejected 4 \(bad_encoding 4\)$/m);
    const runs = JSON.parse(cli(['runs', '--json', '--store', store], dir).stdout) as { counts: Record<string, number>; status: string }[];
    expect(runs[0]).toMatchObject({ status: 'completed', counts: { clientsRead: 206, clientsAccepted: 202, clientsRejected: 4, scored: 202 } });
    const exported = cli(['export', '--run', 'latest', '--format', 'csv', '--store', store], dir);
    expect(exported.status).toBe(0);
    const ids = exported.stdout.replace(/^\uFEFF/, '').trimEnd().split('\n').slice(1).map((l) => (l.startsWith('"') ? l.slice(0, l.indexOf('",') + 1) : l.split(',')[0]));
    expect(ids).toHaveLength(202);
    expect(ids).toContain('C张三');
    expect(ids).toContain('"O\'Brien, K"');
    expect(ids.filter((id) => /[\u0000-\u001f\u007f-\u009f\uFFFD]/.test(id!))).toEqual([]);
  }, 120_000);
});
