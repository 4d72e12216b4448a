import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIsoDay, readBundle, train, type TrainOptions, type TrainResult } from '../../src/index.js';
import { buildInfo } from '../../src/registry/build-info.js';

// The committed sample with small networks: quick, and every manifest field is exercised.
const root = path.resolve(import.meta.dirname, '../..');
let dir: string;
const options = (modelDir: string): TrainOptions => ({
  clientsPath: path.join(root, 'data-samples/clients.csv'), transactionsPath: path.join(root, 'data-samples/transactions.csv'),
  asOf: parseIsoDay('2026-06-30')!, modelDir, seed: 5, rejectsPath: path.join(dir, 'rejects.csv'), diagnostics: false,
  segments: { k: 4, restarts: 2, relevanceRounds: 0 },
  classifier: { hiddenUnits: [5], members: 1, search: 'off', maxEpochs: 3 },
  needs: { hiddenUnits: [4], members: 1, search: 'off', maxEpochs: 2, calibration: 'none' },
});
let plain: TrainResult;
let committed: TrainResult;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-manifest-'));
  const saved = process.env['CLIENTSEG_SOURCE_COMMIT'];
  try {
    delete process.env['CLIENTSEG_SOURCE_COMMIT'];
    plain = await train(options(path.join(dir, 'plain', 'model')));
    process.env['CLIENTSEG_SOURCE_COMMIT'] = '0123456789abcdef0123456789abcdef01234567';
    committed = await train(options(path.join(dir, 'committed', 'model')));
  } finally {
    if (saved === undefined) delete process.env['CLIENTSEG_SOURCE_COMMIT'];
    else process.env['CLIENTSEG_SOURCE_COMMIT'] = saved;
  }
}, 120_000);
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('the manifest', () => {
  it('records clientseg\'s version, the source commit only when the build names it, and Node\'s major version', async () => {
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string };
    const { manifest } = await readBundle(plain.dir);
    expect(manifest.build).toStrictEqual({ clientseg: pkg.version, sourceCommit: null, nodeMajor: process.versions.node.split('.')[0] });
    expect(manifest.packageVersions['@tensorflow/tfjs']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.backend).toBe('wasm');
    expect((await readBundle(committed.dir)).manifest.build?.sourceCommit).toBe('0123456789abcdef0123456789abcdef01234567');
    // The commit is a fact about the build, not the model: every other file is byte for byte the same.
    expect(committed.version).not.toBe(plain.version);
    for (const file of (await readdir(plain.dir)).filter((f) => f !== 'manifest.json')) {
      expect({ file, same: Buffer.compare(await readFile(path.join(plain.dir, file)), await readFile(path.join(committed.dir, file))) === 0 }).toStrictEqual({ file, same: true });
    }
    expect(() => buildInfo({ CLIENTSEG_SOURCE_COMMIT: 'abc; rm -rf /' })).toThrow(expect.objectContaining({ code: 'config_invalid' }) as Error);
    expect(buildInfo({ CLIENTSEG_SOURCE_COMMIT: '  ' }).sourceCommit).toBeNull();
  });

  it('lists the held-out clients the reported figures were measured on, and every parameter', async () => {
    const bundle = await readBundle(plain.dir);
    const heldOut = bundle.json('held-out.json') as { risk: string[]; needs: string[] };
    const risk = plain.report.risk;
    if (risk.skipped !== undefined) throw new Error('the sample has risk labels');
    // As many clients as the held-out confusion matrix counts, each once, sorted.
    expect(heldOut.risk).toHaveLength(risk.test.confusion.flat().reduce((s, n) => s + n, 0));
    expect(new Set(heldOut.risk).size).toBe(heldOut.risk.length);
    expect([...heldOut.risk].sort()).toStrictEqual(heldOut.risk);
    // The needs model holds out a fifth of all clients.
    expect(heldOut.needs).toHaveLength(400);
    expect(bundle.manifest.heldOut).toStrictEqual({ file: 'held-out.json', counts: { needs: 400, risk: heldOut.risk.length } });
    expect(bundle.manifest.params).toMatchObject({
      binaryThreshold: { kind: 'f1' }, diagnostics: false, minLabelledRows: 50, maxTrainRows: 20_000, horizonDays: 90, windowMonths: 12,
      classifier: { hiddenUnits: [5], members: 1, maxEpochs: 3 }, needs: { hiddenUnits: [4], calibration: 'none' }, segments: { k: 4, restarts: 2 },
    });
  });
});
