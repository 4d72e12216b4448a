import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/core/days.js';
import { ASSET_CLASSES, DIRECTIONS, PRODUCT_RISKS, TXN_TYPES } from '../../src/core/contract.js';
import { ingest } from '../../src/ingest/ingest.js';
import { TransactionSchema } from '../../src/ingest/transaction-schema.js';
import { HashIdSet } from '../../src/ingest/hash-id-set.js';
import { CLIENTS_HEADER, TX_HEADER, collector, fixtureDir, options, readRejects } from './helpers.js';

// Rows that each break at most one rule the zod schema states; the byte validator must agree.
const CASES: [string, string | undefined][] = [
  ['T1,C1,2024-06-01,10,credit,salary,,,CNY', undefined],
  ['T2,C1,2024-06-01,0,credit,salary,,,CNY', 'non_positive_amount'],
  ['T3,C1,2024-06-01,10,up,salary,,,CNY', 'unknown_code'],
  ['T4,C1,2024-06-01,10,credit,gift,,,CNY', 'unknown_code'],
  ['T5,C1,2024-06-01,10,credit,buy,stocks,,CNY', 'unknown_code'],
  ['T6,C1,2024-06-01,10,credit,buy,equity,R0,CNY', 'unknown_code'],
  ['T7,C1,2024-06-01,10,credit,buy,equity,R5,usd', 'unknown_currency'],
  ['T8,C1,2024-06-01,10,credit,buy,equity,R5,USD', undefined],
  ['T9,C1,2024-06-01,1e16,credit,salary,,,CNY', 'bad_amount'],
  ['T10,C1,2024-06-01,1e309,credit,salary,,,CNY', 'bad_amount'],
  ['T11,C1,2024-06-01,-1e20,credit,salary,,,CNY', 'bad_amount'],
];

describe('TransactionValidator', () => {
  it('agrees with TransactionSchema', async () => {
    const dir = fixtureDir({
      'clients.csv': [CLIENTS_HEADER, 'C1,1980-05-01,100,,,,,,', ''].join('\n'),
      'tx.csv': [TX_HEADER, ...CASES.map((c) => c[0]), ''].join('\n'),
    });
    const { rows, sink } = collector();
    const result = await ingest(options(dir), () => sink);
    const rejected = new Map(readRejects(result.rejectsPath).slice(1).map((r) => [Number(r[1]) - 2, r[2]]));
    CASES.forEach(([row, expected], i) => {
      const f = row.split(',');
      const z = TransactionSchema.safeParse({
        txn_id: f[0], client_id: f[1], day: dayNumber(2024, 6, 1), amount: Number(f[3]), direction: f[4], type: f[5],
        asset_class: f[6] || undefined, product_risk: f[7] || undefined, currency: f[8],
      });
      const zodReason = z.success ? undefined : z.error.issues[0]!.message;
      expect([i, zodReason]).toEqual([i, expected]);
      expect([i, rejected.get(i)]).toEqual([i, expected]);
    });
    expect(rows.map((r) => [DIRECTIONS[r.direction], TXN_TYPES[r.type], ASSET_CLASSES[r.assetClass] ?? null, PRODUCT_RISKS[r.productRisk - 1] ?? null]))
      .toEqual([['credit', 'salary', null, null], ['credit', 'buy', 'equity', 'R5']]);
  });
});

describe('HashIdSet', () => {
  it('finds every repeat among 200,000 ids and nothing else, across growth', () => {
    const set = new HashIdSet(16);
    const buf = Buffer.alloc(16);
    let fresh = 0;
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 100_000; i++) {
        const n = buf.write(`TX${i * 7919}`, 0, 'latin1');
        if (set.add(buf, 0, n)) fresh++;
      }
    }
    expect(fresh).toBe(100_000);
    expect(set.size).toBe(100_000);
    expect(set.byteLength).toBe(262_144 * 8);
  });
});
