import { stat } from 'node:fs/promises';
import path from 'node:path';
import { PipelineError } from '../core/errors.js';
import { ALIAS_NAMES, ALIASES_FILE, readAliases, type AliasName } from './aliases.js';
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
  if (await isFile(modelDir)) {
    throw new PipelineError('model_not_found', `--model ${ref} is a file; give the model folder (models/NAME, for its champion) or a bundle folder (models/NAME/<version>)`, { ref });
  }
  if (!(await isFile(path.join(modelDir, ALIASES_FILE))) && await isDirectory(modelDir)) {
    const parent = path.dirname(modelDir);
    const inModel = await isFile(path.join(parent, ALIASES_FILE));
    throw new PipelineError('model_not_found', inModel
      ? `${modelDir} has no ${MANIFEST_FILE}: the bundle is incomplete or was deleted; give another version of ${parent} (or ${parent} for its champion), or train again`
      : `${modelDir} is neither a model folder (no ${ALIASES_FILE}) nor a bundle folder (no ${MANIFEST_FILE}); give models/NAME or models/NAME/<version>, or train one with \`clientseg train --out ${modelDir}\``, { ref });
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

async function isDirectory(p: string): Promise<boolean> {
  try { return (await stat(p)).isDirectory(); } catch { return false; }
}
