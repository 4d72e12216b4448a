import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitStatus } from '../../src/cli/commands/run-command.js';
import { runPipeline } from '../../src/jobs/run-pipeline.js';
import { ScorePipelineSchema } from '../../src/pipeline/pipeline-schema.js';
import { openStore } from '../../src/index.js';
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
    const report = JSON.parse(await readFile(path.join(out, 'run-report.json'), 'utf8')) as { run: { id: string; startedAt: string }; summary: { clients: number } };
    expect(report.summary.clients).toBe(2000);
    expect(report.run.startedAt).toBe('2026-07-01T02:00:00.000Z');

    const again = await runPipeline(pipeline('2026-06-30'), { store: url });
    expect(again).toMatchObject({ outcome: 'already_completed', run: { id: report.run.id } });

    const next = await runPipeline(pipeline('2026-07-01'), { store: url });
    expect(next.kind === 'score' && next.pruned).toEqual([report.run.id]);
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
