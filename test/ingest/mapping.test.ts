import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/core/days.js';
import { PipelineError } from '../../src/core/errors.js';
import { MISSING_CODE } from '../../src/core/records.js';
import { ingest } from '../../src/ingest/ingest.js';
import { loadMapping, parseMapping } from '../../src/ingest/load-mapping.js';
import { CLIENTS_HEADER, TX_HEADER, collector, fixtureDir, options, readRejects } from './helpers.js';

async function expectCode(p: Promise<unknown>, code: string): Promise<PipelineError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(PipelineError);
  expect((err as PipelineError).code).toBe(code);
  return err as PipelineError;
}

describe('loadMapping', () => {
  it('rejects unreadable files, bad JSON, misspelt keys and codes outside the vocabulary as config_invalid', async () => {
    const dir = fixtureDir({
      'bad.json': '{ "clients": ',
      'typo.json': JSON.stringify({ transactions: { delimeter: ';' } }),
      'vocab.json': JSON.stringify({ transactions: { codes: { type: { '01': 'buyy' } } } }),
      'gbk.json': JSON.stringify({ transactions: { encoding: 'gbk', delimiter: '|' } }),
      'ok.json': '\uFEFF' + JSON.stringify({ transactions: { delimiter: ';', dates: { date: 'YYYYMMDD' } } }),
    });
    await expectCode(loadMapping(join(dir, 'missing.json')), 'config_invalid');
    await expectCode(loadMapping(join(dir, 'bad.json')), 'config_invalid');
    const typo = await expectCode(loadMapping(join(dir, 'typo.json')), 'config_invalid');
    expect(typo.message).toContain('delimeter');
    const vocab = await expectCode(loadMapping(join(dir, 'vocab.json')), 'config_invalid');
    expect(vocab.message).toContain('"buyy" is not a type value');
    await expectCode(loadMapping(join(dir, 'gbk.json')), 'config_invalid');
    expect(await loadMapping(join(dir, 'ok.json'))).toEqual({ transactions: { delimiter: ';', dates: { date: 'YYYYMMDD' } } });
    expect(() => parseMapping({ clients: { columns: { nickname: 'X' } } })).toThrow(PipelineError);
  });
});

