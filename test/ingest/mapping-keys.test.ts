import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../src/core/errors.js';
import { encodeText } from '../../src/ingest/encode-text.js';
import { ingest } from '../../src/ingest/ingest.js';
import { parseMapping } from '../../src/ingest/load-mapping.js';
import { CLIENTS_HEADER, TX_HEADER, collector, fixtureDir, options } from './helpers.js';

// Every key the mapping schema accepts must change what ingest does: each case runs the same
// files with and without one key and the outcomes must differ. A key that is accepted and then
// ignored (as clients.currency once was) fails here.

const CLIENTS = [CLIENTS_HEADER, 'C1,1980-01-01,100000,,,,,,', ''].join('\n');
const TX = [TX_HEADER, 'T1,C1,2024-06-01,10,debit,fee,,,', ''].join('\n');
const ACCOUNTS = ['account_id,client_id,role', 'A1,C1,owner', ''].join('\n');
const TX_BY_ACCOUNT = ['txn_id,account_id,date,amount,direction,type', 'T1,A1,2024-06-01,10,debit,fee', ''].join('\n');
const gbk = (text: string): Uint8Array => encodeText(text, 'gbk')!;

interface Case {
  readonly files: Record<string, string | Uint8Array>;
  /** The mapping without the key under test. */
  readonly base: Record<string, unknown>;
  /** The key under test, laid over the base's section. */
  readonly key: Record<string, unknown>;
  readonly paths?: { clients?: string; tx?: string; accounts?: string };
}

const clientsCase = (clients: string | Uint8Array, base: Record<string, unknown>, key: Record<string, unknown>, clientsFile = 'clients.csv'): Case =>
  ({ files: { [clientsFile]: clients, 'tx.csv': TX }, base, key, paths: { clients: clientsFile } });
const txCase = (tx: string | Uint8Array, base: Record<string, unknown>, key: Record<string, unknown>, txFile = 'tx.csv'): Case =>
  ({ files: { 'clients.csv': CLIENTS, [txFile]: tx }, base, key, paths: { tx: txFile } });
const accountsCase = (accounts: string | Uint8Array, base: Record<string, unknown>, key: Record<string, unknown>, accountsFile = 'accounts.csv'): Case =>
  ({ files: { 'clients.csv': CLIENTS + 'C2,1980-01-01,1,,,,,,\n', 'tx.csv': TX_BY_ACCOUNT, [accountsFile]: accounts }, base, key, paths: { accounts: accountsFile } });

