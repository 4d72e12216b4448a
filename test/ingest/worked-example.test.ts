import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TXN_TYPES } from '../../src/core/contract.js';
import { dayNumber } from '../../src/core/days.js';
import { assetTier } from '../../src/fuse/asset-tier.js';
import { DEFAULT_RULES } from '../../src/fuse/rules-config.js';
import { parseMapping } from '../../src/ingest/load-mapping.js';
import { ingest } from '../../src/ingest/ingest.js';
import { CLI, ROOT } from '../e2e/run-cli.js';
import { collector, readRejects } from './helpers.js';

// The worked example of docs/ingest.md, run with the mapping as the page shows it.
const FIXTURE = join(ROOT, 'test', 'fixtures', 'bank-export');
const AS_OF = '2024-06-30';

function docsMapping(): string {
  const page = readFileSync(join(ROOT, 'docs', 'ingest.md'), 'utf8');
  const at = page.indexOf('<!-- worked-example-mapping -->');
  expect(at).toBeGreaterThan(0);
  const block = /```json\n([\s\S]*?)\n```/.exec(page.slice(at));
  return block![1]!;
}

const files = {
  clientsPath: join(FIXTURE, 'klienti.csv'), accountsPath: join(FIXTURE, 'ucty.csv'), transactionsPath: join(FIXTURE, 'transakce.csv'),
};

