import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/rng.js';
import { encodeText } from '../../src/ingest/encode-text.js';
import { ingest } from '../../src/ingest/ingest.js';
import type { IngestOptions } from '../../src/ingest/ingest-options.js';
import type { Mapping } from '../../src/ingest/mapping-schema.js';
import { resolveParallelOptions } from '../../src/ingest/parallel-options.js';
import { CLIENTS_HEADER, TX_HEADER, collector, fixtureDir, options } from './helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');

// Worker threads run the compiled worker from dist/ (see transaction-worker-url.ts): a stale build
// would test old code, so insist on one at least as new as every ingest source file.
function expectFreshBuild(): void {
  for (const name of readdirSync(join(ROOT, 'src', 'ingest'))) {
    const built = join(ROOT, 'dist', 'src', 'ingest', name.replace(/\.ts$/, '.js'));
    let builtAt = 0;
    try { builtAt = statSync(built).mtimeMs; } catch { /* missing: fails below */ }
    expect([name, builtAt >= statSync(join(ROOT, 'src', 'ingest', name)).mtimeMs], 'run `npm run build` before these tests').toEqual([name, true]);
  }
}

/** Runs ingest and returns everything a caller can observe, plus the 'transactions read' log line. */
async function observe(opts: IngestOptions) {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ base: null, timestamp: false }, new Writable({ write(chunk, _enc, done) { lines.push(JSON.parse(String(chunk)) as Record<string, unknown>); done(); } }));
  const { rows, sink } = collector();
  const result = await ingest({ ...opts, log }, () => sink);
  const read = lines.find((l) => l.msg === 'transactions read')!;
  return { rows, counts: result.transactionCounts, rejects: readFileSync(result.rejectsPath), workers: read.workers, parallelRows: read.parallelRows };
}

const CLIENTS = [CLIENTS_HEADER, ...Array.from({ length: 40 }, (_, i) => `C${i},1980-05-01,100,,,,,,`), ''].join('\n');

/** Rows of every kind, mostly good ones; `ids` repeats a few txn_ids far apart so duplicates cross ranges. */
function transactions(rng: Rng, n: number): string[] {
  const bad = [
    'X{i},C1,2024-06-01,5,debit', // malformed_row
    ',C1,2024-06-01,5,debit,fee,,,', // missing_value
    'X{i},C1,2024-02-30,5,debit,fee,,,', // bad_date
    'X{i},C1,2024-06-01,5x,debit,fee,,,', // bad_amount
    'X{i},C1,2024-06-01,1e309,debit,fee,,,', // bad_amount: out of range
    'X{i}\u0000,C1,2024-06-01,5,debit,fee,,,', // bad_encoding
    'X{i},C1,2024-06-01,-5,debit,fee,,,', // non_positive_amount
    'X{i},C1,2024-06-01,5,sideways,fee,,,', // unknown_code
    'X{i},C1,2024-06-01,5,debit,buy,equity,R9,', // unknown_code
    'X{i},C1,2024-06-01,5,debit,fee,,,XYZ', // unknown_currency
    'X{i},C1,2024-09-01,5,debit,fee,,,', // after_horizon
    'X{i},C404,2024-06-01,5,debit,fee,,,', // orphan_client
    'T{d},C2,2024-06-02,7,credit,salary,,,', // duplicate_id of an earlier row (or the first of its id)
    '=X{i},C1,2024-06-01,-1,debit,fee,,,', // formula cell in the rejects file
    '', // blank line
    '   ', // one field of spaces: malformed_row
  ];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (rng.bernoulli(0.15)) {
      out.push(rng.pick(bad).replace('{i}', String(i)).replace('{d}', String(rng.int(n))));
      continue;
    }
    const type = rng.pick(['buy', 'sell', 'fee', 'salary', 'dividend']);
    const extra = type === 'buy' ? `${rng.pick(['fund', 'equity', 'bond'])},R${1 + rng.int(5)}` : ',';
    const day = String(1 + rng.int(28)).padStart(2, '0');
    const line = `T${i},C${rng.int(40)},2024-0${1 + rng.int(6)}-${day},${(1 + rng.int(100000)) / 100},${rng.pick(['credit', 'debit'])},${type},${extra},${rng.pick(['', 'CNY', 'USD', 'HKD'])}`;
    out.push(rng.bernoulli(0.1) ? `${line}\r` : line);
  }
  return out;
}

