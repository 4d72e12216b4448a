import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/rng.js';
import { ingest } from '../../src/ingest/ingest.js';
import { encodeText } from '../../src/ingest/encode-text.js';
import { parseMapping } from '../../src/ingest/load-mapping.js';
import { CLIENTS_HEADER, collector, fixtureDir, options, readRejects } from './helpers.js';

const CLIENTS = [CLIENTS_HEADER, 'C1,1980-05-01,100,,,,,,', 'C2,1985-05-01,100,,,,,,', 'C3,1990-05-01,100,,,,,,', ''].join('\n');
// C1 owns three accounts; C2 is a co-holder of A1 and owns A4; A5 is held by C3 as co-holder only.
const ACCOUNTS = [
  'disp_id;account;client;kind',
  'D1;A1;C1;OWNER', 'D2;A2;C1;OWNER', 'D3;A3;C1;OWNER', 'D4;A1;C2;DISPONENT', 'D5;A4;C2;OWNER', 'D6;A5;C3;DISPONENT',
  'D7;A6;C9;OWNER', // orphan_client: no such client
  'D8;A1;C3;OWNER', // duplicate_id: A1 already has an owner
  'D9;A7;C3;BOSS', // unknown_code
  '',
].join('\n');
const TX = [
  'txn_id,account_id,date,amount,direction,type',
  'T1,A1,2024-06-01,10,credit,salary', 'T2,A2,2024-06-02,20,debit,buy', 'T3,A3,2024-06-03,30,debit,fee',
  'T4,A4,2024-06-04,40,credit,salary', 'T5,A5,2024-06-05,50,credit,deposit',
  'T6,A6,2024-06-06,60,credit,deposit', // orphan_account: its only holder was rejected
  'T7,A99,2024-06-07,70,credit,deposit', // orphan_account: not in the accounts file
  '',
].join('\n');
const MAPPING = {
  accounts: { delimiter: ';', columns: { account_id: 'account', client_id: 'client', role: 'kind' }, codes: { role: { OWNER: 'owner', DISPONENT: 'co_holder' } } },
};

