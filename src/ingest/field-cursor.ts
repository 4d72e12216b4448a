import type { RawRecord } from './raw-record.js';
import type { FieldSource } from './plan-columns.js';

const EMPTY = new Uint8Array(0);

/**
 * Points at one field's bytes with surrounding spaces trimmed, without copying: the validators
 * move one cursor from field to field of a row.
 *
 * @example
 * const at = new FieldCursor();
 * if (at.column(row, 3)) amount = parseNumberBytes(at.buf, at.start, at.end);
 */
export class FieldCursor {
  buf: Uint8Array = EMPTY;
  start = 0;
  end = 0;

  /** Moves to column `col` of the row; false when the field is empty. */
  column(rec: RawRecord, col: number): boolean {
    const buf = rec.inScratch[col] === 1 ? rec.scratch : rec.buf;
    let s = rec.starts[col]!;
    let e = rec.ends[col]!;
    while (s < e && (buf[s] === 0x20 || buf[s] === 0x09)) s++;
    while (e > s && (buf[e - 1] === 0x20 || buf[e - 1] === 0x09)) e--;
    this.buf = buf;
    this.start = s;
    this.end = e;
    return e > s;
  }

  /** Moves to the source's constant or first non-empty column; false when all are empty or the field is absent. */
  source(rec: RawRecord, src: FieldSource | undefined): boolean {
    if (!src) return false;
    if (src.constant) {
      this.buf = src.constant;
      this.start = 0;
      this.end = src.constant.length;
      return this.end > 0;
    }
    const cols = src.columns;
    for (let k = 0; k < cols.length; k++) if (this.column(rec, cols[k]!)) return true;
    return false;
  }

  /** The field's bytes as text, for details and ids. */
  text(decode: (buf: Uint8Array, start: number, end: number) => string): string {
    return decode(this.buf, this.start, this.end);
  }
}
