import { open } from 'node:fs/promises';
import type { RawRecord, RecordHandler } from './raw-record.js';
import type { BytesToText } from './text-decoder.js';

export interface ScanCsvOptions {
  /** Field delimiter byte; default ',' (0x2c). */
  delimiter?: number;
  /** Quote byte; default '"' (0x22). */
  quote?: number;
  /** Decodes bytes for `rawText()` (the rejects file). */
  decode: BytesToText;
  /** Skip a leading UTF-8 BOM; default true. */
  stripBom?: boolean;
  /** Bytes read per call; default 1 MiB. */
  chunkBytes?: number;
  /** A row longer than this whose quote never closes is rejected line by line; default 1 MiB. */
  maxRecordBytes?: number;
  /** Called after every read with the file offset read up to. */
  onProgress?: (bytesRead: number) => void;
  /** File offset to start at, the start of a line (e.g. a `CsvPosition` from an earlier scan); default 0. */
  startOffset?: number;
  /** Line number of the line at `startOffset`; default 1. */
  firstLine?: number;
  /** Stop after handing this many rows to `onRecord` (e.g. 1: just the header); default: all. */
  maxRecords?: number;
}

/** A place in a CSV file between rows: the byte offset of a line start and that line's number. */
export interface CsvPosition {
  readonly offset: number;
  readonly line: number;
}

const LF = 0x0a;
const CR = 0x0d;
const RAW_TEXT_LIMIT = 10_000;

/**
 * Streams a CSV file and hands every non-blank row to `onRecord` as byte ranges (RFC 4180: quoted
 * fields may hold the delimiter, newlines and doubled quotes; CRLF or LF). The file is read in
 * 1 MiB chunks into one reused buffer and fields are found on raw bytes, which is safe for UTF-8
 * and for GBK/GB18030 as long as delimiter and quote are ASCII below 0x40 (multi-byte trail bytes
 * are >= 0x40, or digits in GB18030's four-byte form). A row's `line` is the physical line it starts
 * on (the header is line 1). A quote that never closes (at end of file, or within `maxRecordBytes`)
 * makes that one physical line a malformed row, and scanning resumes on the next line, so a stray
 * quote costs one row instead of the rest of the file.
 *
 * Resolves to the position after the last row handed over (the end of the file unless
 * `maxRecords` stopped the scan), so a later scan can resume there.
 *
 * @example
 * await scanCsv('tx.csv', { decode: textDecoder('utf8') }, (row) => {
 *   if (row.line > 1) total += row.count;
 * });
 */
export async function scanCsv(path: string, options: ScanCsvOptions, onRecord: RecordHandler): Promise<CsvPosition> {
  const scanner = new CsvScanner(options, onRecord);
  return scanner.run(path, options.chunkBytes ?? 1 << 20, options.stripBom ?? true, options.onProgress);
}

class CsvScanner implements RawRecord {
  buf: Buffer;
  scratch: Buffer = Buffer.alloc(256);
  count = 0;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  inScratch = new Uint8Array(64);
  line = 1;
  malformed = false;
  malformedWhy = '';
  private len = 0;
  private rawStart = 0;
  private rawEnd = 0;
  private nextLine: number;
  private records = 0;
  private readonly maxRecords: number;
  private readonly delimiter: number;
  private readonly quote: number;
  private readonly maxRecordBytes: number;

  constructor(private readonly options: ScanCsvOptions, private readonly onRecord: RecordHandler) {
    this.delimiter = options.delimiter ?? 0x2c;
    this.quote = options.quote ?? 0x22;
    this.maxRecordBytes = options.maxRecordBytes ?? 1 << 20;
    this.maxRecords = options.maxRecords ?? Infinity;
    this.nextLine = options.firstLine ?? 1;
    this.buf = Buffer.allocUnsafe((options.chunkBytes ?? 1 << 20) + this.maxRecordBytes + 1);
  }

  rawText(): string {
    const end = Math.min(this.rawEnd, this.rawStart + RAW_TEXT_LIMIT);
    return this.options.decode(this.buf, this.rawStart, end);
  }