describe('accounts', () => {
  it('attributes each account to its owner (an owner-less account to its first co-holder), so a client aggregates all their accounts', async () => {
    const dir = fixtureDir({ 'clients.csv': CLIENTS, 'accounts.csv': ACCOUNTS, 'tx.csv': TX });
    const { rows, sink } = collector();
    const result = await ingest(options(dir, { mapping: parseMapping(MAPPING), accountsPath: join(dir, 'accounts.csv') }), () => sink);
    expect(rows.map((t) => [result.clients.ids[t.clientIndex], t.amount])).toEqual([['C1', 10], ['C1', 20], ['C1', 30], ['C2', 40], ['C3', 50]]);
    expect(result.accountCounts).toEqual({ read: 9, accepted: 6, rejected: 3, byReason: { orphan_client: 1, duplicate_id: 1, unknown_code: 1 }, skipped: 0, bySkip: {} });
    expect(result.transactionCounts.byReason).toEqual({ orphan_account: 2 });
    const rejects = readRejects(result.rejectsPath).slice(1);
    expect(rejects.map((r) => [r[0]!.endsWith('accounts.csv') ? 'accounts' : 'tx', r[1], r[2]])).toEqual([
      ['accounts', '8', 'orphan_client'], ['accounts', '9', 'duplicate_id'], ['accounts', '10', 'unknown_code'],
      ['tx', '7', 'orphan_account'], ['tx', '8', 'orphan_account'],
    ]);
    expect(rejects[1]![3]).toBe('account "A1" already has an owner (client "C1")');
  });

  it('needs the accounts file when transactions carry account_id; a mapping accounts section without a file is config_invalid', async () => {
    const dir = fixtureDir({ 'clients.csv': CLIENTS, 'accounts.csv': ACCOUNTS, 'tx.csv': TX });
    const missing = await ingest(options(dir), () => collector().sink).then(() => undefined, (e: unknown) => e);
    expect((missing as PipelineError).code).toBe('input_invalid');
    expect((missing as PipelineError).message).toContain('no column "client_id"');
    const unused = await ingest(options(dir, { mapping: parseMapping(MAPPING) }), () => collector().sink).then(() => undefined, (e: unknown) => e);
    expect((unused as PipelineError).code).toBe('config_invalid');
  });

  it('reads account-keyed rows with code rules and skip rules on worker threads exactly as on one thread', async () => {
    const rng = new Rng('accounts-parallel');
    const lines = ['id;acct;day;amount;TYPE;OP;PURPOSE'];
    for (let i = 0; i < 2000; i++) {
      const acct = rng.bernoulli(0.03) ? 'A404' : `A${1 + rng.int(5)}`;
      lines.push(`T${rng.bernoulli(0.02) ? rng.int(i + 1) : i};${acct};2024-06-${String(1 + rng.int(28)).padStart(2, '0')};${1 + rng.int(900)};`
        + `${rng.pick(['1', '2', '9'])};${rng.pick(['1', '2', '3', ''])};${rng.pick(['', '', 'DUCHOD', 'UROK', 'X'])}`);
    }
    const dir = fixtureDir({ 'clients.csv': CLIENTS, 'accounts.csv': ACCOUNTS, 'tx.csv': lines.join('\n') + '\n' });
    const mapping = parseMapping({
      ...MAPPING,
      transactions: {
        delimiter: ';', columns: { txn_id: 'id', account_id: 'acct', date: 'day' },
        rules: {
          type: { cases: [{ when: { PURPOSE: 'DUCHOD' }, then: 'pension' }, { when: { TYPE: '1', OP: '1' }, then: 'deposit' }, { when: { TYPE: '2' }, then: 'withdrawal' }], otherwise: 'other' },
          direction: { cases: [{ when: { TYPE: '1' }, then: 'credit' }, { when: { TYPE: '2' }, then: 'debit' }], otherwise: 'reject' },
        },
        skip: [{ reason: 'interest_posting', when: { PURPOSE: 'UROK' } }],
      },
    });
    const base = options(dir, { mapping, accountsPath: join(dir, 'accounts.csv') });
    for (const strictCodes of [false, true]) {
      const single = collector();
      const one = await ingest({ ...base, strictCodes, parallel: { workers: 0 } }, () => single.sink);
      const multi = collector();
      const two = await ingest({ ...base, strictCodes, parallel: { workers: 2, minBytes: 0, rangeBytes: 4000, window: 3 } }, () => multi.sink);
      expect(Object.keys(one.transactionCounts.byReason).sort()).toEqual(['duplicate_id', 'orphan_account', 'unknown_code']);
      expect(one.transactionCounts.skipped).toBeGreaterThan(0);
      expect(one.transactionCounts.unmapped.length).toBeGreaterThan(0);
      expect(two.transactionCounts).toStrictEqual(one.transactionCounts);
      expect(multi.rows).toStrictEqual(single.rows);
    }
  });
  it('resolves non-ASCII account ids by their text, so a GBK accounts file serves a UTF-8 transactions file', async () => {
    // 账户1 is owned by C1 with C2 as co-holder, then listed again for C2 (a duplicate link);
    // 账户2 has a co-holder only; the ASCII A3 shares the table with them.
    const accountsText = ['account_id,client_id,role', '账户1,C1,owner', '账户1,C2,co_holder', '账户2,C3,co_holder', 'A3,C2,owner', '账户1,C2,co_holder', ''].join('\n');
    const gbk = encodeText(accountsText, 'gbk')!;
    const tx = [
      'txn_id,account_id,date,amount,direction,type',
      'T1,账户1,2024-06-01,10,credit,salary', 'T2,账户2,2024-06-02,20,credit,deposit', 'T3,A3,2024-06-03,30,debit,fee', 'T4,账户3,2024-06-04,40,credit,deposit', '',
    ].join('\n');
    const dir = fixtureDir({ 'clients.csv': CLIENTS, 'accounts.csv': gbk, 'tx.csv': tx });
    const { rows, sink } = collector();
    const mapping = parseMapping({ accounts: { encoding: 'gbk' } });
    const result = await ingest(options(dir, { mapping, accountsPath: join(dir, 'accounts.csv') }), () => sink);
    expect(rows.map((t) => [result.clients.ids[t.clientIndex], t.amount])).toEqual([['C1', 10], ['C3', 20], ['C2', 30]]);
    expect(result.accountCounts?.byReason).toEqual({ duplicate_id: 1 });
    expect(result.transactionCounts.byReason).toEqual({ orphan_account: 1 });
    const rejects = readRejects(result.rejectsPath).slice(1);
    expect(rejects.map((r) => [r[1], r[2], r[3]])).toEqual([
      ['6', 'duplicate_id', 'account "账户1" is already linked to client "C2"'],
      ['5', 'orphan_account', 'account_id is not in the accounts file, or none of its holders is an accepted client'],
    ]);
  });
});
