import { describe, expect, it } from 'vitest';
import { DIRECTIONS, TXN_TYPES } from '../../src/core/contract.js';
import { PipelineError } from '../../src/core/errors.js';
import { ingest } from '../../src/ingest/ingest.js';
import { parseMapping } from '../../src/ingest/load-mapping.js';
import { CLIENTS_HEADER, collector, fixtureDir, options, readRejects } from './helpers.js';

const CLIENTS = [CLIENTS_HEADER, 'C1,1980-05-01,100,,,,,,', ''].join('\n');

// TYPE and OP both use the codes 1 and 2 (1/2 = credit/debit in TYPE, cash/transfer in OP): a
// column list with one code map cannot tell them apart; rules over both columns can.
const HEADER = 'id,client,day,amount,TYPE,OP,PURPOSE,STORNO';
const ROWS = [
  'T1,C1,2024-06-01,10,1,1,,N', // deposit, credit
  'T2,C1,2024-06-02,20,2,1,,N', // withdrawal, debit
  'T3,C1,2024-06-03,30,1,2,DUCHOD,N', // pension (case 1 wins over case 4), credit
  'T4,C1,2024-06-04,40,1,2,,N', // transfer_in
  'T5,C1,2024-06-05,50,1,3,,N', // OP 3 is in no case: otherwise → other, counted as unmapped
  'T6,C1,2024-06-06,,1,1,UROK,N', // skipped: interest posting (its empty amount is never checked)
  'T7,C1,2024-06-07,70,9,1,,N', // TYPE 9: direction has otherwise "reject" → unknown_code
  'T8,C1,2024-06-08,80,2,2,,Y', // skipped: reversal
  'T9,C1,2024-06-09,90,2,2,,N', // transfer_out
];

const MAPPING = {
  transactions: {
    columns: { txn_id: 'id', client_id: 'client', date: 'day' },
    rules: {
      type: {
        cases: [
          { when: { PURPOSE: 'DUCHOD' }, then: 'pension' },
          { when: { TYPE: '1', OP: '1' }, then: 'deposit' },
          { when: { TYPE: '2', OP: '1' }, then: 'withdrawal' },
          { when: { TYPE: '1', OP: '2' }, then: 'transfer_in' },
          { when: { TYPE: '2', OP: '2' }, then: 'transfer_out' },
        ],
        otherwise: 'other',
      },
      direction: { cases: [{ when: { TYPE: '1' }, then: 'credit' }, { when: { TYPE: '2' }, then: 'debit' }], otherwise: 'reject' },
    },
    skip: [{ reason: 'interest_posting', when: { PURPOSE: 'UROK' } }, { reason: 'reversal', when: { STORNO: ['Y', 'J'] } }],
  },
};

async function run(strictCodes: boolean, rows = ROWS, rejectGate = 1) {
  const dir = fixtureDir({ 'clients.csv': CLIENTS, 'tx.csv': [HEADER, ...rows, ''].join('\n') });
  const { rows: accepted, sink } = collector();
  const result = await ingest(options(dir, { mapping: parseMapping(MAPPING), strictCodes, rejectGate }), () => sink);
  return { accepted, result, rejects: readRejects(result.rejectsPath).slice(1) };
}

