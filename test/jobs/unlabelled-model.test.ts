import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../src/classify/init-backend.js';
import { parseIsoDay } from '../../src/core/days.js';
import { NEEDS } from '../../src/core/contract.js';
import { profilesOf } from '../../src/fuse/scored-columns.js';
import { buildFeatures } from '../../src/jobs/build-features.js';
import { loadModel, type LoadedModel } from '../../src/jobs/load-model.js';
import { monitorRun } from '../../src/jobs/monitor-run.js';
import { profileVocabulary } from '../../src/jobs/score.js';
import { scoreInChunks } from '../../src/jobs/score-in-chunks.js';
import { train } from '../../src/jobs/train.js';

// The committed sample without its questionnaires, trained as of the end of its data (no take-ups
// after it): a bundle with neither network, scored on one thread and on worker threads.
const root = path.resolve(import.meta.dirname, '../..');
const asOf = parseIsoDay('2026-12-31')!;
let tmp: string;
let model: LoadedModel;
let clientsPath: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'clientseg-unlabelled-'));
  const lines = (await readFile(path.join(root, 'data-samples/clients.csv'), 'utf8')).trimEnd().split('\n');
  const header = lines[0]!.split(',');
  const blank = new Set([header.indexOf('declared_risk'), header.indexOf('risk_assessed_on')]);
  clientsPath = path.join(tmp, 'clients.csv');
  await writeFile(clientsPath, `${lines.map((l, i) => (i === 0 ? l : l.split(',').map((c, j) => (blank.has(j) ? '' : c)).join(','))).join('\n')}\n`);
  const trained = await train({
    clientsPath, transactionsPath: path.join(root, 'data-samples/transactions.csv'), asOf, modelDir: path.join(tmp, 'model'),
    seed: 9, segments: { k: 5 }, rejectsPath: path.join(tmp, 'rejects.csv'),
  });
  expect(trained.report.warnings.map((w) => w.code)).toStrictEqual(['risk_unlabelled', 'needs_unlabelled']);
  await initBackend('auto');
  model = await loadModel(path.join(tmp, 'model'));
}, 180_000);
afterAll(async () => { model?.dispose(); await rm(tmp, { recursive: true, force: true }); });

describe('a model trained without labels', () => {
  it('loads without its networks and scores the same bytes on worker threads as on one thread', async () => {
    expect(model.risk).toBeUndefined();
    expect(model.needs).toBeUndefined();
    expect(model.riskClasses).toStrictEqual([]);
    expect(model.needThresholds).toStrictEqual(NEEDS.map(() => 1));
    const { matrix, ingest } = await buildFeatures({ clientsPath, transactionsPath: path.join(root, 'data-samples/transactions.csv'), asOf, rejectsPath: path.join(tmp, 'r2.csv') });
    const csvOf = async (options: Parameters<typeof scoreInChunks>[4]) => {
      const parts: Buffer[] = [];
      const result = await scoreInChunks(model, matrix, ingest.clients, asOf, { ...options, onLines: (b) => { parts.push(Buffer.from(b)); } });
      return { csv: Buffer.concat(parts).toString('utf8'), result };
    };
    const single = await csvOf({ workers: 0 });
    const workers = await csvOf({ workers: 2, minRowsForWorkers: 0, chunkRows: 256, scoreOnCaller: false });
    expect(workers.result.workerChunks).toBe(workers.result.chunks);
    expect(workers.csv).toBe(single.csv);

    const profiles = profilesOf(single.result.columns, ingest.clients, profileVocabulary(model, single.result));
    expect(profiles).toHaveLength(2000);
    for (const p of profiles) {
      expect(p.riskSegment).toBe('');
      expect(p.riskProbabilities).toStrictEqual([]);
      expect(p.needPropensities).toStrictEqual([]);
      expect(p.predictedNeeds).toStrictEqual([]);
      expect(p.flags).toContain('risk_unlabelled');
      expect(p.flags).toContain('needs_unlabelled');
      // Segment reasons remain; no risk or need reasons can exist.
      expect(p.reasons.length).toBeGreaterThan(0);
      expect(p.reasons.every((r) => r.startsWith('seg_'))).toBe(true);
    }
    // Every line has the header's 21 fields (no p_ columns, 7 empty need cells).
    for (const line of single.csv.trimEnd().split('\n').slice(0, 50)) expect(line.split(',').length).toBeGreaterThanOrEqual(21);

    // Drift against its own training data: no risk mix and no needs on either side, nothing drifts.
    const monitoring = await monitorRun({ ...model, driftReference: model.driftReference! }, matrix, ingest.clients, single.result.columns, asOf);
    expect(monitoring.drift.predictions.risk.categories).toStrictEqual([]);
    expect(monitoring.drift.predictions.needs).toStrictEqual([]);
    expect(monitoring.drift.verdict).toBe('ok');
    expect(monitoring.accuracy).toBeUndefined();
  }, 120_000);
});
