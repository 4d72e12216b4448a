import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { outputWriteError } from '../core/output-write-error.js';
import type { RejectReason } from './reject-reason.js';

export const REJECTS_HEADER = 'source_file,line,reason,detail,raw';
const FLUSH_CHARS = 1 << 16;

/**
 * Writes the rejects CSV (`source_file,line,reason,detail,raw`, UTF-8 with a BOM so Excel shows
 * Chinese text) as rows arrive, flushing every 64 KiB, so memory stays flat however many rows
 * are rejected. Cells that a spreadsheet would run as a formula (starting with = + - @, tab or
 * CR) get a leading single quote. The rows go to a partial file beside the target, renamed into
 * place by `close` (so a failed write never leaves a short file under the name) or removed by
 * `abort`. A write that fails (disk full, I/O error) is PipelineError 'output_failed'.
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

  private constructor(fd: number, readonly path: string, private readonly temp: string) {
    this.fd = fd;
    this.pending = '\uFEFF' + REJECTS_HEADER + '\n';
  }

  /** Creates the folder and the partial file; the target appears (or is replaced) at `close`. */
  static open(path: string): RejectsWriter {
    const temp = `${path}.${process.pid}.partial`;
    try {
      mkdirSync(dirname(path), { recursive: true });
      return new RejectsWriter(openSync(temp, 'w'), path, temp);
    } catch (err) {
      throw outputWriteError(path, 'rejects file', err);
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
    try {
      writeSync(this.fd, this.pending);
    } catch (err) {
      this.abort();
      throw outputWriteError(this.path, 'rejects file', err);
    }
    this.pending = '';
  }

  /** Flushes, closes and puts the complete file in place; safe to call twice (and after `abort`). */
  close(): void {
    if (this.fd === undefined) return;
    this.flush();
    try {
      closeSync(this.fd);
      this.fd = undefined;
      renameSync(this.temp, this.path);
    } catch (err) {
      this.abort();
      throw outputWriteError(this.path, 'rejects file', err);
    }
  }

  /** Drops what was written: the partial file is removed and the target left as it was. */
  abort(): void {
    if (this.fd !== undefined) {
      try { closeSync(this.fd); } catch { /* closing a failed file: the removal below is what matters */ }
      this.fd = undefined;
    }
    rmSync(this.temp, { force: true });
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
