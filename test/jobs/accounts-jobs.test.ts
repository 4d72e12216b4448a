import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../src/core/days.js';
import { runPipeline } from '../../src/jobs/run-pipeline.js';
import { train } from '../../src/jobs/train.js';
import { ScorePipelineSchema } from '../../src/pipeline/pipeline-schema.js';
import { QUICK_TRAINING } from '../setup/quick-training.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'bank-export');
let dir: string;

beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-accounts-jobs-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

/** The worked example's mapping, as docs/ingest.md shows it. */
async function docsMapping(): Promise<unknown> {
  const page = await readFile(path.join(ROOT, 'docs', 'ingest.md'), 'utf8');
  return JSON.parse(/```json\n([\s\S]*?)\n```/.exec(page.slice(page.indexOf('<!-- worked-example-mapping -->')))![1]!);
}

describe('accounts in the jobs', () => {
  it('train: account-keyed transactions, each account owned by its client, give the model that client-keyed ones give', async () => {
    // 400 clients of the sample; their transactions spread over two accounts each.
    const clients = (await readFile(path.join(ROOT, 'data-samples', 'clients.csv'), 'utf8')).split('\n').slice(0, 401);
    const ids = new Set(clients.slice(1).map((l) => l.split(',')[0]));
    const tx = (await readFile(path.join(ROOT, 'data-samples', 'transactions.csv'), 'utf8')).trimEnd().split('\n');
    const own = tx.slice(1).filter((l) => ids.has(l.split(',')[1]));
    await writeFile(path.join(dir, 'clients.csv'), clients.join('\n') + '\n');
    await writeFile(path.join(dir, 'tx.csv'), [tx[0], ...own].join('\n') + '\n');
    await writeFile(path.join(dir, 'tx-by-account.csv'), [tx[0]!.replace('client_id', 'account_id'), ...own.map((l, n) => {
      const cells = l.split(',');
      cells[1] = `${cells[1]}-${n % 2}`;
      return cells.join(',');
    })].join('\n') + '\n');
    await writeFile(path.join(dir, 'accounts.csv'), ['account_id,client_id,role', ...[...ids].flatMap((id) => [`${id}-0,${id},owner`, `${id}-1,${id},owner`])].join('\n') + '\n');
    const common = { clientsPath: path.join(dir, 'clients.csv'), asOf: parseIsoDay('2026-06-30')!, seed: 5, ...QUICK_TRAINING, segments: { k: 4 as const } };
    const byClient = await train({ ...common, transactionsPath: path.join(dir, 'tx.csv'), modelDir: path.join(dir, 'by-client'), rejectsPath: path.join(dir, 'r1.csv') });
    const byAccount = await train({
      ...common, transactionsPath: path.join(dir, 'tx-by-account.csv'), accountsPath: path.join(dir, 'accounts.csv'),
      modelDir: path.join(dir, 'by-account'), rejectsPath: path.join(dir, 'r2.csv'),
    });
    expect(byAccount.report.data.accounts).toEqual({ read: 800, accepted: 800, rejected: 0, byReason: {}, skipped: 0, bySkip: {} });
    expect(byAccount.report.data.transactions).toEqual(byClient.report.data.transactions);
    for (const file of ['scaler.json', 'segments.json', 'risk-weights.bin', 'needs-weights.bin']) {
      const [a, b] = await Promise.all([readFile(path.join(byClient.dir, file)), readFile(path.join(byAccount.dir, file))]);
      expect({ file, same: a.equals(b) }).toEqual({ file, same: true });
    }
    expect(await readFile(path.join(byAccount.dir, 'report.html'), 'utf8')).toContain('<td>800</td><td>800</td><td>0</td>');
  }, 240_000);

  it('the nightly pipeline takes inputs.accounts and inputs.strictCodes, and its run report carries the accounting', async () => {
    const pipeline = ScorePipelineSchema.parse({
      name: 'bank-export', kind: 'score',
      inputs: {
        clients: { path: path.join(FIXTURE, 'klienti.csv') }, transactions: { path: path.join(FIXTURE, 'transakce.csv') },
        accounts: { path: path.join(FIXTURE, 'ucty.csv') }, mapping: await docsMapping(), strictCodes: true, rejectGate: 0.2,
      },
      model: { name: path.join(ROOT, 'models', 'sample') }, asOf: '2024-06-30',
      store: { url: `sqlite:${path.join(dir, 'store.db')}` }, output: path.join(dir, 'nightly'), driftGate: { failOn: 'never' },
    });
    const result = await runPipeline(pipeline, {});
    expect(result).toMatchObject({ kind: 'score', outcome: 'completed' });
    const report = JSON.parse(await readFile(path.join(dir, 'nightly', 'run-report.json'), 'utf8')) as { ingest: { accounts: unknown; transactions: Record<string, unknown> } };
    expect(report.ingest.accounts).toMatchObject({ read: 7, accepted: 7 });
    // Strict codes: T11's unmapped oper 4 is now a reject beside the orphan account.
    expect(report.ingest.transactions).toMatchObject({
      read: 13, accepted: 9, rejected: 2, skipped: 2, byReason: { orphan_account: 1, unknown_code: 1 },
      unmapped: [{ field: 'type', column: 'oper', value: '4', rows: 1 }],
    });
    expect(await readFile(path.join(dir, 'nightly', 'report.html'), 'utf8')).toContain('orphan_account 1, unknown_code 1');
  }, 120_000);
});
