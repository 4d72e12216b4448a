import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitStatus } from '../../src/cli/commands/run-command.js';
import { runPipeline } from '../../src/jobs/run-pipeline.js';
import { ScorePipelineSchema } from '../../src/pipeline/pipeline-schema.js';
import { openStore } from '../../src/index.js';
import { openAdvisorStore } from '../../src/store/open-advisor-store.js';
import { enginesUnderTest } from '../store/store-engines.js';

let dir: string;
const engines = enginesUnderTest('pipeline');
beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-score-pipeline-')); });
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  for (const e of engines) await e.drop();
});

describe.each(engines)('the nightly pipeline on the $engine store', ({ engine, url }) => {
  const pipeline = (asOf: string) => ScorePipelineSchema.parse({
    name: 'nightly', kind: 'score',
    inputs: { clients: { path: 'data-samples/clients.csv' }, transactions: { path: 'data-samples/transactions.csv' } },
    model: { name: 'models/sample' }, asOf, store: { url: 'sqlite:/nonexistent/never-used.db', batchSize: 700 },
    output: path.join(dir, engine, asOf), retention: { keepRuns: 1 }, driftGate: { failOn: 'watch' },
  });

  it('scores, stores, reports, and is idempotent; the --store override wins over the file', async () => {
    const first = await runPipeline(pipeline('2026-06-30'), { store: url, now: () => new Date('2026-07-01T02:00:00Z') });
    expect(first).toMatchObject({ kind: 'score', outcome: 'completed', pruned: [], driftGate: { failOn: 'watch', verdict: 'ok', failed: false } });
    expect(exitStatus(first)).toBe(0);
    const out = path.join(dir, engine, '2026-06-30');
    expect(existsSync(path.join(out, 'scores.csv'))).toBe(true);
    expect(existsSync(path.join(out, 'report.html'))).toBe(true);
    const report = JSON.parse(await readFile(path.join(out, 'run-report.json'), 'utf8')) as { run: { id: string; startedAt: string }; summary: { clients: number }; overrides: unknown };
    expect(report.summary.clients).toBe(2000);
    expect(report.overrides).toBeNull();
    expect(report.run.startedAt).toBe('2026-07-01T02:00:00.000Z');

    const again = await runPipeline(pipeline('2026-06-30'), { store: url });
    expect(again).toMatchObject({ outcome: 'already_completed', run: { id: report.run.id } });

    // An advisor corrects two clients of that run; the next run's report shows the rate per segment.
    const advisor = await openAdvisorStore(url);
    try {
      const [a, b] = await advisor.results.scoresOf(report.run.id, { limit: 2 });
      for (const s of [a!, b!]) {
        await advisor.overrides.record({
          actor: s.advisorId ?? 'A001', clientId: s.clientId, runId: report.run.id, kind: 'dismiss_need', value: 'growth', previous: null, segment: s.behaviourSegment, reason: 'test',
        }, new Date('2026-07-01T09:00:00Z'));
      }
    } finally {
      await advisor.close();
    }
    const next = await runPipeline(pipeline('2026-07-01'), { store: url });
    expect(next.kind === 'score' && next.pruned).toEqual([report.run.id]);
    const nextOut = path.join(dir, engine, '2026-07-01');
    const nextReport = JSON.parse(await readFile(path.join(nextOut, 'run-report.json'), 'utf8')) as { overrides: { runId: string; asOf: string; rates: { clients: number; overridden: number; needDismissals: number }[] } };
    expect(nextReport.overrides).toMatchObject({ runId: report.run.id, asOf: '2026-06-30' });
    const sum = (key: 'clients' | 'overridden' | 'needDismissals') => nextReport.overrides.rates.reduce((n, r) => n + r[key], 0);
    expect([sum('clients'), sum('overridden'), sum('needDismissals')]).toEqual([2000, 2, 2]);
    expect(await readFile(path.join(nextOut, 'report.html'), 'utf8')).toContain('Override rate per segment');
    expect(next.kind === 'score' && next.migration?.matrix.matched).toBe(2000);
    const store = await openStore(url);
    try {
      expect((await store.listRuns()).map((r) => r.asOf)).toEqual(['2026-07-01']);
      expect((await store.auditLog()).map((e) => e.actor)).toContain('scheduler');
    } finally {
      await store.close();
    }
  }, 120_000);
});
