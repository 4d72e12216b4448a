import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitTableEncoder } from '../../src/features/table-encoder.js';
import { readFeatureTable } from '../../src/ingest/read-feature-table.js';
import { scoreFromTable } from '../../src/jobs/score-from-table.js';
import { trainFromTable } from '../../src/jobs/train-from-table.js';
import { readBundle, Rng } from '../../src/index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-table-'));
  // A planted rule: the label is "yes" when income is high or the region is north; noise column is noise.
  const rng = new Rng(4);
  const lines = ['id,income,region,noise,label,advisor'];
  for (let i = 0; i < 600; i++) {
    const income = rng.normal(50, 15);
    const region = rng.pick(['north', 'south', 'east']);
    const label = income > 60 || region === 'north' ? 'yes' : 'no';
    lines.push(`K${i},${i % 40 === 0 ? '' : income.toFixed(2)},${region},${rng.normal().toFixed(3)},${label},A${i % 3}`);
  }
  lines.push('K5,1,north,0,yes,A1', ',2,south,0,no,A1');
  await writeFile(path.join(dir, 'table.csv'), `${lines.join('\n')}\n`);
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('bring your own feature table', () => {
  it('accounts for every row and rejects repeated or missing ids with their lines', async () => {
    const table = await readFeatureTable(path.join(dir, 'table.csv'), 'id', path.join(dir, 'rejects.csv'));
    expect(table.counts).toStrictEqual({ read: 602, accepted: 600, rejected: 2, byReason: { duplicate_id: 1, missing_value: 1 }, skipped: 0, bySkip: {} });
    const rejects = await readFile(path.join(dir, 'rejects.csv'), 'utf8');
    expect(rejects).toContain(',602,duplicate_id,');
    expect(rejects).toContain(',603,missing_value,');
  });

  it('imputes training medians and one-hot encodes over the stored vocabulary', () => {
    const columns = new Map<string, (string | undefined)[]>([['x', ['1', undefined, '3', '10']], ['c', ['b', 'a', undefined, 'b']]]);
    const encoder = fitTableEncoder(columns, ['x', 'c'], { levels: { minShare: 0, minCount: 1 } });
    expect(encoder.toJSON()).toStrictEqual({ format: 'clientseg.table-encoder/1', numeric: [{ name: 'x', median: 3 }],
      categorical: [{ name: 'c', vocabulary: ['a', 'b'], minCount: 1, pooledLevels: 0, pooledRows: 0 }] });
    const m = encoder.transform(['p', 'q'], new Map([['x', [undefined, '2']], ['c', ['zzz', 'a']]]));
    expect(m.names).toStrictEqual(['x', 'c=a', 'c=b']);
    expect([...m.values]).toStrictEqual([3, 0, 0, 2, 1, 0]);
    expect(() => encoder.transform(['p'], new Map([['x', ['1']]]))).toThrow(expect.objectContaining({ code: 'model_incompatible' }));
  });

  it('pools levels rarer than 1% of the rows (at least 10) with unseen values, and refuses an id-like column unless allowed', () => {
    const levels = [...Array.from({ length: 30 }, () => 'big'), ...Array.from({ length: 12 }, () => 'mid'), 'r1', 'r2', 'r2'];
    const columns = new Map<string, (string | undefined)[]>([['c', levels], ['ref', levels.map((_, i) => `C${i}`)]]);
    const c = fitTableEncoder(columns, ['c']).spec.categorical[0]!;
    expect(c).toStrictEqual({ name: 'c', vocabulary: ['big', 'mid'], minCount: 10, pooledLevels: 2, pooledRows: 3 });
    // 45 distinct references in 45 rows is only a fine-grained category (≤ 50 values); past 50 it is an id.
    const many = new Map([['ref', Array.from({ length: 60 }, (_, i) => `C${i}`)]]);
    expect(() => fitTableEncoder(many, ['ref'])).toThrow(expect.objectContaining({ code: 'config_invalid', message: expect.stringContaining('ref (60 distinct values in 60 rows) look like identifiers') }));
    expect(fitTableEncoder(many, ['ref'], { allowIdLike: ['ref'] }).spec.categorical[0]!.pooledLevels).toBe(60);
    expect(fitTableEncoder(columns, ['ref']).spec.categorical[0]!.vocabulary).toStrictEqual([]);
  });

  it('pools a 133-level noise column, warns about it, and never cites it in a reason', async () => {
    const rng = new Rng(5);
    const lines = ['id,income,region,agent,label'];
    // 1,197 rows, each of the 133 agents on exactly 9: all below the bar of max(10, 1% = 12).
    for (let i = 0; i < 1197; i++) {
      const income = rng.normal(50, 15);
      const region = rng.pick(['north', 'south', 'east']);
      lines.push(`G${i},${income.toFixed(2)},${region},AG${String(i % 133).padStart(3, '0')},${income > 55 || region === 'north' ? 'yes' : 'no'}`);
    }
    await writeFile(path.join(dir, 'agents.csv'), `${lines.join('\n')}\n`);
    const result = await trainFromTable({ featuresPath: path.join(dir, 'agents.csv'), idColumn: 'id', target: 'label',
      modelDir: path.join(dir, 'agents-model'), seed: 4, segments: { k: 2 }, rejectsPath: path.join(dir, 'r4.csv') });
    expect(result.report.data.features.filter((f) => f.startsWith('agent='))).toStrictEqual([]);
    expect(result.report.warnings).toContainEqual({ code: 'high_cardinality', message: expect.stringMatching(/^agent: 133 of its 133 levels have fewer than 12 rows and are pooled/) });
    await scoreFromTable({ model: path.join(dir, 'agents-model'), featuresPath: path.join(dir, 'agents.csv'), idColumn: 'id', outPath: path.join(dir, 'agents-scores.csv'), rejectsPath: path.join(dir, 'r5.csv') });
    const scores = await readFile(path.join(dir, 'agents-scores.csv'), 'utf8');
    expect(scores).toContain('income');
    expect(scores).not.toContain('agent');
  }, 120_000);

  it('trains segments and a classifier on the table, with ROC AUC for a binary target, and scores it', async () => {
    const result = await trainFromTable({ featuresPath: path.join(dir, 'table.csv'), idColumn: 'id', target: 'label', exclude: ['advisor'],
      modelDir: path.join(dir, 'model'), seed: 3, segments: { k: 3 }, rejectsPath: path.join(dir, 'r1.csv') });
    expect(result.report.data.features).toStrictEqual(['income', 'noise', 'region=east', 'region=north', 'region=south']);
    expect(result.report.skipped).toContain('asset tiers');
    const target = result.report.target!;
    if (target.skipped !== undefined) throw new Error('the classifier was skipped');
    expect(target.classes).toStrictEqual(['no', 'yes']);
    expect(target.rocAuc).toBeGreaterThan(0.9);
    expect(target.test.macroF1).toBeGreaterThan(target.test.baseline.macroF1 + 0.3);
    // The held-out AUC lies inside its bootstrap interval.
    expect(target.intervals.rocAuc!.low).toBeLessThanOrEqual(target.rocAuc!);
    expect(target.intervals.rocAuc!.high).toBeGreaterThanOrEqual(target.rocAuc!);
    // The manifest of a table-trained model carries the classifier's parameters and the encoding's, and the held-out rows.
    const bundle = await readBundle(result.dir);
    expect(bundle.manifest.params).toMatchObject({
      classifier: { hiddenUnits: [32], activation: 'tanh', learningRate: 0.003, members: 3 }, binaryThreshold: { kind: 'f1' },
      levels: { minShare: 0.01, minCount: 10 }, allowIdLike: [], exclude: ['advisor'], minLabelledRows: 50, diagnostics: true,
    });
    const heldOut = (bundle.json('held-out.json') as { risk: string[] }).risk;
    expect(heldOut).toHaveLength(target.test.confusion.flat().reduce((s, n) => s + n, 0));
    expect(bundle.manifest.heldOut).toStrictEqual({ file: 'held-out.json', counts: { risk: heldOut.length } });

    await scoreFromTable({ model: path.join(dir, 'model'), featuresPath: path.join(dir, 'table.csv'), idColumn: 'id', outPath: path.join(dir, 'scores.csv'), rejectsPath: path.join(dir, 'r2.csv') });
    const scores = (await readFile(path.join(dir, 'scores.csv'), 'utf8')).trim().split('\n');
    expect(scores[0]).toBe('client_id,model_version,behaviour_segment,behaviour_segment_name,predicted_label,p_no,p_yes,reasons');
    expect(scores).toHaveLength(601);
  }, 120_000);

  it('segments a table as scikit-learn\'s pipeline does: every level kept as a 0/1 indicator, names that read levels', async () => {
    const rng = new Rng(8);
    const lines = ['id,flag,y,x'];
    for (let i = 0; i < 400; i++) {
      const yes = i % 2 === 0;
      lines.push(`T${i},${yes ? 'yes' : 'no'},${((yes ? 3 : 0) + rng.normal(0, 0.3)).toFixed(3)},${rng.normal().toFixed(3)}`);
    }
    await writeFile(path.join(dir, 'levels.csv'), `${lines.join('\n')}\n`);
    await trainFromTable({ featuresPath: path.join(dir, 'levels.csv'), idColumn: 'id', modelDir: path.join(dir, 'levels-model'), seed: 2,
      segments: { k: 2 }, rejectsPath: path.join(dir, 'r3.csv') });
    const [version] = (JSON.parse(await readFile(path.join(dir, 'levels-model', 'aliases.json'), 'utf8')) as { versions: string[] }).versions;
    const bundle = path.join(dir, 'levels-model', version!);
    const segments = JSON.parse(await readFile(path.join(bundle, 'segments.json'), 'utf8')) as { features: string[]; weights: number[]; names: { zh: string; en: string }[] };
    // Both levels stay although r = −1, and no relevance round reweighs them.
    expect(segments.features).toStrictEqual(['y', 'x', 'flag=no', 'flag=yes']);
    // A level's weight is its sd (0.5 for a 50/50 level) times the common weight: a 0/1 indicator.
    expect(segments.weights[2]! / segments.weights[0]!).toBeCloseTo(0.5, 12);
    expect(segments.names.map((n) => n.en).join(' | ')).toContain('flag=yes');
    for (const n of segments.names) expect(`${n.zh} ${n.en}`).not.toMatch(/低 flag|low flag/);
    const manifest = JSON.parse(await readFile(path.join(bundle, 'manifest.json'), 'utf8')) as { params: { segments: Record<string, unknown> } };
    expect(manifest.params.segments).toMatchObject({ k: 2, relevanceRounds: 0, dropNearDuplicates: false });
  }, 120_000);
});
