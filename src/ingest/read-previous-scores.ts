import { PipelineError } from '../core/errors.js';
import type { MigrationSubject } from '../monitor/migration-matrix.js';
import type { RawRecord } from './raw-record.js';
import { scanInput } from './scan-input.js';

const NEEDED = ['client_id', 'behaviour_segment', 'risk_segment', 'asset_tier'] as const;
const TIERS = new Set(['mass', 'hnw', 'uhnw']);

/** An earlier run's scores, as migration compares them. */
export interface PreviousScores {
  readonly subjects: readonly MigrationSubject[];
  readonly asOf: string | undefined;
  readonly modelVersion: string | undefined;
}

/**
 * Reads a scores.csv written by an earlier `clientseg score` for migration. It is our own output,
 * so a row that does not parse means the file is damaged or is something else: the run stops
 * with `input_invalid` naming the line, rather than comparing against part of a run.
 *
 * @example
 * const { subjects } = await readPreviousScores('runs/2026-06-29/scores.csv');
 */
export async function readPreviousScores(file: string): Promise<PreviousScores> {
  const subjects: MigrationSubject[] = [];
  const seen = new Set<string>();
  let asOf: string | undefined, modelVersion: string | undefined;
  const bad = (line: number, what: string): never => {
    throw new PipelineError('input_invalid', `previous scores ${file}, line ${line}: ${what}; pass a scores.csv written by \`clientseg score\``, { file, line });
  };
  await scanInput(file, undefined, undefined, (info) => {
    const at = Object.fromEntries(NEEDED.map((c) => [c, info.header.indexOf(c)])) as Record<(typeof NEEDED)[number], number>;
    const missing = NEEDED.filter((c) => at[c] < 0);
    if (missing.length > 0) bad(1, `the header has no ${missing.join(', ')}`);
    const asOfAt = info.header.indexOf('as_of'), versionAt = info.header.indexOf('model_version');
    const text = (rec: RawRecord, j: number) => {
      const buf = rec.inScratch[j] === 1 ? rec.scratch : rec.buf;
      return info.decode(buf, rec.starts[j]!, rec.ends[j]!).trim();
    };
    return (rec) => {
      if (rec.malformed || rec.count !== info.header.length) bad(rec.line, `expected ${info.header.length} fields, found ${rec.count}`);
      const clientId = text(rec, at.client_id);
      if (clientId === '') bad(rec.line, 'client_id is empty');
      if (seen.has(clientId)) bad(rec.line, 'a client_id repeats an earlier row');
      seen.add(clientId);
      const segment = text(rec, at.behaviour_segment);
      if (!/^-?\d+$/.test(segment)) bad(rec.line, `behaviour_segment "${segment}" is not a segment id`);
      const assetTier = text(rec, at.asset_tier);
      if (!TIERS.has(assetTier)) bad(rec.line, `asset_tier "${assetTier}" is not mass, hnw or uhnw`);
      const riskSegment = text(rec, at.risk_segment);
      if (riskSegment === '') bad(rec.line, 'risk_segment is empty');
      if (asOfAt >= 0) asOf ??= text(rec, asOfAt);
      if (versionAt >= 0) modelVersion ??= text(rec, versionAt);
      subjects.push({ clientId, behaviourSegment: Number(segment), riskSegment, assetTier });
    };
  });
  if (subjects.length === 0) throw new PipelineError('input_invalid', `previous scores ${file} has no rows; pass a scores.csv written by \`clientseg score\``, { file });
  return { subjects, asOf, modelVersion };
}
