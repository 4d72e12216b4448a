import type { RawRecord } from './raw-record.js';
import type { BytesToText } from './text-decoder.js';

const LF = 0x0a;
const CR = 0x0d;
/** Same cap as the byte scanner's, so both write the same raw text to the rejects file. */
const RAW_TEXT_LIMIT = 10_000;
const NO_SCRATCH = new Uint8Array(0);

/**
 * One line of a CSV that holds no quote byte, as a RawRecord: fields are the bytes between
 * delimiters, exactly as the RFC 4180 scanner (scan-csv.ts) splits such a line (a CR before the
 * LF is not part of the last field or of the raw text). Worker threads read quote-free stretches
 * of a file with it; reused for every line.
 *
 * @example
 * const rec = new LineRecord(0x2c, textDecoder('utf8'), 9);
 * const lf = rec.scanLine(buf, 0, buf.length); // index of the LF, or -1 when the buffer ends first
 */
export class LineRecord implements RawRecord {
  buf: Uint8Array = NO_SCRATCH;
  readonly scratch = NO_SCRATCH;
  count = 0;
  starts: Int32Array;
  ends: Int32Array;
  inScratch: Uint8Array;
  line = 0;
  readonly malformed = false;
  rawStart = 0;
  rawEnd = 0;

  constructor(private readonly delimiter: number, private readonly decode: BytesToText, fields: number) {
    this.starts = new Int32Array(Math.max(fields, 8) + 1);
    this.ends = new Int32Array(this.starts.length);
    this.inScratch = new Uint8Array(this.starts.length);
  }

  /** Splits the line that starts at `start`; returns the index of its LF, or -1 when `limit` comes first. */
  scanLine(buf: Uint8Array, start: number, limit: number): number {
    const delim = this.delimiter;
    let starts = this.starts;
    let ends = this.ends;
    let f = 0;
    let fs = start;
    let i = start;
    // Most bytes are above both the delimiter and LF: one compare each.
    const top = delim > LF ? delim : LF;
    for (; i < limit; i++) {
      const c = buf[i]!;
      if (c > top) continue;
      if (c === delim) {
        if (f + 1 >= starts.length) {
          this.grow();
          starts = this.starts;
          ends = this.ends;
        }
        starts[f] = fs;
        ends[f] = i;
        f++;
        fs = i + 1;
      } else if (c === LF) break;
    }
    if (i >= limit) return -1;
    this.finish(buf, start, i, f, fs, true);
    return i;
  }

  /** Splits raw line text [start, end) (the line end already cut off), e.g. a row read back from the file. */
  split(buf: Uint8Array, start: number, end: number): void {
    let f = 0;
    let fs = start;
    for (let i = start; i < end; i++) {
      if (buf[i] === this.delimiter) {
        if (f + 1 >= this.starts.length) this.grow();
        this.starts[f] = fs;
        this.ends[f] = i;
        f++;
        fs = i + 1;
      }
    }
    this.finish(buf, start, end, f, fs, false);
  }

  /** A line that is not a row: one empty field (the byte scanner skips these). */
  get blank(): boolean {
    return this.count === 1 && this.ends[0] === this.starts[0];
  }

  rawText(): string {
    return this.decode(this.buf, this.rawStart, Math.min(this.rawEnd, this.rawStart + RAW_TEXT_LIMIT));
  }

  private finish(buf: Uint8Array, start: number, lineEnd: number, f: number, fs: number, cutCr: boolean): void {
    const cr = cutCr && lineEnd > start && buf[lineEnd - 1] === CR;
    const fe = cr && lineEnd > fs ? lineEnd - 1 : lineEnd;
    this.starts[f] = fs;
    this.ends[f] = fe;
    this.count = f + 1;
    this.buf = buf;
    this.rawStart = start;
    this.rawEnd = cr ? lineEnd - 1 : lineEnd;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
    this.inScratch = new Uint8Array(size);
  }
}
