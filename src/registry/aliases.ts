import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { PipelineError } from '../core/errors.js';
import { outputWriteError } from '../core/output-write-error.js';

export const ALIAS_NAMES = ['champion', 'challenger'] as const;
export type AliasName = (typeof ALIAS_NAMES)[number];

/** models/<name>/aliases.json: which version each alias names, and versions in training order. */
export const AliasesSchema = z.strictObject({
  champion: z.string().optional(),
  challenger: z.string().optional(),
  versions: z.array(z.string()),
});
export type Aliases = z.infer<typeof AliasesSchema>;

export const ALIASES_FILE = 'aliases.json';
const FILE = ALIASES_FILE;

/**
 * The model folder's aliases; none (no versions) when it has no aliases file. A damaged file
 * (empty, not JSON, the wrong shape) is 'model_incompatible' with the way to repair it.
 */
export async function readAliases(modelDir: string): Promise<Aliases> {
  const file = path.join(modelDir, FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { versions: [] };
  }
  const repair = `restore it from a backup, or delete it and name the champion again with \`clientseg promote ${modelDir} --version <version folder> --as champion\``;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const why = text.trim() === '' ? 'it is empty' : `it is not JSON: ${(err as Error).message}`;
    throw new PipelineError('model_incompatible', `the aliases file ${file} is damaged (${why}): ${repair}`, { file });
  }
  const parsed = AliasesSchema.safeParse(json);
  if (!parsed.success) throw new PipelineError('model_incompatible', `the aliases file ${file} is damaged (${z.prettifyError(parsed.error).split('\n').join(' ')}): ${repair}`, { file });
  return parsed.data;
}

/** Written to a temporary file and renamed, so a reader never sees half an aliases file. */
export async function writeAliases(modelDir: string, aliases: Aliases): Promise<void> {
  const target = path.join(modelDir, FILE);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(aliases, null, 2)}\n`);
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw outputWriteError(target, 'aliases file', err);
  }
}

/**
 * Points an alias at a version of the model. A version holds at most one alias: promoting the
 * challenger to champion clears the challenger alias (the challenger has won; there is none until
 * the next one is named), and naming the champion challenger is refused ('config_invalid').
 *
 * @example
 * await promote('models/retail', '3f2a9c1d0b7e', 'champion');
 */
export async function promote(modelDir: string, version: string, as: AliasName): Promise<Aliases> {
  const aliases = await readAliases(modelDir);
  // A bundle folder that the aliases file does not list (the file was lost or deleted) is taken
  // back in, so promoting is how a damaged aliases file is repaired.
  const onDisk = !aliases.versions.includes(version) && await hasManifest(path.join(modelDir, version));
  if (!aliases.versions.includes(version) && !onDisk) {
    throw new PipelineError('model_not_found', `${modelDir} has no version ${version}; known versions: ${aliases.versions.join(', ') || 'none'}`);
  }
  if (as === 'challenger' && aliases.champion === version) {
    throw new PipelineError('config_invalid', `${version} is the champion of ${modelDir}; a version holds one alias: name another version challenger`, { version, alias: as });
  }
  const next: Aliases = { ...aliases, versions: onDisk ? [...aliases.versions, version] : aliases.versions, [as]: version };
  if (as === 'champion' && next.challenger === version) delete next.challenger;
  await writeAliases(modelDir, next);
  return next;
}

async function hasManifest(bundleDir: string): Promise<boolean> {
  try { return (await stat(path.join(bundleDir, 'manifest.json'))).isFile(); } catch { return false; }
}