/** Lines that are rows: all but blank ones. */
const rowsIn = (lines: readonly string[]): number => lines.filter((l) => l !== '').length;

const PARALLEL = { workers: 2, minBytes: 0, rangeBytes: 1500, window: 3 };

describe('parallel transactions read', () => {
  it('gives the single-thread result byte for byte: sink sequence, counts and rejects file', async () => {
    expectFreshBuild();
    const body = transactions(new Rng('parallel-equivalence'), 3000);
    const dir = fixtureDir({ 'clients.csv': CLIENTS, 'tx.csv': [TX_HEADER, ...body].join('\n') }); // no final newline
    const single = await observe(options(dir, { parallel: { workers: 0 } }));
    const parallel = await observe(options(dir, { parallel: PARALLEL }));
    expect(single.workers).toBe(0);
    expect(parallel.workers).toBe(2);
    expect(parallel.parallelRows).toBe(single.counts.read);
    expect(Object.keys(single.counts.byReason).sort()).toEqual([
      'after_horizon', 'bad_amount', 'bad_date', 'bad_encoding', 'duplicate_id', 'malformed_row', 'missing_value',
      'non_positive_amount', 'orphan_client', 'unknown_code', 'unknown_currency',
    ]);
    expect(single.counts.accepted).toBeGreaterThan(2400);
    expect(parallel.counts).toStrictEqual(single.counts);
    expect(parallel.rows).toStrictEqual(single.rows);
    expect(parallel.rejects.equals(single.rejects)).toBe(true);
  });

  it('finds clients whose ids are not ASCII on the workers, from the table the calling thread hands them', async () => {
    const clients = CLIENTS.replace(/\n$/, '\n张三,1980-05-01,100,,,,,,\nZoë,1990-01-01,100,,,,,,\n');
    const rng = new Rng('parallel-text-ids');
    const body = Array.from({ length: 600 }, (_, i) => `T${i},${rng.pick(['C1', '张三', 'Zoë', '李四'])},2024-03-0${1 + rng.int(9)},${1 + rng.int(900)},debit,fee,,,`);
    const dir = fixtureDir({ 'clients.csv': clients, 'tx.csv': [TX_HEADER, ...body, ''].join('\n') });
    const single = await observe(options(dir, { parallel: { workers: 0 } }));
    const parallel = await observe(options(dir, { parallel: PARALLEL }));
    expect(parallel.workers).toBe(2);
    const unknown = body.filter((l) => l.includes('李四')).length;
    expect(single.counts.byReason).toStrictEqual({ orphan_client: unknown });
    expect(parallel.counts).toStrictEqual(single.counts);
    expect(parallel.rows).toStrictEqual(single.rows);
  });

  it('hands over to the byte scanner at the first quote byte and at an over-long line, with the same result', async () => {
    const body = transactions(new Rng('parallel-handover'), 1200);
    body.splice(700, 0, `"T,q",C1,2024-06-01,"1,5",credit,"sal""ary",,,`, '"T-open,C1,2024-06-01,5,debit,fee,,,', 'T-after,C2,2024-06-01,5,debit,fee,,,');
    const quoted = fixtureDir({ 'clients.csv': CLIENTS, 'tx.csv': [TX_HEADER, ...body, ''].join('\n') });
    const single = await observe(options(quoted, { parallel: { workers: 0 } }));
    const parallel = await observe(options(quoted, { parallel: PARALLEL }));
    expect(parallel.parallelRows).toBe(rowsIn(body.slice(0, 700)));
    expect(parallel.counts).toStrictEqual(single.counts);
    expect(parallel.rows).toStrictEqual(single.rows);
    expect(parallel.rejects.equals(single.rejects)).toBe(true);

    const long = [...body.slice(0, 500), `T-long,C1,2024-06-01,5,debit,fee,,,${'x'.repeat(2_500_000)}`, ...body.slice(500, 600)];
    const longDir = fixtureDir({ 'clients.csv': CLIENTS, 'tx.csv': [TX_HEADER, ...long, ''].join('\n') });
    const singleLong = await observe(options(longDir, { parallel: { workers: 0 } }));
    const parallelLong = await observe(options(longDir, { parallel: PARALLEL }));
    expect(parallelLong.parallelRows).toBe(rowsIn(body.slice(0, 500)));
    expect(parallelLong.counts).toStrictEqual(singleLong.counts);
    expect(parallelLong.rows).toStrictEqual(singleLong.rows);
    expect(parallelLong.rejects.equals(singleLong.rejects)).toBe(true);
  });

  it('agrees under a mapping: GBK, semicolons, decimal comma, code maps, constants and a column list', async () => {
    const mapping: Mapping = {
      transactions: {
        encoding: 'gbk', delimiter: ';', decimalSeparator: ',',
        columns: { txn_id: 'LSH', client_id: 'KHH', date: 'RQ', amount: 'JE', type: ['LX', 'LX2'] },
        constants: { direction: 'debit' }, dates: { date: 'YYYYMMDD' },
        codes: { type: { 买入: 'buy', 卖出: 'sell' } },
      },
    };
    const rng = new Rng('parallel-gbk');
    const lines = ['LSH;KHH;RQ;JE;LX;LX2'];
    for (let i = 0; i < 1500; i++) {
      const id = rng.bernoulli(0.05) ? `T${rng.int(i + 1)}` : `T${i}`;
      const client = rng.bernoulli(0.03) ? '张三' : `C${rng.int(40)}`;
      const type = rng.pick(['买入', '卖出', '未知', 'fee', '']);
      lines.push(`${id};${client};202406${String(1 + rng.int(30)).padStart(2, '0')};${rng.int(5000)},${rng.int(100)};${type};${rng.pick(['', 'fee', '买入'])}`);
    }
    const bytes = encodeText(lines.join('\n') + '\n', 'gbk')!;
    const dir = fixtureDir({ 'clients.csv': CLIENTS, 'tx.csv': bytes });
    const single = await observe(options(dir, { mapping, parallel: { workers: 0 } }));
    const parallel = await observe(options(dir, { mapping, parallel: { ...PARALLEL, workers: 1 } }));
    expect(parallel.workers).toBe(1);
    expect(parallel.parallelRows).toBe(1500);
    expect(single.counts.byReason.orphan_client).toBeGreaterThan(0);
    expect(single.counts.byReason.duplicate_id).toBeGreaterThan(0);
    expect(parallel.counts).toStrictEqual(single.counts);
    expect(parallel.rows).toStrictEqual(single.rows);
    expect(parallel.rejects.equals(single.rejects)).toBe(true);
  });

  it('reads small files on the calling thread by default', async () => {
    const dir = fixtureDir({ 'clients.csv': CLIENTS, 'tx.csv': [TX_HEADER, 'T1,C1,2024-06-01,5,debit,fee,,,', ''].join('\n') });
    const r = await observe(options(dir));
    expect([r.workers, r.parallelRows, r.counts.accepted]).toEqual([0, 0, 1]);
  });

  it('refuses parallel options out of range with config_invalid', async () => {
    expect(resolveParallelOptions({ workers: 0 })).toEqual({ workers: 0, minBytes: 256 << 20, rangeBytes: 4 << 20, window: 2 });
    for (const bad of [{ workers: -1 }, { rangeBytes: 0 }, { window: 1.5 }, { threads: 2 }]) {
      const err = (() => { try { resolveParallelOptions(bad as never); return undefined; } catch (e) { return e; } })();
      expect(err).toBeInstanceOf(PipelineError);
      expect((err as PipelineError).code).toBe('config_invalid');
    }
    const dir = fixtureDir({ 'clients.csv': CLIENTS, 'tx.csv': TX_HEADER + '\n' });
    const err = await ingest(options(dir, { parallel: { workers: -1 } }), () => collector().sink).then(() => undefined, (e: unknown) => e);
    expect((err as PipelineError).code).toBe('config_invalid');
  });
});
