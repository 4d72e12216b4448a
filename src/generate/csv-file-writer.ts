import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const COMMA = 0x2c;
const NEWLINE = 0x0a;
const ZERO = 0x30;
/** Room always left free in a chunk, so a row (under 1 KiB) never has to check bounds mid-field. */
const ROW_ROOM = 4096;

/**
 * Encodes ASCII CSV fields straight into large byte chunks and hands each full chunk to a write
 * stream, waiting for 'drain' when the OS falls behind. Building rows as JS strings cost more in
 * garbage collection than everything else at 30M rows; this keeps memory at one or two chunks.
 *
 * @example
 * const out = new CsvFileWriter('/tmp/x.csv');
 * out.text('amount'); out.newline(); out.cents(1234.5); out.newline(); // "amount\n1234.50\n"
 * await out.close();
 */
export class CsvFileWriter {
  private readonly stream: WriteStream;
  private failure: Error | undefined;
  private chunk: Buffer;
  private pos = 0;
  bytes = 0;

  /** `chunkBytes` (default 4 MiB) is how much is gathered before each write. */
  constructor(readonly path: string, private readonly chunkBytes = 1 << 22) {
    this.chunk = Buffer.allocUnsafe(chunkBytes + ROW_ROOM);
    this.stream = createWriteStream(path, { highWaterMark: chunkBytes });
    this.stream.on('error', (err) => { this.failure = err; });
  }

  /** An ASCII field (ids, codes, dates); no quoting, which the contract's vocabulary never needs. */
  text(s: string): void {
    this.pos += this.chunk.write(s, this.pos, 'latin1');
  }

  /** Bytes `start`..`end` of a pre-encoded buffer, e.g. a cached date. */
  raw(src: Buffer, start = 0, end = src.length): void {
    this.pos += src.copy(this.chunk, this.pos, start, end);
  }

  /** A non-negative integer, left-padded with zeros to `width` digits. */
  digits(n: number, width = 1): void {
    let len = 1;
    for (let v = n; v >= 10; v = Math.floor(v / 10)) len++;
    const w = Math.max(width, len);
    let v = n;
    for (let i = w - 1; i >= 0; i--) {
      this.chunk[this.pos + i] = ZERO + (v % 10);
      v = Math.floor(v / 10);
    }
    this.pos += w;
  }

  /** A non-negative amount with exactly two decimals, rounded half up to the cent. */
  cents(amount: number): void {
    const c = Math.round(amount * 100);
    this.digits(Math.floor(c / 100));
    this.chunk[this.pos++] = 0x2e;
    this.digits(c % 100, 2);
  }

  comma(): void {
    this.chunk[this.pos++] = COMMA;
  }

  newline(): void {
    this.chunk[this.pos++] = NEWLINE;
  }

  /** True once the chunk is due to be written: check between rows and `await flush()`. */
  get full(): boolean {
    return this.pos >= this.chunkBytes;
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.pos === 0) return;
    const full = this.chunk.subarray(0, this.pos);
    this.bytes += this.pos;
    // The stream keeps `full` until it is written, so the next rows go into a fresh chunk.
    this.chunk = Buffer.allocUnsafe(this.chunkBytes + ROW_ROOM);
    this.pos = 0;
    if (!this.stream.write(full)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    if (this.failure) throw this.failure;
    // events.once rejects when the stream emits 'error' while we wait.
    if (!this.stream.writableFinished) await once(this.stream, 'finish');
    if (this.failure) throw this.failure;
  }

  /** Stops writing after a failure elsewhere; the caller removes the partial file. */
  destroy(): void {
    this.stream.destroy();
  }
}
