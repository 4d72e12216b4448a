import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitStatus } from '../../src/cli/commands/run-command.js';
import { runPipeline } from '../../src/jobs/run-pipeline.js';
import { openStore, readDriftHistory } from '../../src/index.js';
import { ScorePipelineSchema } from '../../src/pipeline/pipeline-schema.js';

let dir: string;
let clientsPath: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-drift-settings-'));
  // The sample's clients, every one of them now single: marital_status alerts, and nothing the model predicts moves.
  const lines = (await readFile('data-samples/clients.csv', 'utf8')).trimEnd().split('\n');
  clientsPath = path.join(dir, 'clients.csv');
  await writeFile(clientsPath, [lines[0], ...lines.slice(1).map((l) => l.split(',').map((v, i) => (i === 3 ? 'single' : v)).join(','))].join('\n') + '\n');
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

type DriftDocument = { verdict: string; reference: { kind: string; runs?: { asOf: string }[] }; features: { name: string; verdict: string; excluded?: boolean }[] };

describe('a score pipeline with drift settings', () => {
  const pipeline = (asOf: string, drift?: unknown) => ScorePipelineSchema.parse({
    name: 'nightly', kind: 'score',
    inputs: { clients: { path: clientsPath }, transactions: { path: 'data-samples/transactions.csv' } },
    model: { name: 'models/sample' }, asOf, store: { url: `sqlite:${path.join(dir, 'clientseg.db')}` },
    output: path.join(dir, `${asOf}-${drift === undefined ? 'plain' : 'settings'}`), driftGate: { failOn: 'alert' },
    ...(drift === undefined ? {} : { drift }),
  });
  const driftOf = async (out: string) => (JSON.parse(await readFile(path.join(out, 'run-report.json'), 'utf8')) as { drift: DriftDocument }).drift;

  it('turns an alert into ok by excluding the feature, which is still measured; a seasonal reference comes from the stored runs', async () => {
    const plain = await runPipeline(pipeline('2026-06-30'));
    expect(plain.kind === 'score' && plain.driftGate).toStrictEqual({ failOn: 'alert', verdict: 'alert', failed: true });
    expect(exitStatus(plain)).toBe(10);
    const plainDrift = await driftOf(plain.outputDir);
    expect(plainDrift.features.filter((f) => f.verdict !== 'ok').map((f) => f.name)).toStrictEqual(['marital_status']);

    const excluded = await runPipeline(pipeline('2026-06-30', { features: { marital_status: { exclude: true } } }));
    // Other settings make another run of the same inputs, not "already stored" with the old verdict.
    expect(excluded).toMatchObject({ outcome: 'completed', driftGate: { verdict: 'ok', failed: false } });
    expect(exitStatus(excluded)).toBe(0);
    const excludedDrift = await driftOf(excluded.outputDir);
    expect(excludedDrift.features.find((f) => f.name === 'marital_status')).toMatchObject({ verdict: 'alert', excluded: true });
    expect(await readFile(path.join(excluded.outputDir, 'report.html'), 'utf8')).toContain('aria-label="marital_status · alert (excluded)"');

    // A month later, against the run of the same inputs one month before rather than the model's training clients.
    const seasonal = await runPipeline(pipeline('2026-07-31', { reference: { kind: 'seasonal', monthsBack: 1 } }));
    const seasonalDrift = await driftOf(seasonal.outputDir);
    expect(seasonalDrift.reference.kind).toBe('seasonal');
    expect(seasonalDrift.reference.runs?.map((r) => r.asOf)).toStrictEqual(['2026-06-30']);
    // Every client was single in both runs: against the stored run, marital_status has not moved.
    expect(seasonalDrift.features.find((f) => f.name === 'marital_status')!.verdict).toBe('ok');

    // Without a store, the same history comes from drift.json files (score --drift-history).
    const [june] = await readDriftHistory([path.join(plain.outputDir, 'drift.json')]);
    expect([june!.asOf, june!.counts.rows, june!.counts.categories['marital_status']]).toStrictEqual(['2026-06-30', 2000, { single: 2000 }]);
    await expect(readDriftHistory([path.join(plain.outputDir, 'run-report.json')])).rejects.toMatchObject({ code: 'input_invalid' });
  }, 60_000);

  it('refuses a setting that names a feature the model does not measure', async () => {
    await expect(runPipeline(pipeline('2026-06-30', { features: { maritalstatus: { exclude: true } } }))).rejects.toMatchObject({ code: 'config_invalid' });
    // Refused before the run began: the store holds the three runs above and no failed one.
    const store = await openStore(`sqlite:${path.join(dir, 'clientseg.db')}`);
    try {
      expect((await store.listRuns()).map((r) => r.status)).toStrictEqual(['completed', 'completed', 'completed']);
    } finally {
      await store.close();
    }
  });
});
