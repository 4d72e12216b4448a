import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareResult } from '../../src/report/compare-report.js';
import { runCli } from './run-cli.js';
import { QUICK_TRAINING_ARGS } from '../setup/quick-training.js';

let dir: string;
const data = () => ['--clients', path.join(dir, 'data', 'clients.csv'), '--transactions', path.join(dir, 'data', 'transactions.csv'), '--as-of', '2026-06-30'];
const models = () => path.join(dir, 'models', 'retail');

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-compare-cli-'));
  expect(runCli(['generate', '--clients', '800', '--seed', '8', '--out', path.join(dir, 'data')]).status).toBe(0);
  for (const seed of ['5', '6']) expect(runCli(['train', ...data(), '--out', models(), '--seed', seed, '--k', '5', ...QUICK_TRAINING_ARGS]).status).toBe(0);
  // A data scientist's experiment in a folder of its own: k = 6 and no champion to align its ids to.
  expect(runCli(['train', ...data(), '--out', path.join(dir, 'models', 'experiment'), '--seed', '7', '--k', '6', ...QUICK_TRAINING_ARGS]).status).toBe(0);
}, 240_000);
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('clientseg compare', () => {
  it('compares the champion with the challenger alias and writes compare.json and compare.html', async () => {
    const aliases = JSON.parse(await readFile(path.join(models(), 'aliases.json'), 'utf8')) as { champion: string };
    const other = (await readdir(models())).find((n) => /^[0-9a-f]{12}$/.test(n) && n !== aliases.champion)!;
    expect(runCli(['promote', models(), '--version', other, '--as', 'challenger']).status).toBe(0);
    const out = path.join(dir, 'cmp');
    const result = runCli(['compare', models(), `${models()}@challenger`, ...data(), '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^recommendation: (promote the challenger|keep the champion): /m);
    expect(result.stdout).toContain('trained on these very inputs');
    const json = JSON.parse(await readFile(path.join(out, 'compare.json'), 'utf8')) as CompareResult;
    expect(json.champion.version).toBe(aliases.champion);
    expect(json.challenger.version).toBe(other);
    expect(['promote', 'keep_champion']).toContain(json.recommendation.decision);
    const html = await readFile(path.join(out, 'compare.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain(json.recommendation.reason.replace(/&/g, '&amp;'));
  }, 120_000);

  it('flags the segment ids whose meaning moved in a retrain with another k, and finds where each meaning went', async () => {
    const out = path.join(dir, 'cmp-moved');
    const result = runCli(['compare', models(), path.join(dir, 'models', 'experiment'), ...data(), '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    const { identity, segments, warnings, recommendation } = JSON.parse(await readFile(path.join(out, 'compare.json'), 'utf8')) as CompareResult;
    expect(identity.comparable).toBe(true);
    expect(identity.flagged.length).toBeGreaterThan(0);
    expect(result.stdout).toContain(`segment identity   id${identity.flagged.length > 1 ? 's' : ''} ${identity.flagged.join(', ')} changed meaning or name`);
    expect(warnings.some((w) => w.startsWith('segment ids change meaning between the two models'))).toBe(true);
    if (recommendation.decision === 'promote') expect(recommendation.reason).toMatch(/segment ids? .* meaning/);
    for (const s of identity.segments.filter((e) => e.status === 'moved')) expect(s.distance!).toBeGreaterThan(s.limit!);
    // Where the centroid alignment says an old meaning went is where the champion's clients went:
    // the client-overlap matching, computed from the two models' assignments, agrees.
    const aligned = identity.alignment.filter((a) => a.to !== null);
    expect(aligned.length).toBeGreaterThanOrEqual(4);
    for (const a of aligned) expect(segments.matches.find((m) => m.a === a.from)?.b).toBe(a.to);
    expect(await readFile(path.join(out, 'compare.html'), 'utf8')).toContain('meaning changed');
  }, 120_000);

  it('fails with the documented exit codes on a missing model and missing inputs', () => {
    const missing = runCli(['compare', models(), path.join(dir, 'nowhere'), ...data(), '--out', path.join(dir, 'cmp2')]);
    expect(missing.status).toBe(6);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const usage = runCli(['compare', models(), `${models()}@challenger`, '--out', path.join(dir, 'cmp3')]);
    expect(usage.status).toBe(2);
  }, 60_000);

  it('turns "keep the champion" into exit 9 with --fail-on-keep, after writing the report', async () => {
    const out = path.join(dir, 'cmp4');
    const gate = runCli(['compare', models(), models(), ...data(), '--out', out, '--fail-on-keep']);
    expect(gate.status).toBe(9);
    expect(gate.stdout).toContain('recommendation: keep the champion');
    expect(gate.stderr).toMatch(/^clientseg: the challenger is not to be promoted: .* \[gate_failed\]\n$/);
    const json = JSON.parse(await readFile(path.join(out, 'compare.json'), 'utf8')) as CompareResult;
    expect(json.recommendation.decision).toBe('keep_champion');
  }, 60_000);
});
