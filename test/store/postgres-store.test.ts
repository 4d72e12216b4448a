import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { RUN_STALL_MS } from '../../src/store/run-state.js';
import type { RunOwner } from '../../src/store/store.js';
import { at, score, spec } from './score-fixtures.js';
import { storeContract } from './store-contract.js';
import { testSchema } from './pg-schema.js';

const schema = testSchema('store');
afterAll(() => schema.drop());

describe('PostgreSQL store', () => {
  storeContract(() => openStore(schema.url), () => openStore(schema.url), (owner) => openStore(schema.url, { owner }));

  it('says clearly when the server cannot be reached', async () => {
    await expect(openStore('postgres://postgres@127.0.0.1:1/test')).rejects.toMatchObject({ code: 'store_failed' });
  });

  // Two pools are two sessions racing for real; SQLite's BEGIN IMMEDIATE serialises begins
  // outright (its cross-process race is in test/e2e/store-lease.test.ts).
  it('lets exactly one of two processes claim a run at the same moment, new or stalled', async () => {
    const owners: RunOwner[] = [1, 2].map((n) => ({ host: `scorer-${n}.example`, pid: 100 + n, processStartedAt: '2026-07-01T00:00:00.000Z' }));
    const stores = await Promise.all(owners.map((owner) => openStore(schema.url, { owner })));
    try {
      for (let round = 0; round < 5; round++) {
        const key = spec({ runKey: `race${round}`.padEnd(64, 'f'), pipeline: 'race', asOf: '2026-12-31' });
        const fresh = await Promise.allSettled(stores.map((s) => s.beginRun(key, at(200))));
        expect(fresh.map((r) => (r.status === 'fulfilled' ? r.value.outcome : (r.reason as { code: string }).code)).sort()).toEqual(['started', 'store_failed']);
        const winner = stores[fresh.findIndex((r) => r.status === 'fulfilled')]!;
        const runId = (fresh.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ run: { id: string } }>).value.run.id;
        await winner.writeScores(runId, [score('C001')], at(201));
        const late = new Date(at(201).getTime() + RUN_STALL_MS + 1);
        const takeover = await Promise.allSettled(stores.map((s) => s.beginRun(key, late)));
        expect(takeover.map((r) => (r.status === 'fulfilled' ? r.value.outcome : (r.reason as { code: string }).code)).sort()).toEqual(['resumed', 'store_failed']);
        expect((await stores[0]!.getRun(runId))?.attempts).toBe(2);
      }
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});