const CASES: Record<string, Record<string, Case>> = {
  clients: {
    format: clientsCase(CLIENTS, {}, { format: 'csv' }, 'clients.dat'),
    encoding: clientsCase(gbk([CLIENTS_HEADER, 'C1,1980-01-01,1,已婚,,,,,', ''].join('\n')), { codes: { marital_status: { 已婚: 'married' } } }, { encoding: 'gbk' }),
    delimiter: clientsCase(CLIENTS.replaceAll(',', ';'), {}, { delimiter: ';' }),
    quote: clientsCase([CLIENTS_HEADER, "C1,1980-01-01,1,,,,,'A,7',", ''].join('\n'), {}, { quote: "'" }),
    decimalSeparator: clientsCase([CLIENTS_HEADER, 'C1;1980-01-01;1,5;;;;;;', ''].join('\n').replace(CLIENTS_HEADER, CLIENTS_HEADER.replaceAll(',', ';')), { delimiter: ';' }, { decimalSeparator: ',' }),
    thousandsSeparator: clientsCase([CLIENTS_HEADER, 'C1,1980-01-01,1 500,,,,,,', ''].join('\n'), {}, { thousandsSeparator: ' ' }),
    columns: clientsCase(CLIENTS.replace('client_id', 'KHH'), {}, { columns: { client_id: 'KHH' } }),
    codes: clientsCase([CLIENTS_HEADER, 'C1,1980-01-01,1,02,,,,,', ''].join('\n'), {}, { codes: { marital_status: { '02': 'married' } } }),
    dates: clientsCase([CLIENTS_HEADER, 'C1,19800101,1,,,,,,', ''].join('\n'), {}, { dates: { birth_date: 'YYYYMMDD' } }),
    constants: clientsCase(['client_id,birth_date,aum', 'C1,1980-01-01,1', ''].join('\n'), {}, { constants: { marital_status: 'married' } }),
    currency: clientsCase(CLIENTS, {}, { currency: 'USD' }),
    fxRates: clientsCase(CLIENTS, { currency: 'USD' }, { fxRates: { USD: 8 } }),
  },
  transactions: {
    format: txCase(TX, {}, { format: 'csv' }, 'tx.dat'),
    encoding: txCase(gbk([TX_HEADER, 'T1,C1,2024-06-01,10,debit,买入,,,', ''].join('\n')), { codes: { type: { 买入: 'buy' } } }, { encoding: 'gbk' }),
    delimiter: txCase(TX.replaceAll(',', ';'), {}, { delimiter: ';' }),
    quote: txCase([TX_HEADER, "'T,1',C1,2024-06-01,10,debit,fee,,,", ''].join('\n'), {}, { quote: "'" }),
    decimalSeparator: txCase(TX.replaceAll(',', ';').replace(';10;', ';1,5;'), { delimiter: ';' }, { decimalSeparator: ',' }),
    thousandsSeparator: txCase(TX.replace(',10,', ',1 000,'), {}, { thousandsSeparator: ' ' }),
    columns: txCase(TX.replace('txn_id', 'LSH'), {}, { columns: { txn_id: 'LSH' } }),
    codes: txCase(TX.replace(',fee,', ',01,'), {}, { codes: { type: { '01': 'buy' } } }),
    dates: txCase(TX.replace('2024-06-01', '20240601'), {}, { dates: { date: 'YYYYMMDD' } }),
    constants: txCase(['txn_id,client_id,date,amount,type', 'T1,C1,2024-06-01,10,fee', ''].join('\n'), {}, { constants: { direction: 'debit' } }),
    currency: txCase(TX, {}, { currency: 'USD' }),
    fxRates: txCase(TX, { currency: 'USD' }, { fxRates: { USD: 8 } }),
    rules: txCase(['txn_id,client_id,date,amount,direction,LX', 'T1,C1,2024-06-01,10,debit,1', ''].join('\n'), {},
      { rules: { type: { cases: [{ when: { LX: '1' }, then: 'buy' }], otherwise: 'other' } } }),
    skip: txCase(TX, {}, { skip: [{ reason: 'fees', when: { type: 'fee' } }] }),
  },
  accounts: {
    format: accountsCase(ACCOUNTS, {}, { format: 'csv' }, 'accounts.dat'),
    encoding: accountsCase(gbk(['account_id,client_id,role', 'A1,C1,户主', ''].join('\n')), { codes: { role: { 户主: 'owner' } } }, { encoding: 'gbk' }),
    delimiter: accountsCase(ACCOUNTS.replaceAll(',', ';'), {}, { delimiter: ';' }),
    quote: accountsCase(['account_id,client_id,role', "'A1',C1,owner", ''].join('\n'), {}, { quote: "'" }),
    columns: accountsCase(ACCOUNTS.replace('account_id', 'KONTO'), {}, { columns: { account_id: 'KONTO' } }),
    codes: accountsCase(ACCOUNTS.replace('owner', 'OWNER'), {}, { codes: { role: { OWNER: 'owner' } } }),
    // Without a role column every holder is an owner, so the second holder is a second owner (rejected).
    constants: accountsCase(['account_id,client_id', 'A1,C1', 'A1,C2', ''].join('\n'), {}, { constants: { role: 'co_holder' } }),
  },
};

/** Everything a caller of ingest can observe, or the error code. */
async function outcome(c: Case, section: string, mapping: Record<string, unknown>): Promise<unknown> {
  const dir = fixtureDir(c.files);
  const { rows, sink } = collector();
  try {
    const r = await ingest(options(dir, {
      mapping: parseMapping({ [section]: mapping }),
      clientsPath: join(dir, c.paths?.clients ?? 'clients.csv'),
      transactionsPath: join(dir, c.paths?.tx ?? 'tx.csv'),
      ...(section === 'accounts' ? { accountsPath: join(dir, c.paths?.accounts ?? 'accounts.csv') } : {}),
    }), () => sink);
    const t = r.clients;
    return {
      clients: [t.ids, [...t.aum], [...t.birthDay], [...t.marital], t.advisorId], counts: [r.clientCounts, r.transactionCounts, r.accountCounts], rows,
    };
  } catch (err) {
    if (err instanceof PipelineError) return err.code;
    throw err;
  }
}

describe('every mapping key changes the result', () => {
  for (const [section, cases] of Object.entries(CASES)) {
    it.each(Object.entries(cases))(`${section}.%s`, async (key, c) => {
      expect(Object.keys(c.key)).toEqual([key]);
      const without = await outcome(c, section, c.base);
      const withKey = await outcome(c, section, { ...c.base, ...c.key });
      expect(withKey).not.toEqual(without);
      // With the key the files are read as meant: nothing stops the run.
      expect(typeof withKey).toBe('object');
    });
  }

  it('covers every key of every section of the schema', async () => {
    const { ClientsMappingSchema, TransactionsMappingSchema, AccountsMappingSchema } = await import('../../src/ingest/mapping-schema.js');
    const keys = (s: { shape: Record<string, unknown> } | { def: unknown }): string[] => Object.keys((s as { shape: Record<string, unknown> }).shape).sort();
    expect(Object.keys(CASES.clients!).sort()).toEqual(keys(ClientsMappingSchema as never));
    expect(Object.keys(CASES.transactions!).sort()).toEqual(keys(TransactionsMappingSchema as never));
    expect(Object.keys(CASES.accounts!).sort()).toEqual(keys(AccountsMappingSchema as never));
  });
});