/** The built CLI with info logs (JSON lines on stderr), as a scheduler runs it. */
function cli(args: string[]): { status: number | null; stdout: string; logs: Record<string, unknown>[] } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'UTC', CLIENTSEG_LOG_LEVEL: 'info' }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, logs: r.stderr.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('the worked example in docs/ingest.md', () => {
  it('reads the three tables as the page says: accounts, code rules over overlapping columns, currencies, skips', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clientseg-example-'));
    const { rows, sink } = collector();
    const result = await ingest({
      ...files, mapping: parseMapping(JSON.parse(docsMapping())), asOf: dayNumber(2024, 6, 30), horizonDays: 90,
      windowStartExclusive: dayNumber(2023, 6, 30), rejectsPath: join(dir, 'rejects.csv'), rejectGate: 0.1,
    }, () => sink);
    const c = result.clients;
    expect(c.ids).toEqual(['K01', 'K02', 'K03', 'K04']);
    expect([...c.birthDay]).toEqual([dayNumber(1980, 3, 15), dayNumber(1965, 7, 1), dayNumber(2009, 4, 12), dayNumber(1955, 11, 20)]);
    // K01's koruna look like HNW as a bare number and are mass in CNY; K02's euros make HNW.
    expect([...c.aum].map((a) => Math.round(a))).toEqual([192_200, 616_000, 310, 930_000]);
    expect([620_000, ...[...c.aum].slice(0, 2)].map((a) => assetTier(a, DEFAULT_RULES.tiers).tier)).toEqual(['hnw', 'mass', 'hnw']);
    expect(c.declaredRisk).toEqual(['balanced', 'conservative', 'conservative', 'aggressive']);

    expect(result.accountCounts).toEqual({ read: 7, accepted: 7, rejected: 0, byReason: {}, skipped: 0, bySkip: {} });
    const t = result.transactionCounts;
    expect([t.read, t.accepted, t.rejected, t.skipped]).toEqual([13, 10, 1, 2]);
    expect([t.byReason, t.bySkip]).toEqual([{ orphan_account: 1 }, { interest_posting: 1, reversal: 1 }]);
    expect(t.periods).toEqual({ beforeWindow: 1, inWindow: 8, inHorizon: 1, lastDay: dayNumber(2024, 7, 10) });
    expect(t.unmapped).toEqual([{ field: 'type', column: 'oper', value: '4', rows: 1 }]);
    // K01 aggregates its three accounts (T01–T04); K02, a co-holder of U100, gets only its own U200.
    const of = (id: string) => rows.filter((r) => c.ids[r.clientIndex] === id).map((r) => TXN_TYPES[r.type]);
    expect(of('K01')).toEqual(['salary', 'salary', 'card_spend', 'deposit']);
    expect(of('K02')).toEqual(['pension', 'transfer_in']);
    expect(of('K04')).toEqual(['transfer_out', 'other', 'insurance_premium']);
    // K02's T05 and T13 are in EUR; K01's card payment T03 is 1,200.50 CZK.
    const amounts = (id: string) => rows.filter((r) => c.ids[r.clientIndex] === id).map((r) => Math.round(r.amount * 100) / 100);
    expect([amounts('K02'), amounts('K01')[2]]).toEqual([[7700, 15400], 372.16]);
    expect(rows.every((r) => !r.isCny)).toBe(true);
    expect(readRejects(join(dir, 'rejects.csv')).slice(1).map((r) => [r[1], r[2]])).toEqual([['11', 'orphan_account']]);
  });

  it('`clientseg features` and `score` on it: read = accepted + rejected + skipped per file, and the log, summary, rejects file and report agree', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clientseg-example-cli-'));
    writeFileSync(join(dir, 'bank.json'), docsMapping());
    const inputs = ['--clients', files.clientsPath, '--accounts', files.accountsPath, '--transactions', files.transactionsPath,
      '--mapping', join(dir, 'bank.json'), '--as-of', AS_OF, '--reject-gate', '0.1'];
    const features = cli(['features', ...inputs, '--out', join(dir, 'features', 'features.csv')]);
    expect(features.status).toBe(0);
    const logged = Object.fromEntries(['clients read', 'accounts read', 'transactions read'].map((msg) => [msg, features.logs.find((l) => l.msg === msg)!]));
    for (const l of Object.values(logged)) {
      expect(l.read).toBe((l.accepted as number) + (l.rejected as number) + (l.skipped as number));
    }
    const tx = logged['transactions read']!;
    expect(tx).toMatchObject({ read: 13, accepted: 10, rejected: 1, skipped: 2, periods: { beforeWindow: 1, inWindow: 8, inHorizon: 1 } });
    expect(features.stdout).toContain('clients       read 4, accepted 4, rejected 0\n');
    expect(features.stdout).toContain('accounts      read 7, accepted 7, rejected 0\n');
    expect(features.stdout).toContain('transactions  read 13, accepted 10, rejected 1 (orphan_account 1), skipped 2 (interest_posting 1, reversal 1)\n');
    expect(features.stdout).toContain('of 10 accepted: 1 before the window (unused), 8 in the window, 1 in the horizon (needs labels only); last 2024-07-10');
    expect(features.stdout).toContain('unmapped codes (add them to the mapping): type oper="4" 1');
    expect(features.logs.filter((l) => l.code === 'unmapped_code').map((l) => [l.column, l.value, l.rows])).toEqual([['oper', '4', 1]]);
    const rejects = readRejects(join(dir, 'features', 'rejects.csv')).slice(1);
    expect(rejects.length).toBe((logged['clients read']!.rejected as number) + (logged['accounts read']!.rejected as number) + (tx.rejected as number));

    const score = cli(['score', ...inputs, '--model', join(ROOT, 'models', 'sample'), '--out', join(dir, 'score', 'scores.csv'), '--report', join(dir, 'score', 'report.html')]);
    expect(score.status).toBe(0);
    expect(score.stdout).toContain('transactions  read 13, accepted 10, rejected 1 (orphan_account 1), skipped 2 (interest_posting 1, reversal 1)\n');
    const html = readFileSync(join(dir, 'score', 'report.html'), 'utf8');
    // The report's accounting table: transactions read, accepted, rejected, reasons, skipped, skip reasons.
    expect(html).toContain('<td>13</td><td>10</td><td>1</td><td class="text">orphan_account 1</td><td>2</td><td class="text">interest_posting 1, reversal 1</td>');
    expect(html).toContain('<td>10</td><td>1</td><td>8</td><td>1</td><td class="text">2024-07-10</td>');
    const scores = readFileSync(join(dir, 'score', 'scores.csv'), 'utf8').trim().split('\n');
    const header = scores[0]!.split(',');
    const col = (row: string, name: string) => row.split(',')[header.indexOf(name)];
    const k = (id: string) => scores.find((r) => r.startsWith(`${id},`))!;
    expect([col(k('K01'), 'asset_tier'), col(k('K02'), 'asset_tier')]).toEqual(['mass', 'hnw']);
    expect([col(k('K03'), 'lifecycle_stage'), col(k('K03'), 'suitability')]).toEqual(['minor', 'R1']);
    expect(k('K03')).toContain('minor');
  }, 120_000);
});
