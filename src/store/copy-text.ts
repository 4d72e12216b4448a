import type { SqlValue } from './score-row-codec.js';

/**
 * One row in PostgreSQL's COPY text format: tab-separated, `\N` for NULL, and backslash, tab,
 * newline and carriage return escaped with a backslash (the only characters the format reserves).
 *
 * @example
 * copyTextLine(['r1', 'c\t1', null]) // 'r1\tc\\t1\t\\N\n'
 */
export function copyTextLine(values: readonly SqlValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) line += '\t';
    line += v === null || v === undefined ? '\\N' : escapeCopyText(String(v));
  }
  return `${line}\n`;
}

const RESERVED = /[\\\t\n\r]/;

function escapeCopyText(text: string): string {
  if (!RESERVED.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
