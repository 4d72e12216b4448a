import type { ScoreRecord } from './store.js';

/** Bytes a COPY chunk holds before it is sent: large enough that the stream's per-chunk cost vanishes. */
const CHUNK_BYTES = 1 << 20;
/** UTF-8 takes at most three bytes for one UTF-16 code unit. */
const MAX_BYTES_PER_UNIT = 3;

/**
 * Score rows in PostgreSQL's COPY text format, columns in SCORE_COLUMNS' order, as chunks of
 * about a MiB. Each line is one string written straight into the chunk: joining a batch into one
 * long string and converting it at the end cost 25 µs a 1 kB row against 7 µs this way.
 *
 * @example
 * await pipeline(Readable.from(scoreCopyChunks(runId, rows)), copyStream);
 */
export function* scoreCopyChunks(runId: string, rows: readonly ScoreRecord[]): Generator<Buffer> {
  const run = `${copyText(runId)}\t`;
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  for (const row of rows) {
    const line = scoreCopyLine(run, row);
    const room = line.length * MAX_BYTES_PER_UNIT;
    if (used + room > chunk.length) {
      if (used > 0) yield chunk.subarray(0, used);
      chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, room));
      used = 0;
    }
    used += chunk.write(line, used);
  }
  if (used > 0) yield chunk.subarray(0, used);
}

/** One score as a COPY text line; `run` is the escaped run id with its tab. */
export function scoreCopyLine(run: string, r: ScoreRecord): string {
  return `${run}${copyText(r.clientId)}\t${copyTextOrNull(r.advisorId)}\t${copyText(r.assetTier)}\t${copyText(r.tierCode)}\t`
    + `${copyText(r.lifecycleStage)}\t${r.behaviourSegment}\t${copyText(r.behaviourSegmentName)}\t${copyText(r.behaviourSegmentNameEn)}\t`
    + `${copyText(r.riskSegment)}\t${copyJson(r.riskProbabilities)}\t${copyTextOrNull(r.declaredRisk)}\t${copyText(r.suitability)}\t`
    + `${copyJson(r.predictedNeeds)}\t${copyJson(r.needPropensities)}\t${copyJson(r.reasons)}\t${copyJson(r.flags)}\t`
    + `${r.aum === null || r.aum === undefined ? '\\N' : r.aum}\n`;
}

const RESERVED = /[\\\t\n\r]/;

/**
 * A value in COPY's text format: backslash, tab, newline and carriage return escaped with a
 * backslash (the only characters the format reserves).
 *
 * @example
 * copyText('c\t1') // 'c\\t1'
 */
export function copyText(text: string): string {
  if (!RESERVED.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

function copyTextOrNull(text: string | null): string {
  return text === null ? '\\N' : copyText(text);
}

function copyJson(value: unknown): string {
  const json = JSON.stringify(value);
  // JSON writes tabs, newlines and carriage returns inside strings as escapes, so only its
  // backslashes need COPY's escaping; one indexOf instead of the pattern over ~800 characters.
  return json.includes('\\') ? copyText(json) : json;
}
