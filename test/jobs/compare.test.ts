import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare, generateClientBase, parseIsoDay, promote, renderCompareReport, Rng, train, type CompareResult, type TrainResult } from '../../src/index.js';
import { QUICK_TRAINING } from '../setup/quick-training.js';

// Champion and challengers trained on one generated population, compared on another one that
// none of them saw.
const asOf = parseIsoDay('2026-06-30')!;
let dir: string;
let versions: { champion: string; reseeded: string; shuffled: string };
let trained: { champion: TrainResult; reseeded: TrainResult };

const data = (name: string) => ({
  clientsPath: path.join(dir, name, 'clients.csv'), transactionsPath: path.join(dir, name, 'transactions.csv'),
  asOf, rejectsPath: path.join(dir, `${name}-rejects.csv`),
});

/** The same clients with their questionnaire answers shuffled among them: labels that carry no signal. */
async function shuffleLabels(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  const lines = (await readFile(path.join(from, 'clients.csv'), 'utf8')).trimEnd().split('\n');
  const header = lines[0]!.split(',');
  const risk = header.indexOf('declared_risk');
  const rows = lines.slice(1).map((l) => l.split(','));
  const order = new Rng('shuffle').permutation(rows.length);
  const shuffled = rows.map((r, i) => r.map((v, j) => (j === risk ? rows[order[i]!]![risk]! : v)).join(','));
  await writeFile(path.join(to, 'clients.csv'), [lines[0], ...shuffled, ''].join('\n'));
  await writeFile(path.join(to, 'transactions.csv'), await readFile(path.join(from, 'transactions.csv')));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-compare-'));
  await generateClientBase({ clients: 3000, seed: 31, outDir: path.join(dir, 'train') });
  await generateClientBase({ clients: 2000, seed: 32, outDir: path.join(dir, 'fresh') });
  await shuffleLabels(path.join(dir, 'train'), path.join(dir, 'shuffled'));
  const modelDir = path.join(dir, 'models', 'retail');
  const champion = await train({ ...data('train'), modelDir, seed: 1, ...QUICK_TRAINING });
  const reseeded = await train({ ...data('train'), modelDir, seed: 2, ...QUICK_TRAINING });
  const shuffled = await train({ ...data('shuffled'), modelDir, seed: 1, ...QUICK_TRAINING });
  trained = { champion, reseeded };
  versions = { champion: champion.version, reseeded: reseeded.version, shuffled: shuffled.version };
}, 300_000);
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

const model = (version: string) => path.join(dir, 'models', 'retail', version);

describe('compare champion and challenger on data neither saw', () => {
  let result: CompareResult;
  beforeAll(async () => {
    await promote(path.join(dir, 'models', 'retail'), versions.reseeded, 'challenger');
    result = await compare({ ...data('fresh'), champion: path.join(dir, 'models', 'retail'), challenger: `${path.join(dir, 'models', 'retail')}@challenger` });
  }, 120_000);

  it('finds the same segments from two seeds (high ARI, few clients moving) and recommends promoting', () => {
    expect(result.champion.version).toBe(versions.champion);
    expect(result.challenger.version).toBe(versions.reseeded);
    expect(result.clients).toBe(2000);
    expect(result.segments.ari).toBeGreaterThan(0.9);
    expect(result.segments.changedShare).toBeLessThan(0.05);
    expect(result.checks.filter((c) => c.verdict === 'worse')).toStrictEqual([]);
    expect(result.recommendation.decision).toBe('promote');
    expect(result.warnings).toStrictEqual([]);
    // The retrain aligned its ids to the champion's: every id keeps its meaning.
    expect(result.identity.flagged).toStrictEqual([]);
    expect(result.identity.segments.every((s) => s.status === 'same')).toBe(true);
  });

  it('sets risk, needs and clustering metrics side by side', () => {
    for (const side of [result.champion, result.challenger]) {
      expect(side.risk!.n).toBe(result.labels.riskLabelled);
      expect(side.risk!.macroF1).toBeGreaterThan(side.risk!.baseline.macroF1 + 0.3);
      expect(side.meanNeedAuc!).toBeGreaterThan(0.75);
      expect(side.segments.silhouette).toBeGreaterThan(0.1);
    }
    expect(result.checks.map((c) => c.metric)).toStrictEqual(['risk macro-F1', 'risk balanced accuracy', 'risk log-loss', 'risk ECE', 'needs mean AUC', 'segments silhouette']);
    const html = renderCompareReport(result);
    expect(html).toContain('<svg');
    expect(html).toContain('promote the challenger');
  });

  it('keeps the champion against a challenger trained on shuffled labels, naming the risk metrics', async () => {
    const worse = await compare({ ...data('fresh'), champion: model(versions.champion), challenger: model(versions.shuffled) });
    expect(worse.recommendation.decision).toBe('keep_champion');
    expect(worse.recommendation.reason).toContain('risk macro-F1');
    expect(worse.checks.find((c) => c.metric === 'risk macro-F1')!.verdict).toBe('worse');
    // The segments do not use the labels, so they still agree.
    expect(worse.segments.ari).toBeGreaterThan(0.9);
  }, 120_000);

  it('says at training how each segment id compares with the champion it was aligned to, and keeps that out of the bundle', async () => {
    expect(trained.champion.segmentIdentity).toBeUndefined();
    const identity = trained.reseeded.segmentIdentity!;
    expect(identity.previousVersion).toBe(versions.champion);
    expect(identity.flagged).toStrictEqual([]);
    expect(identity.segments.every((s) => s.status === 'same' && s.distance! <= s.limit!)).toBe(true);
    // The bundle does not depend on which champion sat in the folder (only its ids are aligned to it).
    expect(await readFile(path.join(model(versions.reseeded), 'report.json'), 'utf8')).not.toContain(versions.champion);
    expect(await readFile(path.join(model(versions.reseeded), 'manifest.json'), 'utf8')).not.toContain('idsChanged');
  });

  it('keeps the champion against itself, and warns when the data is what a model trained on', async () => {
    const same = await compare({ ...data('train'), champion: model(versions.champion), challenger: model(versions.champion) });
    expect(same.recommendation.decision).toBe('keep_champion');
    expect(same.segments.changed).toBe(0);
    expect(same.warnings.filter((w) => w.includes('trained on these very inputs'))).toHaveLength(2);
  }, 120_000);
});
