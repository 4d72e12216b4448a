import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { PipelineError } from '../core/errors.js';
import { DriftSettingsSchema, type DriftSettings } from '../monitor/drift-settings.js';

/**
 * Reads a drift settings file: the same JSON as a score pipeline's `drift` block. A missing
 * file, bad JSON or a key the schema refuses is `config_invalid`.
 *
 * @example
 * const settings = await loadDriftSettings('drift-settings.json');
 */
export async function loadDriftSettings(file: string): Promise<DriftSettings> {
  let json: unknown;
  try {
    json = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new PipelineError('config_invalid', `cannot read drift settings ${file} (${(err as Error).message}): check the path and the JSON`, { file }, { cause: err });
  }
  const parsed = DriftSettingsSchema.safeParse(json);
  if (!parsed.success) throw new PipelineError('config_invalid', `drift settings ${file} are invalid: ${z.prettifyError(parsed.error).replace(/\n+/g, '; ')}`, { file });
  return parsed.data;
}
