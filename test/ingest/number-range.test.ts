import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { CLIENTS_HEADER, TX_HEADER, collector, fixtureDir, options, readRejects } from './helpers.js';

// The same amounts as Parquet doubles and as CSV text: the accepted range is one rule for both.
const AMOUNTS = [10, Infinity, -Infinity, 1e155, 1e15, 1.0000000000000002e15, -1e20, 0.01];
const EXPECTED = ['accepted', 'bad_amount', 'bad_amount', 'bad_amount', 'accepted', 'bad_amount', 'bad_amount', 'accepted'];

describe('amounts outside ±1e15', () => {
  it('are bad_amount in CSV exactly as in Parquet, and never reach the sink', async () => {
    const dir = fixtureDir({
      'clients.csv': [CLIENTS_HEADER, 'C1,1980-05-01,100,,,,,,', 'C2,1980-05-01,1e309,,,,,,', 'C3,1980-05-01,Infinity,,,,,,', ''].join('\n'),
      'tx.csv': [TX_HEADER, ...AMOUNTS.map((a, i) => `T${i},C1,2024-06-01,${String(a)},credit,salary,,,CNY`), ''].join('\n'),
    });
    writeFileSync(join(dir, 'tx.parquet'), new Uint8Array(parquetWriteBuffer({
      columnData: [
        { name: 'txn_id', data: AMOUNTS.map((_, i) => `T${i}`), type: 'STRING' },
        { name: 'client_id', data: AMOUNTS.map(() => 'C1'), type: 'STRING' },
        { name: 'date', data: AMOUNTS.map(() => '2024-06-01'), type: 'STRING' },
        { name: 'amount', data: AMOUNTS, type: 'DOUBLE' },
        { name: 'direction', data: AMOUNTS.map(() => 'credit'), type: 'STRING' },
        { name: 'type', data: AMOUNTS.map(() => 'salary'), type: 'STRING' },
      ],
    })));
    const outcomes: string[][] = [];
    for (const file of ['tx.csv', 'tx.parquet']) {
      const { rows, sink } = collector();
      const result = await ingest(options(dir, { transactionsPath: join(dir, file), rejectsPath: join(dir, `rejects-${file}.csv`) }), () => sink);
      expect(result.clientCounts).toEqual({ read: 3, accepted: 1, rejected: 2, byReason: { bad_amount: 2 }, skipped: 0, bySkip: {} });
      expect(rows.every((r) => Number.isFinite(r.amount) && r.amount <= 1e15)).toBe(true);
      const rejected = new Map(readRejects(result.rejectsPath).slice(1).filter((r) => r[0]!.endsWith(file)).map((r) => [Number(r[1]), r[2]!]));
      // CSV line = row + 2 (header is line 1); Parquet line = row + 1.
      outcomes.push(AMOUNTS.map((_, i) => rejected.get(file === 'tx.csv' ? i + 2 : i + 1) ?? 'accepted'));
    }
    expect(outcomes).toEqual([EXPECTED, EXPECTED]);
  });
});
