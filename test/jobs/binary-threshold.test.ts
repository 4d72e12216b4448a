import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseThreshold } from '../../src/classify/decision-threshold.js';
import { scoreFromTable } from '../../src/jobs/score-from-table.js';
import { trainFromTable } from '../../src/jobs/train-from-table.js';
import { Rng } from '../../src/index.js';
import { diagnosticsSection } from '../../src/report/diagnostics-section-html.js';
import { thresholdSection } from '../../src/report/threshold-section-html.js';

const ROWS = 4000;
let dir: string;
/** The generator's own probability of a positive per row: the ground truth a model estimates. */
const truth: number[] = [];
const label: number[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-threshold-'));
  const rng = new Rng('imbalanced');
  const lines = ['id,income,tenure,noise,region,churned'];
  for (let i = 0; i < ROWS; i++) {
    const income = rng.normal(), tenure = rng.normal(), noise = rng.normal();
    const region = rng.pick(['north', 'south', 'east']);
    const p = 1 / (1 + Math.exp(-(-3.8 + 1.5 * income - 1.0 * tenure + (region === 'north' ? 0.6 : 0))));
    const y = rng.bernoulli(p) ? 1 : 0;
    truth.push(p); label.push(y);
    lines.push(`C${i},${income.toFixed(4)},${tenure.toFixed(4)},${noise.toFixed(4)},${region},${y ? 'yes' : 'no'}`);
  }
  await writeFile(path.join(dir, 'table.csv'), `${lines.join('\n')}\n`);
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function trainInto(name: string, threshold?: Parameters<typeof trainFromTable>[0]['threshold']) {
  return trainFromTable({
    featuresPath: path.join(dir, 'table.csv'), idColumn: 'id', target: 'churned', modelDir: path.join(dir, name), seed: 11,
    segments: { k: 3 }, rejectsPath: path.join(dir, `${name.replace('/', '-')}-rejects.csv`), classifier: { members: 1, search: 'off' }, ...(threshold ? { threshold } : {}),
  });
}

describe('decision thresholds on an imbalanced binary target', () => {
  it('predicts positives at about the base rate (best F1 on validation rows), and scoring follows the stored threshold', async () => {
    const baseRate = label.reduce((s, v) => s + v, 0) / ROWS;
    expect(baseRate).toBeGreaterThan(0.06);
    expect(baseRate).toBeLessThan(0.1);
    const result = await trainInto('f1');
    const target = result.report.target!;
    if (target.skipped !== undefined) throw new Error('the classifier was skipped');
    const th = target.threshold!;
    expect(th.rule).toBe('f1');
    expect(th.positiveClass).toBe('yes');
    expect(th.value).toBeLessThan(0.5);
    // Held out: the predicted positive share is within a factor of two of the base rate.
    expect(th.test.predictedShare).toBeGreaterThan(th.test.baseRate / 2);
    expect(th.test.predictedShare).toBeLessThan(th.test.baseRate * 2);
    // Against the generator's truth: the oracle's best F1 over all rows bounds what any model reaches.
    const oracle = chooseThreshold(truth, label, { kind: 'f1' }, 'yes').validation.f1;
    expect(th.test.f1).toBeGreaterThan(0.75 * oracle);
    expect(target.test.perClass.find((c) => c.class === 'yes')!.f1).toBeCloseTo(th.test.f1, 10);
    expect(th.curve.length).toBeGreaterThan(10);
    expect(th.averagePrecision).toBeGreaterThan(baseRate * 3);
    // Diagnostics: the planted drivers lead the importance, a categorical column is shuffled as one, the pure-noise column shows nothing.
    const d = target.diagnostics!;
    expect(d.importance.features.slice(0, 2).map((f) => f.name).sort()).toStrictEqual(['income', 'tenure']);
    expect(d.importance.features.map((f) => f.name).sort()).toStrictEqual(['income', 'noise', 'region', 'tenure']);
    expect(d.importance.features.find((f) => f.name === 'noise')!.low).toBeLessThan(0.005);
    // The truth is logistic, so the baseline is as good as the network, within noise.
    expect(Math.abs(d.baseline.rocAuc! - target.rocAuc!)).toBeLessThan(0.04);
    const income = d.partialDependence.features.find((f) => f.name === 'income')!;
    expect(income.mean[1]!.at(-1)!).toBeGreaterThan(income.mean[1]![0]! + 0.1);
    expect(Number(income.grid[0]!.label)).toBeCloseTo(income.grid[0]!.value, 2); // raw units, not z
    expect(d.partialDependence.features.find((f) => f.name === 'region')!.grid.map((g) => g.label)).toStrictEqual(['east', 'north', 'south', 'none']);
    expect(diagnosticsSection(target, (n) => n)).toContain('partial dependence');
    const html = thresholdSection(th);
    expect(html).toContain('<svg');
    expect(html).toContain('precision–recall');
    expect(html).toContain(`t = ${th.value.toFixed(3)}`);
    expect(thresholdSection(undefined)).toBe('');

    await scoreFromTable({ model: path.join(dir, 'f1'), featuresPath: path.join(dir, 'table.csv'), idColumn: 'id', outPath: path.join(dir, 'scores.csv'), rejectsPath: path.join(dir, 's-rejects.csv') });
    const rows = (await readFile(path.join(dir, 'scores.csv'), 'utf8')).trim().split('\n').slice(1).map((l) => l.split(','));
    const predicted = rows.filter((r) => r[4] === 'yes');
    const share = predicted.length / rows.length;
    expect(share).toBeGreaterThan(baseRate / 2);
    expect(share).toBeLessThan(baseRate * 2);
    // At 0.5 (the most probable class) far fewer would be flagged: the problem the threshold solves.
    expect(rows.filter((r) => Number(r[6]) >= 0.5).length).toBeLessThan(predicted.length / 2);
    // Every row's class is the threshold's side of p_yes (4 decimals in the file, so skip rows at the edge).
    for (const r of rows) if (Math.abs(Number(r[6]) - th.value) > 1e-4) expect(r[4]).toBe(Number(r[6]) >= th.value ? 'yes' : 'no');
  }, 240_000);

  it('same seed → the same threshold and the same bundle bytes; a recall target moves the threshold down', async () => {
    const [a, b] = [await trainInto('a/model'), await trainInto('b/model')];
    const ta = a.report.target!, tb = b.report.target!;
    if (ta.skipped !== undefined || tb.skipped !== undefined) throw new Error('the classifier was skipped');
    expect(ta.threshold!.value).toBe(tb.threshold!.value);
    expect(a.version).toBe(b.version);
    const files = (await readdir(a.dir)).sort();
    expect(files).toStrictEqual((await readdir(b.dir)).sort());
    for (const f of files) expect(Buffer.compare(await readFile(path.join(a.dir, f)), await readFile(path.join(b.dir, f))), f).toBe(0);
    const spec = JSON.parse(await readFile(path.join(a.dir, 'risk-model.json'), 'utf8')) as { threshold: { value: number; rule: string } };
    expect(spec.threshold).toMatchObject({ value: ta.threshold!.value, rule: 'f1' });

    const recall = await trainInto('recall', { kind: 'recall', target: 0.9 });
    const tr = recall.report.target!;
    if (tr.skipped !== undefined) throw new Error('the classifier was skipped');
    expect(tr.threshold!.rule).toBe('recall=0.9');
    expect(tr.threshold!.validation.recall).toBeGreaterThanOrEqual(0.9);
    expect(tr.threshold!.value).toBeLessThan(ta.threshold!.value);
  }, 360_000);
});
