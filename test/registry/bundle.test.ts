import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { promote, readAliases } from '../../src/registry/aliases.js';
import { BUNDLE_SCHEMA_VERSION, type Manifest } from '../../src/registry/manifest-schema.js';
import { readBundle } from '../../src/registry/read-bundle.js';
import { resolveModelRef } from '../../src/registry/resolve-model-ref.js';
import { writeBundle } from '../../src/registry/write-bundle.js';

const manifest = (seed: number): Omit<Manifest, 'files'> => ({
  bundleSchemaVersion: BUNDLE_SCHEMA_VERSION, name: 'retail', createdAt: '2026-06-30', seed, asOf: '2026-06-30',
  backend: 'wasm', featureCatalogueVersion: '1', features: ['a', 'b'], labelSets: { risk: ['x', 'y'] },
  inputFingerprints: {}, packageVersions: {}, params: {}, metrics: {},
});
const files = () => new Map<string, Uint8Array | string>([['scaler.json', '{"m":[1,2]}\n'], ['weights.bin', new Uint8Array([1, 2, 3])]]);

let dir: string;
beforeEach(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'bundle-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

describe('model bundles', () => {
  it('addresses a bundle by the hash of its content, so the same content is the same version', async () => {
    const a = await writeBundle(dir, manifest(1), files());
    const b = await writeBundle(dir, manifest(1), files());
    const c = await writeBundle(dir, manifest(2), files());
    expect(a.version).toMatch(/^[0-9a-f]{12}$/);
    expect(b).toStrictEqual({ ...a, created: false });
    expect(c.version).not.toBe(a.version);
    expect(await readAliases(dir)).toStrictEqual({ champion: a.version, versions: [a.version, c.version] });
  });

  it('reads back verified files and resolves model references', async () => {
    const a = await writeBundle(dir, manifest(1), files());
    const c = await writeBundle(dir, manifest(2), files());
    const bundle = await readBundle(a.dir);
    expect(bundle.json('scaler.json')).toStrictEqual({ m: [1, 2] });
    expect([...bundle.file('weights.bin')]).toStrictEqual([1, 2, 3]);
    expect(await resolveModelRef(dir)).toBe(a.dir);
    expect(await resolveModelRef(a.dir)).toBe(a.dir);
    await expect(resolveModelRef(`${dir}@challenger`)).rejects.toMatchObject({ code: 'model_not_found' });
    await promote(dir, c.version, 'challenger');
    expect(await resolveModelRef(`${dir}@challenger`)).toBe(c.dir);
    await expect(promote(dir, 'nope', 'champion')).rejects.toMatchObject({ code: 'model_not_found' });
    await expect(resolveModelRef(`${dir}@best`)).rejects.toMatchObject({ code: 'config_invalid' });
  });

  it('keeps one alias per version: a challenger promoted to champion is no longer challenger, and the champion is never challenger', async () => {
    const a = await writeBundle(dir, manifest(1), files());
    const c = await writeBundle(dir, manifest(2), files());
    await promote(dir, c.version, 'challenger');
    expect(await promote(dir, c.version, 'champion')).toStrictEqual({ champion: c.version, versions: [a.version, c.version] });
    expect(await readAliases(dir)).toStrictEqual({ champion: c.version, versions: [a.version, c.version] });
    await expect(resolveModelRef(`${dir}@challenger`)).rejects.toMatchObject({ code: 'model_not_found' });
    await expect(promote(dir, c.version, 'challenger')).rejects.toMatchObject({ code: 'config_invalid' });
    // The former champion may come back as challenger.
    expect((await promote(dir, a.version, 'challenger')).challenger).toBe(a.version);
  });

  it('refuses a bundle whose weights, manifest or file list changed', async () => {
    const a = await writeBundle(dir, manifest(1), files());
    await writeFile(path.join(a.dir, 'weights.bin'), new Uint8Array([1, 2, 4]));
    await expect(readBundle(a.dir)).rejects.toMatchObject({ code: 'model_incompatible' });

    const b = await writeBundle(dir, manifest(3), files());
    const text = await readFile(path.join(b.dir, 'manifest.json'), 'utf8');
    await writeFile(path.join(b.dir, 'manifest.json'), text.replace('"seed": 3', '"seed": 4'));
    await expect(readBundle(b.dir)).rejects.toMatchObject({ code: 'model_incompatible' });

    const c = await writeBundle(dir, manifest(5), files());
    await writeFile(path.join(c.dir, 'extra.bin'), 'x');
    await expect(readBundle(c.dir)).rejects.toMatchObject({ code: 'model_incompatible' });
    await rm(path.join(c.dir, 'extra.bin'));
    await rm(path.join(c.dir, 'scaler.json'));
    await expect(readBundle(c.dir)).rejects.toMatchObject({ code: 'model_incompatible' });

    await expect(readBundle(path.join(dir, 'missing'))).rejects.toMatchObject({ code: 'model_not_found' });
  });
});
