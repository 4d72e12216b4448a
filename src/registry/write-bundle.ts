import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readAliases, writeAliases } from './aliases.js';
import type { Manifest } from './manifest-schema.js';
import { sha256 } from './sha256.js';
import { stableJson } from './stable-json.js';
import { outputWriteError } from '../core/output-write-error.js';

export const MANIFEST_FILE = 'manifest.json';
const VERSION_LENGTH = 12;

export interface WrittenBundle {
  readonly version: string;
  readonly dir: string;
  /** False when an identical bundle was already there (same data, same seed). */
  readonly created: boolean;
}

/**
 * Writes a bundle under `modelDir/<version>/`, where the version is the first 12 hex digits of
 * the manifest's sha256: a content address, so retraining on the same data with the same seed
 * lands on the same version. Files go to a temporary folder renamed into place, so a crash
 * never leaves half a bundle. The first version of a model becomes its champion.
 *
 * @example
 * const { version } = await writeBundle('models/retail', manifest, new Map([['scaler.json', json]]));
 */
export async function writeBundle(
  modelDir: string,
  manifest: Omit<Manifest, 'files'>,
  files: ReadonlyMap<string, Uint8Array | string>,
): Promise<WrittenBundle> {
  const names = [...files.keys()].sort();
  const hashes: Record<string, string> = {};
  for (const name of names) hashes[name] = sha256(files.get(name)!);
  const manifestText = stableJson({ ...manifest, files: hashes });
  const version = sha256(manifestText).slice(0, VERSION_LENGTH);
  const dir = path.join(modelDir, version);

  const created = !(await exists(dir));
  if (created) {
    const temp = path.join(modelDir, `.${version}.${process.pid}.tmp`);
    try {
      await rm(temp, { recursive: true, force: true });
      await mkdir(temp, { recursive: true });
      for (const name of names) await writeFile(path.join(temp, name), files.get(name)!);
      await writeFile(path.join(temp, MANIFEST_FILE), manifestText);
      await rename(temp, dir);
    } catch (err) {
      // A half-written bundle is never left where a version folder is looked for.
      await rm(temp, { recursive: true, force: true });
      throw outputWriteError(dir, 'model bundle', err);
    }
  }

  const aliases = await readAliases(modelDir);
  if (!aliases.versions.includes(version)) aliases.versions.push(version);
  if (aliases.champion === undefined) aliases.champion = version;
  await writeAliases(modelDir, aliases);
  return { version, dir, created };
}

async function exists(p: string): Promise<boolean> {
  try { await stat(p); return true; } catch { return false; }
}
