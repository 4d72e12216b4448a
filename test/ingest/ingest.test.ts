import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/core/days.js';
import { PipelineError } from '../../src/core/errors.js';
import { MISSING_CODE, MISSING_DAY } from '../../src/core/records.js';
import { ingest } from '../../src/ingest/ingest.js';
import { CLIENTS_HEADER, TX_HEADER, collector, fixtureDir, options, readRejects } from './helpers.js';

const CLIENTS = [
  CLIENTS_HEADER,
  'C1,1980-05-01,250000.5,married,2,balanced,2023-01-10,A7,2010-03-01',
  'C2,1990-01-31,0,,,,,,',
  'C3,1975-12-12,-5,single,0,,,,', // negative_value
  'C1,1981-01-01,10,,,,,,', // duplicate_id
  'C4,2025-01-01,10,,,,,,', // bad_date: born after as-of
  'C5,1970-02-30,10,,,,,,', // bad_date
  'C6,1970-02-03,ten,,,,,,', // bad_amount
  ',1970-02-03,1,,,,,,', // missing_value
  'C8,1970-02-03,1,engaged,,,,,', // unknown_code
  'C9,1970-02-03,1,,-1,,,,', // negative_value (dependants)
  'C10,1970-02-03,1,,,C3,,,',
  'C11,1970-02-03,1', // malformed_row
  '',
].join('\n');

async function expectCode(p: Promise<unknown>, code: string): Promise<PipelineError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(PipelineError);
  expect((err as PipelineError).code).toBe(code);
  return err as PipelineError;
}

describe('ingest: clients', () => {
  it('accepts valid clients into the table and rejects each bad row with its reason and line', async () => {
    const dir = fixtureDir({ 'clients.csv': CLIENTS, 'tx.csv': TX_HEADER + '\n' });
    const result = await ingest(options(dir), () => collector().sink);
    const t = result.clients;
    expect(t.ids).toEqual(['C1', 'C2', 'C10']);
    expect([...t.birthDay]).toEqual([dayNumber(1980, 5, 1), dayNumber(1990, 1, 31), dayNumber(1970, 2, 3)]);
    expect([...t.aum]).toEqual([250000.5, 0, 1]);
    expect([...t.marital]).toEqual([1, MISSING_CODE, MISSING_CODE]);
    expect([...t.dependants]).toEqual([2, MISSING_CODE, MISSING_CODE]);
    expect(t.declaredRisk).toEqual(['balanced', undefined, 'C3']);
    expect([...t.riskAssessedOn]).toEqual([dayNumber(2023, 1, 10), MISSING_DAY, MISSING_DAY]);
    expect(t.advisorId).toEqual(['A7', undefined, undefined]);
    expect([...t.openedOn]).toEqual([dayNumber(2010, 3, 1), MISSING_DAY, MISSING_DAY]);
    expect(t.indexById.get('C10')).toBe(2);
    expect(result.clientCounts).toEqual({
      read: 12, accepted: 3, rejected: 9,
      byReason: { negative_value: 2, duplicate_id: 1, bad_date: 2, bad_amount: 1, missing_value: 1, unknown_code: 1, malformed_row: 1 },
      skipped: 0, bySkip: {},
    });
    const rejects = readRejects(result.rejectsPath);
    expect(rejects[0]).toEqual(['source_file', 'line', 'reason', 'detail', 'raw']);
    expect(rejects.slice(1).map((r) => [r[1], r[2]])).toEqual([
      ['4', 'negative_value'], ['5', 'duplicate_id'], ['6', 'bad_date'], ['7', 'bad_date'], ['8', 'bad_amount'],
      ['9', 'missing_value'], ['10', 'unknown_code'], ['11', 'negative_value'], ['13', 'malformed_row'],
    ]);
    expect(rejects[1]).toEqual([join(dir, 'clients.csv'), '4', 'negative_value', 'aum "-5" breaks the contract', 'C3,1975-12-12,-5,single,0,,,,']);
    expect(rejects[3]![3]).toBe('birth_date 2025-01-01 is after the as-of date 2024-06-30');
    expect(rejects[9]![3]).toBe('expected 9 fields, found 3');
  });

  it('a header with no rows, an empty file and a missing file are input errors', async () => {
    const dir = fixtureDir({ 'clients.csv': CLIENTS_HEADER + '\n', 'empty.csv': '', 'blank.csv': '\n\n', 'tx.csv': TX_HEADER + '\n' });
    await expectCode(ingest(options(dir), () => collector().sink), 'input_invalid');
    await expectCode(ingest(options(dir, { clientsPath: join(dir, 'empty.csv') }), () => collector().sink), 'input_invalid');
    await expectCode(ingest(options(dir, { clientsPath: join(dir, 'blank.csv') }), () => collector().sink), 'input_invalid');
    await expectCode(ingest(options(dir, { clientsPath: join(dir, 'nope.csv') }), () => collector().sink), 'input_missing');
    await expectCode(ingest(options(dir, { clientsPath: join(dir, 'clients.xlsx') }), () => collector().sink), 'input_missing');
  });

  it('a missing required column is input_invalid naming the column', async () => {
    const dir = fixtureDir({ 'clients.csv': 'client_id,birth_date\nC1,1980-01-01\n', 'tx.csv': TX_HEADER + '\n' });
    const err = await expectCode(ingest(options(dir), () => collector().sink), 'input_invalid');
    expect(err.details).toMatchObject({ field: 'aum' });
    expect(err.message).toContain('"columns": { "aum"');
  });
});

