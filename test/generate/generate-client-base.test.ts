import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { ARCHETYPES } from '../../src/generate/archetypes.js';
import { generateClientBase } from '../../src/generate/generate-client-base.js';
import type { PipelineError } from '../../src/core/errors.js';
import { readCsv, tempDir } from './read-base.js';

const tmp = tempDir('base');
afterAll(() => tmp.cleanup());
const FILES = ['clients.csv', 'transactions.csv', 'truth.csv'] as const;
const files = (dir: string) => FILES.map((f) => readFileSync(join(dir, f)));

describe('generateClientBase determinism', () => {
  it('writes byte-identical files for the same seed and different ones for another seed', async () => {
    const a = join(tmp.dir, 'a'), b = join(tmp.dir, 'b'), c = join(tmp.dir, 'c');
    const sa = await generateClientBase({ clients: 300, seed: 11, outDir: a });
    const sb = await generateClientBase({ clients: 300, seed: 11, outDir: b });
    await generateClientBase({ clients: 300, seed: 12, outDir: c });
    const [fa, fb, fc] = [files(a), files(b), files(c)];
    for (let i = 0; i < FILES.length; i++) {
      expect(fa[i]!.equals(fb[i]!)).toBe(true);
      expect(fa[i]!.equals(fc[i]!)).toBe(false);
    }
    expect(sa).toStrictEqual({ ...sb, outDir: a, files: sa.files });
    expect(sa.rows.clients).toBe(300);
    expect(sa.rows.transactions).toBe(readCsv(join(a, 'transactions.csv')).rows.length);
    expect(sa.bytes.transactions).toBe(fa[1]!.length);
  });

  it('gives a client the same rows whatever the client count (per-client streams)', async () => {
    const small = join(tmp.dir, 'small'), large = join(tmp.dir, 'large');
    await generateClientBase({ clients: 50, seed: 'abc', outDir: small });
    await generateClientBase({ clients: 120, seed: 'abc', outDir: large });
    const s = readCsv(join(small, 'clients.csv')).rows;
    const l = readCsv(join(large, 'clients.csv')).rows.slice(0, 50);
    // Advisors are one per 150 clients with at least 3, so both runs have 3 and rows match whole.
    expect(l).toStrictEqual(s);
    expect(readFileSync(join(large, 'truth.csv'), 'utf8').startsWith(readFileSync(join(small, 'truth.csv'), 'utf8'))).toBe(true);
  });
});

