import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { PipelineError } from '../core/errors.js';

export const ALIAS_NAMES = ['champion', 'challenger'] as const;
export type AliasName = (typeof ALIAS_NAMES)[number];

/** models/<name>/aliases.json: which version each alias names, and versions in training order. */
export const AliasesSchema = z.strictObject({
  champion: z.string().optional(),
  challenger: z.string().optional(),
  versions: z.array(z.string()),
});
export type Aliases = z.infer<typeof AliasesSchema>;

const FILE = 'aliases.json';

export async function readAliases(modelDir: string): Promise<Aliases> {
  let text: string;
  try {
    text = await readFile(path.join(modelDir, FILE), 'utf8');
  } catch {
    return { versions: [] };
  }
  const parsed = AliasesSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new PipelineError('model_incompatible', `${path.join(modelDir, FILE)} is not a valid aliases file: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Written to a temporary file and renamed, so a reader never sees half an aliases file. */
export async function writeAliases(modelDir: string, aliases: Aliases): Promise<void> {
  const target = path.join(modelDir, FILE);
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(aliases, null, 2)}\n`);
  await rename(temp, target);
}

/**
 * Points an alias at a version of the model.
 *
 * @example
 * await promote('models/retail', '3f2a9c1d0b7e', 'champion');
 */
export async function promote(modelDir: string, version: string, as: AliasName): Promise<Aliases> {
  const aliases = await readAliases(modelDir);
  if (!aliases.versions.includes(version)) {
    throw new PipelineError('model_not_found', `${modelDir} has no version ${version}; known versions: ${aliases.versions.join(', ') || 'none'}`);
  }
  const next = { ...aliases, [as]: version };
  await writeAliases(modelDir, next);
  return next;
}