describe('ingest with a mapping', () => {
  it('applies renames, YYMMDD dates, code maps, first-of-several columns, constants, decimal comma and FX', async () => {
    const clients = ['KHH;CSRQ;ZZC;HYZK', 'K1;850317;1.234,56;02', 'K2;240101;10;', 'K3;991231;0,5;01', ''].join('\n');
    const tx = [
      'LSH;KHH;RQ;JE;JYLX;JYLX2;BZ',
      'A1;K1;240601;1.000,50;01;;USD', // 01 → buy (first column maps)
      'A2;K1;240602;7,25;ZZ;88;', // ZZ unknown in col 1 → 88 → dividend; empty currency → default HKD
      'A3;K3;240603;3;ZZ;77;EUR', // neither maps → unknown_code
      'A4;K1;240604;3;01;;JPY', // JPY rate overridden to 0.05
      'A5;K1;240605;3;01;;RMB', // RMB → CNY via code map
      '',
    ].join('\n');
    const dir = fixtureDir({ 'clients.csv': clients, 'tx.csv': tx });
    const mapping = parseMapping({
      clients: {
        delimiter: ';', decimalSeparator: ',', thousandsSeparator: '.',
        columns: { client_id: 'KHH', birth_date: 'CSRQ', aum: 'ZZC', marital_status: 'HYZK' },
        dates: { birth_date: 'YYMMDD' },
        codes: { marital_status: { '01': 'single', '02': 'married' } },
      },
      transactions: {
        delimiter: ';', decimalSeparator: ',', thousandsSeparator: '.',
        columns: { txn_id: 'LSH', client_id: 'KHH', date: 'RQ', amount: 'JE', type: ['JYLX', 'JYLX2'], currency: 'BZ' },
        constants: { direction: 'debit' },
        dates: { date: { format: 'YYMMDD' } },
        codes: { type: { '01': 'buy', '88': 'dividend' }, currency: { RMB: 'CNY' } },
        currency: 'HKD',
        fxRates: { JPY: 0.05 },
      },
    });
    const { rows, sink } = collector();
    const result = await ingest(options(dir, { mapping }), () => sink);
    // as-of 2024-06-30: pivot 2024 for birth dates, so 24 → 2024 and 99 → 1999
    expect(result.clients.ids).toEqual(['K1', 'K2', 'K3']);
    expect([...result.clients.birthDay]).toEqual([dayNumber(1985, 3, 17), dayNumber(2024, 1, 1), dayNumber(1999, 12, 31)]);
    expect([...result.clients.aum]).toEqual([1234.56, 10, 0.5]);
    expect([...result.clients.marital]).toEqual([1, MISSING_CODE, 0]);
    expect(result.clientCounts).toEqual({ read: 3, accepted: 2 + 1, rejected: 0, byReason: {}, skipped: 0, bySkip: {} });
    expect(rows).toEqual([
      { clientIndex: 0, day: dayNumber(2024, 6, 1), amount: 1000.5 * 7.1, direction: 1, type: 5, assetClass: MISSING_CODE, productRisk: 0, isCny: false },
      { clientIndex: 0, day: dayNumber(2024, 6, 2), amount: 7.25 * 0.91, direction: 1, type: 7, assetClass: MISSING_CODE, productRisk: 0, isCny: false },
      { clientIndex: 0, day: dayNumber(2024, 6, 4), amount: 3 * 0.05, direction: 1, type: 5, assetClass: MISSING_CODE, productRisk: 0, isCny: false },
      { clientIndex: 0, day: dayNumber(2024, 6, 5), amount: 3, direction: 1, type: 5, assetClass: MISSING_CODE, productRisk: 0, isCny: true },
    ]);
    expect(result.transactionCounts).toEqual({
      read: 5, accepted: 4, rejected: 1, byReason: { unknown_code: 1 }, skipped: 0, bySkip: {},
      periods: { beforeWindow: 0, inWindow: 4, inHorizon: 0, lastDay: dayNumber(2024, 6, 5) },
      // ZZ fell through to JYLX2 in A2 and was met again in A3; no longer silent.
      unmapped: [{ field: 'type', column: 'JYLX', value: 'ZZ', rows: 2 }, { field: 'type', column: 'JYLX2', value: '77', rows: 1 }],
    });
    expect(readRejects(result.rejectsPath)[1]!.slice(1, 4)).toEqual(['4', 'unknown_code', 'type "ZZ" is not a contract transaction type']);
  });

  it('an unknown code after mapping is rejected (and trips a zero gate); a mapped column missing from the file is input_invalid', async () => {
    const dir = fixtureDir({ 'clients.csv': 'KHH,birth_date,aum,HYZK\nK1,1980-01-01,1,09\n', 'tx.csv': TX_HEADER + '\n' });
    const mapping = { clients: { columns: { client_id: 'KHH', marital_status: 'HYZK' }, codes: { marital_status: { '01': 'single' } } } };
    const gate = await expectCode(ingest(options(dir, { mapping, rejectGate: 0 }), () => collector().sink), 'reject_gate');
    expect(gate.details).toMatchObject({ read: 1, rejected: 1, share: 1, gate: 0, byReason: { unknown_code: 1 } });
    expect(readRejects(join(dir, 'out', 'rejects.csv')).slice(1)).toEqual([[join(dir, 'clients.csv'), '2', 'unknown_code', 'marital_status "09" breaks the contract', 'K1,1980-01-01,1,09']]);
    const err = await expectCode(ingest(options(dir, { mapping: { clients: { columns: { client_id: 'CUST' } } } }), () => collector().sink), 'input_invalid');
    expect(err.details).toMatchObject({ field: 'client_id', missing: ['CUST'] });
  });

  it('reads GBK files, including GBK code values and constants', async () => {
    // 张三 D5 C5 C8 FD, 买入 C2 F2 C8 EB, 已婚 D2 D1 BB E9
    const ascii = (s: string) => [...Buffer.from(s, 'latin1')];
    const clients = Uint8Array.from([
      ...ascii('client_id,birth_date,aum,marital_status,advisor_id\n'),
      ...ascii('C1,1980-01-01,5,'), 0xd2, 0xd1, 0xbb, 0xe9, ...ascii(','), 0xd5, 0xc5, 0xc8, 0xfd, 0x0a,
    ]);
    const tx = Uint8Array.from([
      ...ascii('txn_id,client_id,date,amount,direction,type\n'),
      ...ascii('T1,C1,2024-06-01,5,debit,'), 0xc2, 0xf2, 0xc8, 0xeb, 0x0a,
      ...ascii('T2,C1,2024-06-01,5,debit,'), 0xc2, 0xf2, 0xc8, 0xeb, 0x0a,
    ]);
    const dir = fixtureDir({ 'clients.csv': clients, 'tx.csv': tx });
    const mapping = parseMapping({
      clients: { encoding: 'gbk', codes: { marital_status: { 已婚: 'married' } } },
      transactions: { encoding: 'gb18030', codes: { type: { 买入: 'buy' } } },
    });
    const { rows, sink } = collector();
    const result = await ingest(options(dir, { mapping }), () => sink);
    expect(result.clients.advisorId).toEqual(['张三']);
    expect([...result.clients.marital]).toEqual([1]);
    expect(rows.map((r) => r.type)).toEqual([5, 5]);
  });

  it('reads Parquet row groups; a row\'s line is its 1-based row number and raw is JSON', async () => {
    const dir = fixtureDir({ 'clients.csv': [CLIENTS_HEADER, 'C1,1980-05-01,100,,,,,,', ''].join('\n') });
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'txn_id', data: ['P1', 'P2', 'P3', 'P4'], type: 'STRING' },
        { name: 'client_id', data: ['C1', 'C1', 'C1', 'C2'], type: 'STRING' },
        { name: 'date', data: [new Date(Date.UTC(2024, 5, 1)), new Date(Date.UTC(2024, 5, 2, 13, 5)), new Date(Date.UTC(2024, 5, 3)), new Date(Date.UTC(2024, 5, 4))], type: 'TIMESTAMP' },
        { name: 'amount', data: [12.5, 3, -1, 4], type: 'DOUBLE' },
        { name: 'direction', data: ['credit', 'debit', 'debit', 'debit'], type: 'STRING' },
        { name: 'type', data: ['salary', 'buy', 'fee', 'fee'], type: 'STRING' },
        { name: 'currency', data: [null, 'USD', null, null], type: 'STRING' },
      ],
      rowGroupSize: 2,
    });
    writeFileSync(join(dir, 'tx.parquet'), new Uint8Array(buffer));
    const { rows, sink } = collector();
    const result = await ingest(options(dir, { transactionsPath: join(dir, 'tx.parquet') }), () => sink);
    expect(rows).toEqual([
      { clientIndex: 0, day: dayNumber(2024, 6, 1), amount: 12.5, direction: 0, type: 0, assetClass: MISSING_CODE, productRisk: 0, isCny: true },
      { clientIndex: 0, day: dayNumber(2024, 6, 2), amount: 3 * 7.1, direction: 1, type: 5, assetClass: MISSING_CODE, productRisk: 0, isCny: false },
    ]);
    expect(result.transactionCounts).toEqual({
      read: 4, accepted: 2, rejected: 2, byReason: { non_positive_amount: 1, orphan_client: 1 }, skipped: 0, bySkip: {},
      periods: { beforeWindow: 0, inWindow: 2, inHorizon: 0, lastDay: dayNumber(2024, 6, 2) }, unmapped: [],
    });
    const rejects = readRejects(result.rejectsPath).slice(1);
    expect(rejects.map((r) => [r[1], r[2]])).toEqual([['3', 'non_positive_amount'], ['4', 'orphan_client']]);
    expect(JSON.parse(rejects[0]![4]!)).toEqual({ txn_id: 'P3', client_id: 'C1', date: '2024-06-03', amount: -1, direction: 'debit', type: 'fee', currency: null });
  });
});
