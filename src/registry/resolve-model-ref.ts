import { stat } from 'node:fs/promises';
import path from 'node:path';
import { PipelineError } from '../core/errors.js';
import { ALIAS_NAMES, readAliases, type AliasName } from './aliases.js';
import { MANIFEST_FILE } from './write-bundle.js';

/**
 * Turns what a user passes as `--model` into a bundle folder: a bundle folder itself
 * (`models/retail/3f2a9c1d0b7e`), a model folder meaning its champion (`models/retail`), or a
 * model folder with an alias (`models/retail@challenger`).
 *
 * @example
 * await resolveModelRef('models/retail@challenger'); // → 'models/retail/<version>'
 */
export async function resolveModelRef(ref: string): Promise<string> {
  const at = ref.lastIndexOf('@');
  const modelDir = at > 0 ? ref.slice(0, at) : ref;
  const alias = at > 0 ? ref.slice(at + 1) : undefined;
  if (alias === undefined && (await isFile(path.join(ref, MANIFEST_FILE)))) return ref;
  if (alias !== undefined && !(ALIAS_NAMES as readonly string[]).includes(alias)) {
    throw new PipelineError('config_invalid', `unknown alias @${alias} in ${ref}; use @champion or @challenger`);
  }
  const aliases = await readAliases(modelDir);
  const version = aliases[(alias ?? 'champion') as AliasName];
  if (version === undefined) {
    throw new PipelineError('model_not_found', `no ${alias ?? 'champion'} model in ${modelDir}; train one with \`clientseg train --out ${modelDir}\``);
  }
  return path.join(modelDir, version);
}

async function isFile(p: string): Promise<boolean> {
  try { return (await stat(p)).isFile(); } catch { return false; }
}
