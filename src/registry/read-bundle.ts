import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { PipelineError } from '../core/errors.js';
import { ManifestSchema, type Manifest } from './manifest-schema.js';
import { sha256 } from './sha256.js';
import { MANIFEST_FILE } from './write-bundle.js';

export interface LoadedBundle {
  readonly dir: string;
  readonly version: string;
  readonly manifest: Manifest;
  /** The bytes of a bundle file, already verified against the manifest. */
  file(name: string): Buffer;
  json(name: string): unknown;
}

/**
 * Reads a bundle and verifies it whole before anything uses it: the manifest must hash to the
 * version the folder is named after, every listed file must match its sha256, and no file may
 * be missing or extra. Anything else is refused as `model_incompatible`.
 *
 * @example
 * const bundle = await readBundle('models/retail/3f2a9c1d0b7e');
 * const scaler = bundle.json('scaler.json');
 */
export async function readBundle(dir: string): Promise<LoadedBundle> {
  const version = path.basename(path.resolve(dir));
  let manifestText: string;
  try {
    manifestText = await readFile(path.join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    throw new PipelineError('model_not_found', `no model bundle at ${dir} (no ${MANIFEST_FILE}: incomplete or deleted); promote another version with \`clientseg promote\`, or train again with \`clientseg train\``, { dir });
  }
  const refuse = (why: string) => new PipelineError('model_incompatible',
    `model bundle ${dir} failed its integrity check: ${why}; retrain it or restore it from the registry`, { dir });
  if (sha256(manifestText).slice(0, version.length) !== version) throw refuse(`${MANIFEST_FILE} does not hash to its version ${version}`);

  let json: unknown;
  try { json = JSON.parse(manifestText); } catch { throw refuse(`${MANIFEST_FILE} is not JSON`); }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) throw refuse(`${MANIFEST_FILE} is not a valid manifest (${z.prettifyError(parsed.error).split('\n')[0]})`);
  const manifest = parsed.data;

  const present = (await readdir(dir)).filter((n) => n !== MANIFEST_FILE).sort();
  const listed = Object.keys(manifest.files).sort();
  const extra = present.filter((n) => !listed.includes(n));
  const missing = listed.filter((n) => !present.includes(n));
  if (missing.length) throw refuse(`file ${missing[0]} is missing`);
  if (extra.length) throw refuse(`file ${extra[0]} is not part of the bundle`);

  const contents = new Map<string, Buffer>();
  for (const name of listed) {
    const bytes = await readFile(path.join(dir, name));
    if (sha256(bytes) !== manifest.files[name]) throw refuse(`file ${name} has changed since training`);
    contents.set(name, bytes);
  }
  const file = (name: string): Buffer => {
    const bytes = contents.get(name);
    if (!bytes) throw refuse(`file ${name} is not in the bundle`);
    return bytes;
  };
  return { dir, version, manifest, file, json: (name) => JSON.parse(file(name).toString('utf8')) as unknown };
}
