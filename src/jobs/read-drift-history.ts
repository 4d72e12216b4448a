import { readFile } from 'node:fs/promises';
import { PipelineError } from '../core/errors.js';
import { pastRunCountsOf, type PastRunCounts } from './choose-drift-reference.js';

/**
 * Earlier runs' counts from their drift.json files (`score --drift-history`), for a seasonal or
 * pooled reference without a results store. A file without counts is refused, not skipped: the
 * reference would silently be another one than asked for.
 *
 * @example
 * const history = await readDriftHistory(['out/2025-06/drift.json', 'out/2026-05/drift.json']);
 */
export async function readDriftHistory(paths: readonly string[]): Promise<PastRunCounts[]> {
  const history: PastRunCounts[] = [];
  for (const file of paths) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (err) {
      throw new PipelineError('input_invalid', `cannot read drift history ${file} (${(err as Error).message}): give drift.json files written by score`, { file }, { cause: err });
    }
    const past = pastRunCountsOf(json);
    if (past === undefined) throw new PipelineError('input_invalid', `${file} has no as-of and counts: give drift.json files written by score`, { file });
    history.push(past);
  }
  return history;
}