describe('generateClientBase knobs', () => {
  it('archetypeShares shifts the mix and a zero share removes an archetype', async () => {
    const dir = join(tmp.dir, 'shares');
    const s = await generateClientBase({ clients: 1500, seed: 3, outDir: dir, archetypeShares: { frequent_trader: 0.6, retiree: 0 } });
    const truth = readCsv(join(dir, 'truth.csv')).rows;
    const count = (name: string) => truth.filter((r) => r[1] === name).length;
    const expected = 0.6 / (1 - 0.14 - 0.15 + 0.6);
    expect(count('frequent_trader') / 1500).toBeGreaterThan(expected - 0.05);
    expect(count('frequent_trader') / 1500).toBeLessThan(expected + 0.05);
    expect(count('retiree')).toBe(0);
    for (const a of ARCHETYPES) expect(s.byArchetype[a.name]).toBe(count(a.name));
  });

  it('amountScale multiplies every amount and changes nothing else', async () => {
    const one = join(tmp.dir, 'scale1'), two = join(tmp.dir, 'scale2');
    await generateClientBase({ clients: 200, seed: 5, outDir: one });
    await generateClientBase({ clients: 200, seed: 5, outDir: two, amountScale: 2 });
    const t1 = readCsv(join(one, 'transactions.csv')).rows, t2 = readCsv(join(two, 'transactions.csv')).rows;
    expect(t2.length).toBe(t1.length);
    for (let i = 0; i < t1.length; i++) {
      const [a, b] = [t1[i]!, t2[i]!];
      expect([...b.slice(0, 3), ...b.slice(4)]).toStrictEqual([...a.slice(0, 3), ...a.slice(4)]);
      // Both sides are rounded to the cent, so the ratio holds to within a cent and a half.
      expect(Math.abs(Number(b[3]) - 2 * Number(a[3]))).toBeLessThanOrEqual(0.015 + 1e-9);
    }
    const c1 = readCsv(join(one, 'clients.csv')).rows, c2 = readCsv(join(two, 'clients.csv')).rows;
    for (let i = 0; i < c1.length; i++) expect(Math.abs(Number(c2[i]![2]) - 2 * Number(c1[i]![2]))).toBeLessThanOrEqual(0.015 + 1e-9);
    expect(readFileSync(join(two, 'truth.csv'))).toStrictEqual(readFileSync(join(one, 'truth.csv')));
  });

  it('questionnaireNoise 0 and missingDeclaredShare 0 make every declared risk the truth', async () => {
    const dir = join(tmp.dir, 'clean');
    const s = await generateClientBase({ clients: 300, seed: 9, outDir: dir, questionnaireNoise: 0, missingDeclaredShare: 0, staleAssessmentShare: 0 });
    const clients = readCsv(join(dir, 'clients.csv')).rows, truth = readCsv(join(dir, 'truth.csv')).rows;
    clients.forEach((c, i) => expect(c[5]).toBe(truth[i]![2]));
    expect(s.declaredAgreement).toBe(1);
  });

  it('reports progress and logs one summary line', async () => {
    const calls: string[] = [];
    const progress = { start: (l: string, t: number | undefined) => calls.push(`start ${l} ${t}`), update: (d: number) => calls.push(`update ${d}`), stop: () => calls.push('stop') };
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
    await generateClientBase({ clients: 2500, seed: 1, outDir: join(tmp.dir, 'progress'), progress, log: pino({ base: null, timestamp: false }, sink) });
    expect(calls).toStrictEqual(['start generate 2500', 'update 1000', 'update 2000', 'update 2500', 'stop']);
    const logged = lines.map((l) => JSON.parse(l) as { msg: string; rows: { clients: number } });
    expect(logged.map((l) => l.msg)).toStrictEqual(['generated synthetic client base']);
    expect(logged[0]!.rows.clients).toBe(2500);
  });
});

describe('generateClientBase errors', () => {
  const codeOf = async (p: Promise<unknown>) => p.then(() => 'resolved', (e: PipelineError) => e.code);

  it('rejects invalid options with config_invalid', async () => {
    const outDir = join(tmp.dir, 'never');
    expect(await codeOf(generateClientBase({ clients: 0, seed: 1, outDir }))).toBe('config_invalid');
    expect(await codeOf(generateClientBase({ clients: 10.5, seed: 1, outDir }))).toBe('config_invalid');
    expect(await codeOf(generateClientBase({ clients: 10, seed: 1, outDir, questionnaireNoise: 1.5 }))).toBe('config_invalid');
    expect(await codeOf(generateClientBase({ clients: 10, seed: 1, outDir, amountScale: 0 }))).toBe('config_invalid');
    expect(await codeOf(generateClientBase({ clients: 10, seed: 1, outDir, extra: true } as never))).toBe('config_invalid');
    expect(await codeOf(generateClientBase({ clients: 10, seed: 1, outDir, archetypeShares: { bogus: 1 } as never }))).toBe('config_invalid');
    const zero = Object.fromEntries(ARCHETYPES.map((a) => [a.name, 0]));
    expect(await codeOf(generateClientBase({ clients: 10, seed: 1, outDir, archetypeShares: zero }))).toBe('config_invalid');
  });

  it('rejects an output directory that cannot be created with config_invalid', async () => {
    const file = join(tmp.dir, 'a-file');
    writeFileSync(file, 'x');
    expect(await codeOf(generateClientBase({ clients: 10, seed: 1, outDir: join(file, 'sub') }))).toBe('config_invalid');
  });
});
