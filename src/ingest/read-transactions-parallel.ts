import { closeSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { DayNumber } from '../core/days.js';
import { PipelineError } from '../core/errors.js';
import { MISSING_CODE, type ClientTable, type RowCounts, type TransactionRecord, type TransactionSink } from '../core/records.js';
import type { ByteKeyedCodes } from './byte-code-table.js';
import { LineRecord } from './line-record.js';
import type { TransactionsMapping } from './mapping-schema.js';
import type { ParallelOptions } from './parallel-options.js';
import type { PeriodCounter } from './period-counter.js';
import { REJECT_REASONS } from './reject-reason.js';
import type { RejectsWriter } from './rejects-writer.js';
import { SKIP_STATUS } from './range-reader.js';
import { countReject, countSkip } from './row-counts.js';
import type { CsvPosition } from './scan-csv.js';
import type { CsvLayout, InputInfo } from './scan-input.js';
import type { TransactionValidator } from './transaction-validator.js';
import { TxnBatch } from './txn-batch.js';
import type { BatchMessage, RangeTask, WorkerInit } from './worker-messages.js';

const BATCH_ROWS = 32768;

export interface ParallelReadInput {
  readonly path: string;
  readonly info: InputInfo;
  readonly layout: CsvLayout;
  /** Where the data rows start (after the header). */
  readonly from: CsvPosition;
  readonly mapping: TransactionsMapping | undefined;
  readonly clients: ClientTable;
  readonly asOf: DayNumber;
  readonly horizonDays: number;
  /** The calling thread's validator: it owns the txn_id set and words the duplicate detail. */
  readonly validator: TransactionValidator;
  readonly sink: TransactionSink;
  /** Counts the accepted rows' periods. */
  readonly periods: PeriodCounter;
  readonly counts: RowCounts;
  readonly rejects: RejectsWriter;
  readonly options: Required<ParallelOptions>;
  readonly workerUrl: URL;
  readonly onProgress: (bytes: number) => void;
  /** Account id → client index, when rows are keyed by account. */
  readonly accounts: ByteKeyedCodes | undefined;
  readonly strictCodes: boolean;
}

export interface ParallelReadResult {
  /** Where the byte scanner must go on (a line with a quote byte), or undefined when the file is read. */
  readonly resume: CsvPosition | undefined;
  /** Rows read by the workers. */
  readonly rows: number;
}

/**
 * Reads a CSV's transaction rows on worker threads with the same outcome as the byte scanner: the
 * file is cut into ranges at line starts; workers check each range's rows (everything but the
 * duplicate txn_id, which depends on earlier rows) and post compact binary batches; this thread
 * takes the ranges strictly in file order, settles duplicates on the precomputed id hashes (first
 * accepted occurrence wins), and feeds the sink, the rejects file and the counts. Workers get a
 * range only while it is fewer than `window` ranges ahead of the one being consumed, so memory
 * stays bounded whatever their speed. A line with the quote byte ends the parallel read there.
 *
 * @example
 * const { resume } = await readTransactionsParallel({ path, info, layout, from, … });
 * if (resume) await scanCsv(path, { …, startOffset: resume.offset, firstLine: resume.line }, handler);
 */
export function readTransactionsParallel(input: ParallelReadInput): Promise<ParallelReadResult> {
  const { info, options, from } = input;
  const starts: number[] = [];
  for (let at = from.offset; at < info.sizeBytes; at += options.rangeBytes) starts.push(at);
  if (starts.length === 0) return Promise.resolve({ resume: undefined, rows: 0 });
  const init: WorkerInit = {
    path: input.path, sizeBytes: info.sizeBytes, header: info.header, encoding: info.encoding,
    delimiter: input.layout.delimiter, quote: input.layout.quote, numberFormat: info.numberFormat, mapping: input.mapping,
    clientKeys: input.accounts === undefined ? input.validator.clientKeys() : undefined, accounts: input.accounts, strictCodes: input.strictCodes, asOf: input.asOf, horizonDays: input.horizonDays, batchRows: BATCH_ROWS,
  };
  const consumer = new BatchConsumer(input);
  const workerCount = Math.min(options.workers, starts.length);
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    const idle: Worker[] = [];
    const queued: BatchMessage[][] = starts.map(() => []);
    let current = 0;
    let next = 0;
    let lineBase = from.line;
    let settled = false;
    const settle = (err: unknown, result?: ParallelReadResult): void => {
      if (settled) return;
      settled = true;
      consumer.close();
      void Promise.all(workers.map((w) => w.terminate())).then(() => (err ? reject(err) : resolve(result!)), reject);
    };
    const assign = (): void => {
      while (!settled && idle.length > 0 && next < starts.length && next < current + options.window) {
        const task: RangeTask = { kind: 'range', range: next, start: starts[next]!, end: starts[next + 1] ?? info.sizeBytes };
        idle.pop()!.postMessage(task);
        next++;
      }
    };
    const drain = (): void => {
      while (current < starts.length) {
        const batch = queued[current]!.shift();
        if (!batch) return;
        consumer.consume(batch, lineBase);
        if (!batch.done) continue;
        if (batch.stop) {
          settle(undefined, { resume: { offset: batch.start + batch.stop.offset, line: lineBase + batch.stop.line }, rows: consumer.rows });
          return;
        }
        lineBase += batch.lines;
        current++;
        input.onProgress(starts[current] ?? info.sizeBytes);
      }
      settle(undefined, { resume: undefined, rows: consumer.rows });
    };
    for (let i = 0; i < workerCount; i++) {
      const worker = new Worker(input.workerUrl, { workerData: init });
      workers.push(worker);
      idle.push(worker);
      worker.on('message', (batch: BatchMessage) => {
        if (settled) return;
        try {
          queued[batch.range]!.push(batch);
          if (batch.done) idle.push(worker);
          drain();
          assign();
        } catch (err) {
          settle(err);
        }
      });
      worker.on('error', (err) => settle(new PipelineError(
        'stage_failed', `a transaction reader thread failed (${err.message}): rerun with parallel.workers = 0 to read on one thread`,
        { file: input.path }, { cause: err },
      )));
      worker.on('exit', (code) => settle(new PipelineError(
        'stage_failed', `a transaction reader thread stopped early (exit code ${code}): rerun with parallel.workers = 0 to read on one thread`,
        { file: input.path },
      )));
    }
    assign();
  });
}