describe('code rules and skip rules', () => {
  it('decides type and direction from several overlapping columns, first case wins, with an explicit otherwise', async () => {
    const { accepted, result, rejects } = await run(false);
    expect(accepted.map((t) => [TXN_TYPES[t.type], DIRECTIONS[t.direction], t.amount])).toEqual([
      ['deposit', 'credit', 10], ['withdrawal', 'debit', 20], ['pension', 'credit', 30], ['transfer_in', 'credit', 40],
      ['other', 'credit', 50], ['transfer_out', 'debit', 90],
    ]);
    const c = result.transactionCounts;
    expect([c.read, c.accepted, c.rejected, c.skipped]).toEqual([9, 6, 1, 2]);
    expect(c.read).toBe(c.accepted + c.rejected + c.skipped);
    expect(c.bySkip).toEqual({ interest_posting: 1, reversal: 1 });
    expect(c.byReason).toEqual({ unknown_code: 1 });
    expect(rejects.map((r) => [r[1], r[2], r[3]])).toEqual([
      ['8', 'unknown_code', 'rules.direction: no case holds and otherwise is "reject"; the value is not one of credit, debit (TYPE "9" (unmapped))'],
    ]);
    // Values that no case names are never silent: counted per field, column and value.
    expect(c.unmapped).toEqual([
      { field: 'direction', column: 'TYPE', value: '9', rows: 1 },
      { field: 'type', column: 'OP', value: '3', rows: 1 },
      { field: 'type', column: 'TYPE', value: '9', rows: 1 },
    ]);
  });

  it('with strictCodes, a row with an unmapped value is rejected as unknown_code instead of taking otherwise', async () => {
    const { accepted, result, rejects } = await run(true);
    expect(accepted.map((t) => TXN_TYPES[t.type])).toEqual(['deposit', 'withdrawal', 'pension', 'transfer_in', 'transfer_out']);
    expect(result.transactionCounts.byReason).toEqual({ unknown_code: 2 });
    expect(rejects.map((r) => r[1])).toEqual(['6', '8']);
    expect(rejects[0]![3]).toContain('OP "3" (unmapped)');
  });

  it('with strictCodes, a value that falls through a column list to a later column is rejected; without, it is counted', async () => {
    const dir = fixtureDir({
      'clients.csv': CLIENTS,
      'tx.csv': ['txn_id,client_id,date,amount,direction,LX,LX2', 'T1,C1,2024-06-01,5,debit,ZZ,01', 'T2,C1,2024-06-01,5,debit,01,', ''].join('\n'),
    });
    const mapping = parseMapping({ transactions: { columns: { type: ['LX', 'LX2'] }, codes: { type: { '01': 'buy' } } } });
    const loose = await ingest(options(dir, { mapping }), () => collector().sink);
    expect([loose.transactionCounts.accepted, loose.transactionCounts.unmapped]).toEqual([2, [{ field: 'type', column: 'LX', value: 'ZZ', rows: 1 }]]);
    const strict = await ingest(options(dir, { mapping, strictCodes: true }), () => collector().sink);
    expect([strict.transactionCounts.accepted, strict.transactionCounts.byReason]).toEqual([1, { unknown_code: 1 }]);
  });

  it('a value that only another rule names is still unmapped for this field (the tables share one lookup per column)', async () => {
    const dir = fixtureDir({
      'clients.csv': CLIENTS,
      'tx.csv': ['id,client,day,amount,TYPE,PURPOSE', 'T1,C1,2024-06-01,5,1,UROK', 'T2,C1,2024-06-02,5,9,', 'T3,C1,2024-06-03,5,9,UROK', 'T4,C1,2024-06-04,5,2,DUCHOD', ''].join('\n'),
    });
    const mapping = parseMapping({
      transactions: {
        columns: { txn_id: 'id', client_id: 'client', date: 'day' },
        rules: {
          type: { cases: [{ when: { PURPOSE: 'DUCHOD' }, then: 'pension' }], otherwise: 'other' },
          direction: { cases: [{ when: { TYPE: '1' }, then: 'credit' }, { when: { TYPE: '2' }, then: 'debit' }], otherwise: 'reject' },
        },
        skip: [{ reason: 'interest_posting', when: { PURPOSE: 'UROK', TYPE: '9' } }],
      },
    });
    const { rows, sink } = collector();
    const result = await ingest(options(dir, { mapping }), () => sink);
    expect(rows.map((t) => [TXN_TYPES[t.type], DIRECTIONS[t.direction]])).toEqual([['other', 'credit'], ['pension', 'debit']]);
    const c = result.transactionCounts;
    expect([c.accepted, c.rejected, c.skipped]).toEqual([2, 1, 1]);
    expect(c.unmapped).toEqual([
      { field: 'direction', column: 'TYPE', value: '9', rows: 1 },
      { field: 'type', column: 'PURPOSE', value: 'UROK', rows: 1 },
    ]);
    expect(readRejects(result.rejectsPath)[1]![3]).toBe('rules.direction: no case holds and otherwise is "reject"; the value is not one of credit, debit (TYPE "9" (unmapped))');
  });

  it('rule columns with too many value combinations for one joint table still decide and count per table', async () => {
    // 32 × 32 × 32 value ids across A, B and C: above the joint table's limit, so each table indexes its own columns.
    const cases = Array.from({ length: 30 }, (_, i) => ({ when: { A: `a${i}`, B: `b${i}`, C: `c${i}` }, then: TXN_TYPES[i % TXN_TYPES.length]! }));
    const dir = fixtureDir({
      'clients.csv': CLIENTS,
      'tx.csv': ['id,client,day,amount,direction,A,B,C', 'T1,C1,2024-06-01,5,debit,a3,b3,c3', 'T2,C1,2024-06-02,5,debit,a3,b4,c3', 'T3,C1,2024-06-03,5,debit,a3,b3,zz', ''].join('\n'),
    });
    const mapping = parseMapping({ transactions: { columns: { txn_id: 'id', client_id: 'client', date: 'day' }, rules: { type: { cases, otherwise: 'other' } } } });
    const { rows, sink } = collector();
    const result = await ingest(options(dir, { mapping }), () => sink);
    expect(rows.map((t) => TXN_TYPES[t.type])).toEqual([TXN_TYPES[3], 'other', 'other']);
    expect(result.transactionCounts.unmapped).toEqual([{ field: 'type', column: 'C', value: 'zz', rows: 1 }]);
  });

  it('skipped rows never count towards the reject gate', async () => {
    // 1 reject of 7 checked rows (14%) passes a 15% gate although it is 1 of 9 read.
    await expect(run(false, ROWS, 0.15)).resolves.toBeDefined();
    const err = await run(false, [...ROWS, 'T10,C1,2024-06-10,5,8,1,,N'], 0.15).then(() => undefined, (e: unknown) => e);
    expect((err as PipelineError).code).toBe('reject_gate');
    expect((err as PipelineError).message).toContain('25.00% of rows rejected (2 of 8, 2 skipped rows not counted)');
    expect((err as PipelineError).message).toContain('main reasons: unknown_code 2;');
  });

  it('refuses contradictions and values outside the vocabulary when the mapping is loaded, and a missing rule column when the file is read', async () => {
    const bad = (transactions: object): string => {
      try {
        parseMapping({ transactions });
        return 'accepted';
      } catch (err) {
        return (err as PipelineError).code;
      }
    };
    const rules = { type: { cases: [{ when: { A: '1' }, then: 'buy' }], otherwise: 'other' } };
    expect(bad({ rules })).toBe('accepted');
    expect(bad({ rules, codes: { type: { 1: 'buy' } } })).toBe('config_invalid');
    expect(bad({ rules, columns: { type: 'A' } })).toBe('config_invalid');
    expect(bad({ rules: { type: { cases: [{ when: { A: '1' }, then: 'buyy' }], otherwise: 'other' } } })).toBe('config_invalid');
    expect(bad({ rules: { type: { cases: [{ when: { A: '1' }, then: 'buy' }] } } })).toBe('config_invalid');
    expect(bad({ rules: { type: { cases: [{ when: {}, then: 'buy' }], otherwise: 'other' } } })).toBe('config_invalid');
    expect(bad({ skip: [{ reason: 'Bad Name', when: { A: '1' } }] })).toBe('config_invalid');
    const dir = fixtureDir({ 'clients.csv': CLIENTS, 'tx.csv': [HEADER.replace(',OP', ',OPX'), ''].join('\n') });
    const err = await ingest(options(dir, { mapping: parseMapping(MAPPING) }), () => collector().sink).then(() => undefined, (e: unknown) => e);
    expect((err as PipelineError).code).toBe('input_invalid');
    expect((err as PipelineError).message).toContain('no column "OP" (named in rules.type)');
  });
});