const CLIENTS_OK = [CLIENTS_HEADER, 'C1,1980-05-01,100,,,,,,', 'C2,1990-01-31,0,,,,,,', ''].join('\n');

describe('ingest: transactions', () => {
  it('hands accepted rows to the sink and rejects each bad row with its reason', async () => {
    const tx = [
      TX_HEADER,
      'T1,C1,2024-06-01,100.5,credit,salary,,,',
      'T2,C2,2024-06-02 10:30:00,20,debit,buy,fund,R3,USD',
      'T3,C9,2024-06-03,5,debit,fee,,,CNY', // orphan_client
      'T1,C1,2024-06-04,5,debit,fee,,,', // duplicate_id
      'T5,C1,2024-07-31,5,debit,fee,,,', // after_horizon (as-of 06-30 + 30 days = 07-30)
      'T6,C1,2024-07-30,5,debit,fee,,,CNY',
      'T7,C1,2024-06-31,5,debit,fee,,,', // bad_date
      'T8,C1,2024-06-05,abc,debit,fee,,,', // bad_amount
      'T9,C1,2024-06-05,0,debit,fee,,,', // non_positive_amount
      'T10,C1,2024-06-05,-3,debit,fee,,,', // non_positive_amount
      'T11,C1,2024-06-05,3,sideways,fee,,,', // unknown_code
      'T12,C1,2024-06-05,3,debit,fee,,R9,', // unknown_code
      'T13,C1,2024-06-05,3,debit,fee,,,XYZ', // unknown_currency
      'T14,,2024-06-05,3,debit,fee,,,', // missing_value
      'T15,C1,2024-06-05,3,debit', // malformed_row
      'T17,C2,2024-06-05," 1.5 ",credit,interest,,,HKD',
      '"T16,C1,2024-06-05,3,debit,fee,,,', // malformed_row (unclosed quote)
      '', '',
    ].join('\n');
    const dir = fixtureDir({ 'clients.csv': CLIENTS_OK, 'tx.csv': tx });
    const { rows, sink } = collector();
    const result = await ingest(options(dir), () => sink);
    expect(rows).toEqual([
      { clientIndex: 0, day: dayNumber(2024, 6, 1), amount: 100.5, direction: 0, type: 0, assetClass: MISSING_CODE, productRisk: 0, isCny: true },
      { clientIndex: 1, day: dayNumber(2024, 6, 2), amount: 20 * 7.1, direction: 1, type: 5, assetClass: 5, productRisk: 3, isCny: false },
      { clientIndex: 0, day: dayNumber(2024, 7, 30), amount: 5, direction: 1, type: 9, assetClass: MISSING_CODE, productRisk: 0, isCny: true },
      { clientIndex: 1, day: dayNumber(2024, 6, 5), amount: 1.5 * 0.91, direction: 0, type: 8, assetClass: MISSING_CODE, productRisk: 0, isCny: false },
    ]);
    expect(result.transactionCounts).toEqual({
      read: 17, accepted: 4, rejected: 13,
      byReason: {
        orphan_client: 1, duplicate_id: 1, after_horizon: 1, bad_date: 1, bad_amount: 1, non_positive_amount: 2,
        unknown_code: 2, unknown_currency: 1, missing_value: 1, malformed_row: 2,
      },
      skipped: 0, bySkip: {},
      // No window start given: everything up to as-of counts as in the window.
      periods: { beforeWindow: 0, inWindow: 3, inHorizon: 1, lastDay: dayNumber(2024, 7, 30) },
      unmapped: [
        { field: 'currency', column: 'currency', value: 'XYZ', rows: 1 },
        { field: 'direction', column: 'direction', value: 'sideways', rows: 1 },
        { field: 'product_risk', column: 'product_risk', value: 'R9', rows: 1 },
      ],
    });
    const rejects = readRejects(result.rejectsPath).slice(1);
    expect(rejects.map((r) => [r[1], r[2]])).toEqual([
      ['4', 'orphan_client'], ['5', 'duplicate_id'], ['6', 'after_horizon'], ['8', 'bad_date'], ['9', 'bad_amount'],
      ['10', 'non_positive_amount'], ['11', 'non_positive_amount'], ['12', 'unknown_code'], ['13', 'unknown_code'],
      ['14', 'unknown_currency'], ['15', 'missing_value'], ['16', 'malformed_row'], ['18', 'malformed_row'],
    ]);
    expect(rejects[0]![3]).toBe('client_id is not among the accepted clients');
    expect(rejects[7]![3]).toBe('direction "sideways" is not one of credit, debit');
    expect(rejects[9]![3]).toBe('currency "XYZ" has no rate to CNY: add it to the mapping\'s fxRates');
    expect(rejects[12]![4]).toBe('"T16,C1,2024-06-05,3,debit,fee,,,');
  });
});
