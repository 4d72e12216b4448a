import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/core/days.js';
import { PipelineError } from '../../src/core/errors.js';
import { ingest } from '../../src/ingest/ingest.js';
import { CLIENTS_HEADER, TX_HEADER, collector, fixtureDir, options, readRejects } from './helpers.js';

const clients = [CLIENTS_HEADER, 'C1,1980-05-01,100,,,,,,', ''].join('\n');
const tx = [TX_HEADER, 'T1,C1,2024-06-01,5,debit,fee,,,', 'T2,C1,2024-06-01,-5,debit,fee,,,', 'T3,C1,2024-06-01,5,debit,fee,,,', 'T4,C9,2024-06-01,5,debit,fee,,,', ''].join('\n');

describe('reject gate', () => {
  it('passes when the share equals the gate and stops above it, after reading the whole file', async () => {
    const dir = fixtureDir({ 'clients.csv': clients, 'tx.csv': tx });
    const { rows, sink } = collector();
    const ok = await ingest(options(dir, { rejectGate: 0.5 }), () => sink);
    expect(ok.transactionCounts).toEqual({
      read: 4, accepted: 2, rejected: 2, byReason: { non_positive_amount: 1, orphan_client: 1 }, skipped: 0, bySkip: {},
      periods: { beforeWindow: 0, inWindow: 2, inHorizon: 0, lastDay: dayNumber(2024, 6, 1) }, unmapped: [],
    });
    expect(rows).toHaveLength(2);

    const err = await ingest(options(dir, { rejectGate: 0.49 }), () => collector().sink).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(PipelineError);
    expect((err as PipelineError).code).toBe('reject_gate');
    expect((err as PipelineError).details).toMatchObject({ file: join(dir, 'tx.csv'), read: 4, rejected: 2, share: 0.5, gate: 0.49 });
    expect((err as PipelineError).message).toBe(
      `${join(dir, 'tx.csv')}: 50.00% of rows rejected (2 of 4), above the 49.00% gate; main reasons: non_positive_amount 1, orphan_client 1; see ${join(dir, 'out', 'rejects.csv')}, fix the export or the mapping`,
    );
    // the file was read to the end: both rejects are in the (closed, complete) rejects file
    expect(readRejects(join(dir, 'out', 'rejects.csv')).map((r) => r[1])).toEqual(['line', '3', '5']);
  });

  it('defaults to 5% and refuses a gate outside [0, 1]', async () => {
    const dir = fixtureDir({ 'clients.csv': clients, 'tx.csv': tx });
    const opts = options(dir);
    delete opts.rejectGate;
    const err = await ingest(opts, () => collector().sink).then(() => undefined, (e: unknown) => e);
    expect((err as PipelineError).code).toBe('reject_gate');
    const bad = await ingest(options(dir, { rejectGate: 5 }), () => collector().sink).then(() => undefined, (e: unknown) => e);
    expect((bad as PipelineError).code).toBe('config_invalid');
  });

  it('writes a header-only rejects file when nothing is rejected, and neutralises formula cells', async () => {
    const dir = fixtureDir({ 'clients.csv': clients, 'tx.csv': [TX_HEADER, 'T1,C1,2024-06-01,5,debit,fee,,,', ''].join('\n') });
    const r = await ingest(options(dir), () => collector().sink);
    expect(readRejects(r.rejectsPath)).toEqual([['source_file', 'line', 'reason', 'detail', 'raw']]);
    const dir2 = fixtureDir({ 'clients.csv': clients, 'tx.csv': [TX_HEADER, '=HYPERLINK("x"),C1,2024-06-01,-1,debit,fee,,,', ''].join('\n') });
    const r2 = await ingest(options(dir2), () => collector().sink);
    expect(readRejects(r2.rejectsPath)[1]).toEqual([join(dir2, 'tx.csv'), '2', 'non_positive_amount', 'amount -1 is not > 0', `'=HYPERLINK("x"),C1,2024-06-01,-1,debit,fee,,,`]);
  });
});

describe('progress', () => {
  it('starts with the file size and ends at it, for each file', async () => {
    const dir = fixtureDir({ 'clients.csv': clients, 'tx.csv': tx });
    const calls: string[] = [];
    await ingest(options(dir, { rejectGate: 1, progress: { start: (l, t) => calls.push(`start ${l.endsWith('clients.csv')} ${t}`), update: (d) => calls.push(`update ${d}`), stop: () => calls.push('stop') } }), () => collector().sink);
    expect(calls).toEqual([
      `start true ${clients.length}`, `update ${clients.length}`, `update ${clients.length}`, 'stop',
      `start false ${tx.length}`, `update ${tx.length}`, `update ${tx.length}`, 'stop',
    ]);
  });
});
