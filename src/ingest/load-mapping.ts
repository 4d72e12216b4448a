import { readFile } from 'node:fs/promises';
import { PipelineError } from '../core/errors.js';
import { MappingSchema, type Mapping } from './mapping-schema.js';

/**
 * Reads and validates a mapping file. Every failure — unreadable file, bad JSON, a key or value
 * the schema refuses — is a PipelineError 'config_invalid' whose message names the file and,
 * for schema problems, carries zod's readable list of issues.
 *
 * @example
 * const mapping = await loadMapping('mappings/bank-a.json');
 */
export async function loadMapping(path: string): Promise<Mapping> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new PipelineError('config_invalid', `cannot read mapping file ${path}: check the path and permissions`, { path }, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new PipelineError('config_invalid', `mapping file ${path} is not valid JSON (${reason}): fix the syntax`, { path }, { cause: err });
  }
  return parseMapping(json, path);
}

/**
 * Validates an already-parsed mapping (e.g. one embedded in a pipeline definition).
 *
 * @example
 * const mapping = parseMapping({ transactions: { delimiter: ';' } }, 'pipeline.json');
 */
export function parseMapping(json: unknown, where = 'mapping'): Mapping {
  const parsed = MappingSchema.safeParse(json);
  if (!parsed.success) {
    // One line: every issue as `path: message`, so a scheduler's log keeps the whole error.
    const issues = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(top level)'}: ${i.message}`).join('; ');
    throw new PipelineError('config_invalid', `${where} does not match the mapping schema (see docs/ingest.md): ${issues}`, { path: where, issues });
  }
  return parsed.data;
}