  async run(path: string, chunkBytes: number, stripBom: boolean, onProgress?: (n: number) => void): Promise<CsvPosition> {
    const handle = await open(path, 'r');
    try {
      let pos = 0;
      let bytesRead = this.options.startOffset ?? 0;
      // File offset of buf[0].
      let base = bytesRead;
      let eof = false;
      let skipping = false;
      let first = base === 0;
      const stopped = (): CsvPosition | undefined =>
        this.records < this.maxRecords ? undefined : { offset: Math.min(base + pos, bytesRead), line: this.nextLine };
      while (!eof) {
        if (pos > 0) {
          this.buf.copyWithin(0, pos, this.len);
          this.len -= pos;
          base += pos;
          pos = 0;
        }
        const room = Math.min(chunkBytes, this.buf.length - 1 - this.len);
        const { bytesRead: n } = await handle.read(this.buf, this.len, room, bytesRead);
        bytesRead += n;
        this.len += n;
        onProgress?.(bytesRead);
        if (n === 0) {
          eof = true;
          if (this.len > 0 && this.buf[this.len - 1] !== LF) this.buf[this.len++] = LF;
        }
        if (first && this.len >= 3 && stripBom && this.buf[0] === 0xef && this.buf[1] === 0xbb && this.buf[2] === 0xbf) pos = 3;
        first = false;
        if (skipping) {
          const at = this.buf.indexOf(LF, pos);
          if (at < 0 || at >= this.len) {
            pos = this.len;
            continue;
          }
          pos = at + 1;
          skipping = false;
          const end = stopped();
          if (end) return end;
        }
        for (;;) {
          const next = this.parseRecord(pos);
          if (next >= 0) {
            pos = next;
            const end = stopped();
            if (end) return end;
            continue;
          }
          if (pos >= this.len || (!eof && this.len - pos <= this.maxRecordBytes)) break;
          const at = this.buf.indexOf(LF, pos);
          if (at < 0 || at >= this.len) {
            this.emitBrokenLine(pos, this.len);
            pos = this.len;
            skipping = true;
            break;
          }
          this.emitBrokenLine(pos, at);
          pos = at + 1;
          const end = stopped();
          if (end) return end;
        }
      }
      return { offset: bytesRead, line: this.nextLine };
    } finally {
      await handle.close();
    }
  }

  private emitBrokenLine(start: number, lineEnd: number): void {
    this.count = 0;
    this.malformed = true;
    this.line = this.nextLine++;
    this.rawStart = start;
    this.rawEnd = lineEnd > start && this.buf[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
    const quoteAt = this.buf.indexOf(this.quote, start);
    this.malformedWhy = quoteAt >= 0 && quoteAt < lineEnd
      ? 'unclosed quote'
      : `line longer than ${this.maxRecordBytes} bytes without a line break`;
    this.records++;
    this.onRecord(this);
  }

  /** Parses one row starting at `start`; the position after its newline, or -1 when the buffer ends first. */
  private parseRecord(start: number): number {
    const buf = this.buf;
    const n = this.len;
    const delim = this.delimiter;
    const quote = this.quote;
    let p = start;
    let f = 0;
    let newlines = 0;
    let malformed = false;
    let scratchLen = 0;
    let quoted = false;
    for (;;) {
      if (p >= n) return -1;
      let fs = p;
      let fe: number;
      let escaped = false;
      quoted = buf[p] === quote;
      if (quoted) {
        fs = ++p;
        for (;;) {
          while (p < n && buf[p] !== quote) {
            if (buf[p] === LF) newlines++;
            p++;
          }
          if (p + 1 >= n) return -1;
          if (buf[p + 1] !== quote) break;
          escaped = true;
          p += 2;
        }
        fe = p++;
        const c = buf[p];
        if (c === CR && buf[p + 1] === LF) p++;
        else if (c !== delim && c !== LF) {
          malformed = true;
          while (p < n && buf[p] !== delim && buf[p] !== LF) p++;
          if (p >= n) return -1;
        }
      } else {
        while (p < n) {
          const c = buf[p];
          if (c === delim || c === LF) break;
          p++;
        }
        if (p >= n) return -1;
        fe = p;
        if (buf[p] === LF && fe > fs && buf[fe - 1] === CR) fe--;
      }
      if (f >= this.starts.length) this.growFields();
      if (escaped) {
        const from = scratchLen;
        scratchLen = this.unescape(fs, fe, scratchLen);
        this.starts[f] = from;
        this.ends[f] = scratchLen;
        this.inScratch[f] = 1;
      } else {
        this.starts[f] = fs;
        this.ends[f] = fe;
        this.inScratch[f] = 0;
      }
      f++;
      if (buf[p] === LF) break;
      p++;
    }
    this.line = this.nextLine;
    this.nextLine += 1 + newlines;
    if (f === 1 && !quoted && this.ends[0] === this.starts[0]) return p + 1;
    this.count = f;
    this.malformed = malformed;
    this.malformedWhy = malformed ? 'text after a closing quote' : '';
    this.rawStart = start;
    this.rawEnd = p > start && buf[p - 1] === CR ? p - 1 : p;
    this.records++;
    this.onRecord(this);
    return p + 1;
  }

  /** Copies a quoted field into scratch with doubled quotes made single; returns the new scratch length. */
  private unescape(fs: number, fe: number, at: number): number {
    if (this.scratch.length < at + (fe - fs)) {
      const bigger = Buffer.alloc(Math.max(this.scratch.length * 2, at + (fe - fs)));
      bigger.set(this.scratch.subarray(0, at));
      this.scratch = bigger;
    }
    const buf = this.buf;
    for (let i = fs; i < fe; i++) {
      this.scratch[at++] = buf[i]!;
      if (buf[i] === this.quote) i++;
    }
    return at;
  }

  private growFields(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const inScratch = new Uint8Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    inScratch.set(this.inScratch);
    this.starts = starts;
    this.ends = ends;
    this.inScratch = inScratch;
  }
}
