import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { PipelineError } from '../core/errors.js';
import { PipelineSchema, type Pipeline } from './pipeline-schema.js';

/**
 * Reads and validates a pipeline file. A missing file, bad JSON or anything the schema refuses
 * (a misspelt key included) is `config_invalid`, with zod's list of issues.
 *
 * @example
 * const pipeline = await loadPipeline('pipelines/nightly-score.json');
 */
export async function loadPipeline(file: string): Promise<Pipeline> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new PipelineError('config_invalid', `cannot read pipeline file ${file}: check the path`, { file }, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new PipelineError('config_invalid', `pipeline file ${file} is not valid JSON (${(err as Error).message})`, { file }, { cause: err });
  }
  const parsed = PipelineSchema.safeParse(json);
  if (!parsed.success) {
    throw new PipelineError('config_invalid', `pipeline file ${file} is invalid: ${z.prettifyError(parsed.error).replace(/\n+/g, '; ')}`, { file });
  }
  return parsed.data;
}
