import { mkdtemp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/core/password-hash.js';
import type { Manifest } from '../../src/registry/manifest-schema.js';
import { openAdvisorStore } from '../../src/store/open-advisor-store.js';
import { HttpSession, startApp } from '../server/advisor-fixture.js';
import { runCli } from './run-cli.js';
import { QUICK_TRAINING_ARGS } from '../setup/quick-training.js';

// A bank export without questionnaires: the generator's clients with declared_risk and
// risk_assessed_on blanked. Training must still give segments, tiers, needs and the rest.
let dir: string;
const tx = () => path.join(dir, 'data', 'transactions.csv');
const unlabelled = () => path.join(dir, 'unlabelled.csv');
const data = (clients = unlabelled(), asOf = '2026-06-30') => ['--clients', clients, '--transactions', tx(), '--as-of', asOf];

async function bundleDir(modelDir: string): Promise<string> {
  const version = (await readdir(modelDir)).find((n) => /^[0-9a-f]{12}$/.test(n))!;
  return path.join(modelDir, version);
}

function csvRows(text: string): string[][] {
  return text.trim().split('\n').map((line) => line.split(','));
}

/** The JSON log lines of a run's stderr. */
function logLines(stderr: string): Record<string, unknown>[] {
  return stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-unlabelled-'));
  expect(runCli(['generate', '--clients', '600', '--seed', '3', '--out', path.join(dir, 'data')]).status).toBe(0);
  const lines = (await readFile(path.join(dir, 'data', 'clients.csv'), 'utf8')).trimEnd().split('\n');
  const header = lines[0]!.split(',');
  const blank = [header.indexOf('declared_risk'), header.indexOf('risk_assessed_on')];
  expect(blank.every((j) => j >= 0)).toBe(true);
  const rows = lines.slice(1).map((line) => line.split(',').map((cell, j) => (blank.includes(j) ? '' : cell)).join(','));
  await writeFile(unlabelled(), `${[lines[0]!, ...rows].join('\n')}\n`);
}, 120_000);
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('training and scoring without labels', () => {
  it('trains everything but the risk classifier, warns risk_unlabelled, and scores with empty risk columns everywhere', async () => {
    const trained = runCli(['train', ...data(), '--out', path.join(dir, 'm'), '--seed', '5', '--k', '4', ...QUICK_TRAINING_ARGS]);
    expect(trained.status).toBe(0);
    expect(logLines(trained.stderr).some((l) => l.code === 'risk_unlabelled' && l.level === 40)).toBe(true);
    expect(trained.stdout).toContain('risk: no classifier (risk_unlabelled: 0 usable declared_risk labels in 0 classes)');
    expect(trained.stdout).toMatch(/needs AUC: education /);

    const bundle = await bundleDir(path.join(dir, 'm'));
    const files = await readdir(bundle);
    expect(files).not.toContain('risk-model.json');
    expect(files).not.toContain('risk-weights.bin');
    expect(files).toContain('needs-weights.bin');
    const manifest = JSON.parse(await readFile(path.join(bundle, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.labelSets).toStrictEqual({ risk: [], needs: expect.arrayContaining(['education']) as unknown });
    expect(manifest.metrics['risk']).toBeNull();
    const report = JSON.parse(await readFile(path.join(bundle, 'report.json'), 'utf8')) as { risk: Record<string, unknown>; warnings: { code: string }[] };
    expect(report.risk).toStrictEqual({ target: 'declared_risk', classes: [], labelled: 0, stale: 0, missing: 600, skipped: 'risk_unlabelled', minLabelledRows: 50 });
    expect(report.warnings.map((w) => w.code)).toStrictEqual(['risk_unlabelled']);
    const html = await readFile(path.join(bundle, 'report.html'), 'utf8');
    expect(html).toContain('<p id="risk-skipped">');
    expect(html).toContain('未训练风险模型（risk_unlabelled）');
    expect(html).toContain('No risk model was trained (risk_unlabelled)');
    expect(html).not.toMatch(/NaN|undefined/);
    const card = await readFile(path.join(bundle, 'model-card.md'), 'utf8');
    expect(card).toContain('No risk model was trained (risk_unlabelled)');
    expect(card).toContain('- `risk_unlabelled`: the target declared_risk has no usable labels');

    // score, into scores.csv, drift.json, the report and the store
    const store = `sqlite:${path.join(dir, 'store.db')}`;
    const scored = runCli(['score', ...data(), '--model', path.join(dir, 'm'), '--out', path.join(dir, 's', 'scores.csv'), '--store', store]);
    expect(scored.status).toBe(0);
    expect(scored.stdout).toContain('risk: no risk model (risk_unlabelled)');
    const [header, ...rows] = csvRows(await readFile(path.join(dir, 's', 'scores.csv'), 'utf8'));
    expect(header!.filter((c) => c.startsWith('p_'))).toStrictEqual([]);
    expect(rows).toHaveLength(600);
    const risk = header!.indexOf('risk_segment'), flags = header!.indexOf('flags');
    for (const row of rows) {
      expect(row).toHaveLength(header!.length);
      expect(row[risk]).toBe('');
      expect(row[flags]!.split(';')).toContain('risk_unlabelled');
      expect(row[flags]!.split(';')).not.toContain('risk_mismatch');
    }
    // needs were trained: some clients have predicted needs
    expect(rows.some((r) => r[header!.indexOf('predicted_needs')] !== '')).toBe(true);
    const drift = JSON.parse(await readFile(path.join(dir, 's', 'drift.json'), 'utf8')) as { verdict: string; predictions: { risk: { categories: unknown[] } } };
    expect(drift.predictions.risk.categories).toStrictEqual([]);
    const scoreReport = await readFile(path.join(dir, 's', 'report.html'), 'utf8');
    expect(scoreReport).toContain('No risk model (risk_unlabelled)');
    expect(scoreReport).not.toContain('predicted risk segment');

    const client = JSON.parse(runCli(['client', 'C0000001', '--store', store, '--json']).stdout) as { current: { riskSegment: string; riskProbabilities: object; flags: string[] } };
    expect(client.current.riskSegment).toBe('');
    expect(client.current.riskProbabilities).toStrictEqual({});
    expect(client.current.flags).toContain('risk_unlabelled');

    // the advisor app: the book and a client page open and say there is no risk model
    const advisor = await openAdvisorStore(store);
    try {
      await advisor.users.upsert('S01', 'supervisor', await hashPassword('s01-password-long'), new Date('2026-07-01T00:00:00Z'));
      const { app, base } = await startApp(advisor, { modelsDir: dir });
      try {
        const tab = new HttpSession(base);
        expect((await tab.signIn('S01', 's01-password-long')).status).toBe(303);
        const book = await tab.get('/book');
        expect(book.status).toBe(200);
        expect(await book.text()).toContain('未训练风险模型');
        const page = await tab.get('/clients/C0000001');
        expect(page.status).toBe(200);
        const text = await page.text();
        expect(text).toContain('<div class="value" id="risk">未训练风险模型</div>');
        expect(text).not.toContain('id="probabilities"');
        // advisors can still record a risk level, which becomes a label for the next training
        expect(text).toContain('<option value="balanced">');
      } finally {
        await app.close();
      }
    } finally {
      await advisor.close();
    }
  }, 300_000);

  it('compares an unlabelled challenger with a labelled champion: no risk figures, keeps the champion, says why', async () => {
    expect(runCli(['train', ...data(path.join(dir, 'data', 'clients.csv')), '--out', path.join(dir, 'labelled'), '--seed', '5', '--k', '4', ...QUICK_TRAINING_ARGS]).status).toBe(0);
    const compared = runCli(['compare', path.join(dir, 'labelled'), path.join(dir, 'm'), ...data(path.join(dir, 'data', 'clients.csv')), '--out', path.join(dir, 'cmp')]);
    expect(compared.status).toBe(0);
    expect(compared.stdout).toMatch(/risk macro-F1 +champion [0-9.]+ \(95% CI [0-9.]+–[0-9.]+\) +challenger no risk model/);
    expect(compared.stdout).toContain('recommendation: keep the champion: the challenger has no risk classifier (risk_unlabelled)');
    const json = JSON.parse(await readFile(path.join(dir, 'cmp', 'compare.json'), 'utf8')) as { challenger: { riskModel: boolean; risk: unknown }; checks: { metric: string }[] };
    expect(json.challenger.riskModel).toBe(false);
    expect(json.challenger.risk).toBeNull();
    expect(json.checks.map((c) => c.metric).filter((m) => m.startsWith('risk'))).toStrictEqual([]);
    expect(await readFile(path.join(dir, 'cmp', 'compare.html'), 'utf8')).toContain('未训练风险模型');
  }, 300_000);

  it('skips the needs model with needs_unlabelled when nothing was taken up in the horizon, and scores with empty needs', async () => {
    // As of the end of the generated data: the horizon after it holds no transactions.
    const late = data(path.join(dir, 'data', 'clients.csv'), '2026-12-31');
    const trained = runCli(['train', ...late, '--out', path.join(dir, 'late'), '--seed', '5', '--k', '4', ...QUICK_TRAINING_ARGS]);
    expect(trained.status).toBe(0);
    expect(logLines(trained.stderr).some((l) => l.code === 'needs_unlabelled')).toBe(true);
    expect(trained.stdout).toContain('needs: no model (needs_unlabelled: 0 clients took up a need in the horizon)');
    const bundle = await bundleDir(path.join(dir, 'late'));
    expect(await readdir(bundle)).not.toContain('needs-model.json');
    expect(await readFile(path.join(bundle, 'report.html'), 'utf8')).toContain('No needs model was trained (needs_unlabelled)');

    expect(runCli(['score', ...late, '--model', path.join(dir, 'late'), '--out', path.join(dir, 'late-s', 'scores.csv')]).status).toBe(0);
    const [header, ...rows] = csvRows(await readFile(path.join(dir, 'late-s', 'scores.csv'), 'utf8'));
    const needCells = header!.flatMap((c, j) => (c.startsWith('need_') || c === 'predicted_needs' ? [j] : []));
    expect(needCells).toHaveLength(8);
    for (const row of rows) {
      expect(needCells.map((j) => row[j])).toStrictEqual(new Array(8).fill(''));
      expect(row[header!.indexOf('flags')]!.split(';')).toContain('needs_unlabelled');
    }
    // the risk classifier was trained on these labelled clients
    expect(header).toContain('p_balanced');
  }, 300_000);

  it('trains a segmentation-only bundle from a feature table without --target, which score --features uses', async () => {
    const features = path.join(dir, 'features.csv');
    expect(runCli(['features', ...data(), '--out', features]).status).toBe(0);
    const trained = runCli(['train', '--features', features, '--id-column', 'client_id', '--out', path.join(dir, 'table'), '--k', '3']);
    expect(trained.status).toBe(0);
    expect(trained.stdout).toContain('segments: k = 3; no --target: segmentation only');
    const bundle = await bundleDir(path.join(dir, 'table'));
    expect(await readdir(bundle)).not.toContain('risk-model.json');
    const scored = runCli(['score', '--features', features, '--model', path.join(dir, 'table'), '--out', path.join(dir, 'table-s.csv')]);
    expect(scored.status).toBe(0);
    const [header, ...rows] = csvRows(await readFile(path.join(dir, 'table-s.csv'), 'utf8'));
    expect(header).toStrictEqual(['client_id', 'model_version', 'behaviour_segment', 'behaviour_segment_name', 'reasons', 'flags']);
    expect(rows).toHaveLength(600);
    expect(new Set(rows.map((r) => r[2])).size).toBe(3);
  }, 300_000);

  it('fails a --target naming a missing column at once, before the transactions are read, naming the columns there are', async () => {
    // 4 GiB of zero bytes (sparse): reading it would take minutes and fail on its content.
    const huge = path.join(dir, 'huge.csv');
    await writeFile(huge, 'txn_id,client_id,date,amount,direction,type\n');
    await truncate(huge, 4 * 1024 ** 3);
    const started = Date.now();
    const unknown = runCli(['train', '--clients', unlabelled(), '--transactions', huge, '--as-of', '2026-06-30', '--out', path.join(dir, 'x'), '--target', 'risk_level']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--target risk_level is not a categorical client column');
    expect(unknown.stderr).toContain('the clients file\'s columns are client_id,');
    const absent = path.join(dir, 'no-marital.csv');
    const lines = (await readFile(unlabelled(), 'utf8')).trimEnd().split('\n');
    const at = lines[0]!.split(',').indexOf('marital_status');
    await writeFile(absent, lines.map((l) => l.split(',').filter((_, j) => j !== at).join(',')).join('\n'));
    const missing = runCli(['train', '--clients', absent, '--transactions', huge, '--as-of', '2026-06-30', '--out', path.join(dir, 'x'), '--target', 'marital_status']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('has no column marital_status for --target marital_status');
    expect(missing.stderr).toContain('of which declared_risk can be a target');

    // a feature table whose header lacks the target, followed by gigabytes that would fail if read
    const table = path.join(dir, 'huge-features.csv');
    await writeFile(table, 'client_id,age,aum\nC1,40,1000\n');
    await truncate(table, 4 * 1024 ** 3);
    const tableMissing = runCli(['train', '--features', table, '--id-column', 'client_id', '--target', 'churned', '--out', path.join(dir, 'y')]);
    expect(tableMissing.status).toBe(2);
    expect(tableMissing.stderr).toContain('has no column churned (--target); its columns are client_id, age, aum');
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 120_000);
});