/** The order-dependent half: duplicates, sink, rejects and counts, one batch at a time in file order. */
class BatchConsumer {
  rows = 0;
  private readonly txn: TransactionRecord = {
    clientIndex: 0, day: 0, amount: 0, direction: 0, type: 0, assetClass: MISSING_CODE, productRisk: 0, isCny: true,
  };
  private fd: number | undefined;
  private readonly line: LineRecord;

  constructor(private readonly input: ParallelReadInput) {
    this.line = new LineRecord(input.layout.delimiter, input.info.decode, input.info.header.length);
  }

  consume(m: BatchMessage, lineBase: number): void {
    const { sink, counts, rejects, path, periods } = this.input;
    const { validator } = this.input;
    const seen = validator.seenIds;
    if (m.unmapped.length > 0) validator.unmapped.addAll(m.unmapped);
    const b = TxnBatch.wrap(m.buffer, m.capacity);
    const txn = this.txn;
    let reject = 0;
    for (let i = 0; i < m.rows; i++) {
      counts.read++;
      const status = b.status[i]!;
      if (status >= SKIP_STATUS) {
        countSkip(counts, validator.skipReasons[status - SKIP_STATUS]!);
      } else if (status !== 0) {
        countReject(counts, REJECT_REASONS[status - 1]!);
        rejects.add(path, lineBase + b.line[i]!, REJECT_REASONS[status - 1]!, m.rejects[reject]!, m.rejects[reject + 1]!);
        reject += 2;
      } else if (seen.addHash(b.idHash[2 * i]!, b.idHash[2 * i + 1]!)) {
        counts.accepted++;
        txn.clientIndex = b.clientIndex[i]!;
        txn.day = b.day[i]!;
        txn.amount = b.amount[i]!;
        txn.direction = b.direction[i]!;
        txn.type = b.type[i]!;
        txn.assetClass = b.assetClass[i]!;
        txn.productRisk = b.productRisk[i]!;
        txn.isCny = b.isCny[i] === 1;
        periods.add(txn.day);
        sink(txn);
      } else {
        this.duplicate(m.start + b.offset[i]!, b.length[i]!, lineBase + b.line[i]!);
      }
    }
    this.rows += m.rows;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** A repeated txn_id: rare, so the row's text is read back from the file rather than shipped with every row. */
  private duplicate(offset: number, length: number, line: number): void {
    this.fd ??= openSync(this.input.path, 'r');
    const bytes = Buffer.allocUnsafe(length);
    readSync(this.fd, bytes, 0, length, offset);
    this.line.split(bytes, 0, length);
    countReject(this.input.counts, 'duplicate_id');
    this.input.rejects.add(this.input.path, line, 'duplicate_id', this.input.validator.duplicateDetail(this.line), this.line.rawText());
  }
}
