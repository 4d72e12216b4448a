import { readSync } from 'node:fs';
import { MISSING_CODE, type TransactionRecord } from '../core/records.js';
import { LineRecord } from './line-record.js';
import { REJECT_REASONS, type RejectReason } from './reject-reason.js';
import { SKIPPED, type TransactionValidator } from './transaction-validator.js';
import { TxnBatch } from './txn-batch.js';
import type { BytesToText } from './text-decoder.js';
import type { BatchMessage, RangeTask } from './worker-messages.js';

const LF = 0x0a;
const REASON_STATUS = new Map<RejectReason, number>(REJECT_REASONS.map((r, i) => [r, i + 1]));
/** TxnBatch status of a row left out by skip rule k: SKIP_STATUS + k. */
export const SKIP_STATUS = 128;

export interface RangeReaderOptions {
  readonly sizeBytes: number;
  readonly delimiter: number;
  readonly quote: number;
  readonly decode: BytesToText;
  readonly fields: number;
  /** Rows per batch message. */
  readonly batchRows: number;
  /** Bytes per read; default 1 MiB. */
  readonly chunkBytes?: number;
  /** Longest line read here, as the byte scanner's maxRecordBytes; default 1 MiB. */
  readonly maxLineBytes?: number;
}

/**
 * The worker side of the parallel transactions read: reads the lines of one byte range of a
 * quote-free CSV, runs every position-independent check on each row (`checkFields`) and posts
 * the results as TxnBatch messages. It stops at the first line that holds the quote byte (or
 * is longer than the byte scanner would take whole), so the byte scanner can take over there.
 *
 * @example
 * const reader = new RangeReader(fd, options, validator, (m) => parentPort.postMessage(m, [m.buffer]));
 * reader.read({ kind: 'range', range: 0, start: 120, end: 4_194_424 });
 */
export class RangeReader {
  private buf: Buffer;
  private readonly rec: LineRecord;
  private readonly txn: TransactionRecord = {
    clientIndex: 0, day: 0, amount: 0, direction: 0, type: 0, assetClass: MISSING_CODE, productRisk: 0, isCny: true,
  };
  private readonly chunkBytes: number;
  private readonly maxLineBytes: number;

  constructor(
    private readonly fd: number, private readonly options: RangeReaderOptions,
    private readonly validator: TransactionValidator, private readonly post: (message: BatchMessage) => void,
  ) {
    this.chunkBytes = options.chunkBytes ?? 1 << 20;
    this.maxLineBytes = options.maxLineBytes ?? 1 << 20;
    this.buf = Buffer.allocUnsafe(this.chunkBytes + this.maxLineBytes + 1);
    this.rec = new LineRecord(options.delimiter, options.decode, options.fields);
  }

  read(task: RangeTask): void {
    const { sizeBytes: size, quote, batchRows } = this.options;
    const { buf, rec, validator, txn } = this;
    const start = this.firstLineAt(task.start);
    let base = start;
    let len = 0;
    let p = 0;
    let eof = start >= size;
    let quoteAt = Infinity;
    let lines = 0;
    let batch = TxnBatch.create(batchRows);
    let rows = 0;
    let rejects: string[] = [];
    let stop: BatchMessage['stop'];
    for (;;) {
      if (base + p >= task.end || (eof && p >= len)) break;
      const lf = rec.scanLine(buf, p, len);
      if (lf < 0) {
        if (len - p > this.maxLineBytes) {
          stop = { offset: base + p - start, line: lines };
          break;
        }
        buf.copyWithin(0, p, len);
        base += p;
        len -= p;
        p = 0;
        const n = readSync(this.fd, buf, len, Math.min(this.chunkBytes, buf.length - 1 - len), base + len);
        if (quoteAt === Infinity) {
          const q = buf.subarray(len, len + n).indexOf(quote);
          if (q >= 0) quoteAt = base + len + q;
        }
        len += n;
        if (n === 0 || base + len >= size) {
          eof = true;
          // As the byte scanner does: a last line without a line end still ends there.
          if (len > 0 && buf[len - 1] !== LF) buf[len++] = LF;
        }
        continue;
      }
      if (quoteAt <= base + lf || lf - p > this.maxLineBytes) {
        stop = { offset: base + p - start, line: lines };
        break;
      }
      if (!rec.blank) {
        const reason = validator.checkFields(rec, txn);
        if (reason === undefined) {
          batch.status[rows] = 0;
          batch.clientIndex[rows] = txn.clientIndex;
          batch.day[rows] = txn.day;
          batch.amount[rows] = txn.amount;
          batch.direction[rows] = txn.direction;
          batch.type[rows] = txn.type;
          batch.assetClass[rows] = txn.assetClass;
          batch.productRisk[rows] = txn.productRisk;
          batch.isCny[rows] = txn.isCny ? 1 : 0;
          validator.hashTxnId(batch.idHash, 2 * rows);
        } else if (reason === SKIPPED) {
          batch.status[rows] = SKIP_STATUS + validator.skipIndex;
        } else {
          batch.status[rows] = REASON_STATUS.get(reason)!;
          rejects.push(validator.detail, rec.rawText());
        }
        batch.line[rows] = lines;
        batch.offset[rows] = base + p - start;
        batch.length[rows] = rec.rawEnd - rec.rawStart;
        if (++rows === batchRows) {
          this.send(task, start, batch, rows, rejects, false, lines, undefined);
          batch = TxnBatch.create(batchRows);
          rows = 0;
          rejects = [];
        }
      }
      lines++;
      p = lf + 1;
    }
    this.send(task, start, batch, rows, rejects, true, lines, stop);
  }

  // A method, not a closure made per range: a fresh closure each call would make the optimised
  // loop above deoptimise ("wrong call target") at the start of every range.
  private send(
    task: RangeTask, start: number, batch: TxnBatch, rows: number, rejects: string[],
    done: boolean, lines: number, stop: BatchMessage['stop'],
  ): void {
    // Unmapped code counts travel with each range's last batch, as a delta the main thread adds.
    const unmapped = done ? this.validator.unmapped.take() : [];
    this.post({
      kind: 'batch', range: task.range, start, rows, capacity: batch.capacity, buffer: batch.buffer, rejects, done, lines, stop, unmapped,
    });
  }

  /** The offset of the first line that starts at or after `offset` (the file size when none does). */
  private firstLineAt(offset: number): number {
    if (offset === 0) return 0;
    const buf = this.buf;
    let at = offset - 1;
    for (;;) {
      // Lines are short: a small read almost always finds the line end.
      const n = readSync(this.fd, buf, 0, 1 << 16, at);
      if (n === 0) return this.options.sizeBytes;
      const lf = buf.subarray(0, n).indexOf(LF);
      if (lf >= 0) return at + lf + 1;
      at += n;
    }
  }
}
