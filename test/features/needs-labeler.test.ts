import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNeedsLabeler, generateClientBase, ingest, NEEDS, parseIsoDay } from '../../src/index.js';
import { day, feed } from './fixtures.js';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-needs-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('needs labels', () => {
  it('reproduce the generator\'s planted take-ups exactly', async () => {
    await generateClientBase({ clients: 400, seed: 21, outDir: dir });
    const asOf = parseIsoDay('2026-06-30')!;
    let labeler: ReturnType<typeof createNeedsLabeler> | undefined;
    const result = await ingest({ clientsPath: path.join(dir, 'clients.csv'), transactionsPath: path.join(dir, 'transactions.csv'), asOf, horizonDays: 90, rejectsPath: path.join(dir, 'rejects.csv') },
      (clients) => { labeler = createNeedsLabeler(clients.size, { asOf }); return labeler.sink; });
    const { labels } = labeler!.finish();
    const truth = (await readFile(path.join(dir, 'truth.csv'), 'utf8')).trim().split('\n').slice(1).map((l) => l.split(','));
    let planted = 0;
    for (const [id, , , needs] of truth) {
      const i = result.clients.indexById.get(id!)!;
      const got = NEEDS.filter((_, j) => labels[i * NEEDS.length + j] === 1);
      expect(got).toStrictEqual(needs ? needs.split(';') : []);
      planted += got.length;
    }
    expect(planted).toBeGreaterThan(100);
  });

  it('counts a take-up only when new in the horizon, and ignores days outside window and horizon', () => {
    const labeler = createNeedsLabeler(3, { asOf: day('2024-12-31'), horizonDays: 30 });
    feed(labeler.sink, [
      { client: 0, date: '2025-01-10', amount: 9000, type: 'tuition', direction: 'debit' },
      { client: 1, date: '2024-09-01', amount: 9000, type: 'tuition', direction: 'debit' },
      { client: 1, date: '2025-01-10', amount: 9000, type: 'tuition', direction: 'debit' },
      { client: 2, date: '2025-02-15', amount: 500, type: 'buy', asset: 'fund', direction: 'debit' },
      { client: 2, date: '2025-01-05', amount: 500, type: 'buy', asset: 'money_market', direction: 'debit' },
      { client: 2, date: '2023-01-05', amount: 500, type: 'buy', asset: 'fund', direction: 'debit' },
    ]);
    const { labels } = labeler.finish();
    const row = (i: number) => NEEDS.filter((_, j) => labels[i * NEEDS.length + j] === 1);
    expect([row(0), row(1), row(2)]).toStrictEqual([['education'], [], ['liquidity']]);
  });
});
