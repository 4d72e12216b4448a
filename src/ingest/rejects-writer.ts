import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { PipelineError } from '../core/errors.js';
import type { RejectReason } from './reject-reason.js';

export const REJECTS_HEADER = 'source_file,line,reason,detail,raw';
const FLUSH_CHARS = 1 << 16;

/**
 * Writes the rejects CSV (`source_file,line,reason,detail,raw`, UTF-8 with a BOM so Excel shows
 * Chinese text) as rows arrive, flushing every 64 KiB, so memory stays flat however many rows
 * are rejected. Cells that a spreadsheet would run as a formula (starting with = + - @, tab or
 * CR) get a leading single quote.
 *
 * @example
 * const rejects = RejectsWriter.open('out/rejects.csv');
 * rejects.add('tx.csv', 12, 'bad_date', 'date "2024-02-30"', 'T9,C1,2024-02-30,...');
 * rejects.close();
 */
export class RejectsWriter {
  private pending = '';
  private fd: number | undefined;
  private written = 0;

  private constructor(fd: number, readonly path: string) {
    this.fd = fd;
    this.pending = '\uFEFF' + REJECTS_HEADER + '\n';
  }

  /** Creates (or truncates) the file and its folder. */
  static open(path: string): RejectsWriter {
    try {
      mkdirSync(dirname(path), { recursive: true });
      return new RejectsWriter(openSync(path, 'w'), path);
    } catch (err) {
      throw new PipelineError('input_invalid', `cannot write the rejects file ${path}: choose a writable path`, { path }, { cause: err });
    }
  }

  /** Rows added so far. */
  get rows(): number {
    return this.written;
  }

  add(sourceFile: string, line: number, reason: RejectReason, detail: string, raw: string): void {
    this.pending += `${csvCell(sourceFile)},${line},${reason},${csvCell(detail)},${csvCell(raw)}\n`;
    this.written++;
    if (this.pending.length >= FLUSH_CHARS) this.flush();
  }

  flush(): void {
    if (this.fd === undefined || this.pending.length === 0) return;
    writeSync(this.fd, this.pending);
    this.pending = '';
  }

  /** Flushes and closes; safe to call twice. */
  close(): void {
    if (this.fd === undefined) return;
    this.flush();
    closeSync(this.fd);
    this.fd = undefined;
  }
}

/**
 * One CSV cell: formula-looking text neutralised with a leading quote, then RFC 4180 quoting
 * when it holds a comma, quote or newline.
 *
 * @example
 * csvCell('=SUM(A1)'); // "'=SUM(A1)"
 */
export function csvCell(value: string): string {
  let v = value;
  const c = v.charCodeAt(0);
  if (c === 0x3d || c === 0x2b || c === 0x2d || c === 0x40 || c === 0x09 || c === 0x0d) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
