import { MISSING_CODE, type ClientTable, type TransactionCounts, type TransactionRecord, type TransactionSink } from '../core/records.js';
import type { ByteKeyedCodes } from './byte-code-table.js';
import type { IngestOptions } from './ingest-options.js';
import { statSync } from 'node:fs';
import { resolveParallelOptions } from './parallel-options.js';
import { planColumns } from './plan-columns.js';
import { readTransactionsParallel } from './read-transactions-parallel.js';
import type { RejectsWriter } from './rejects-writer.js';
import { countReject, countSkip, emptyRowCounts } from './row-counts.js';
import { scanInput, type CsvFastPath } from './scan-input.js';
import { transactionWorkerUrl } from './transaction-worker-url.js';
import { PeriodCounter } from './period-counter.js';
import { transactionRequiredFields } from './transaction-fields.js';
import { SKIPPED, TransactionValidator } from './transaction-validator.js';
import { TRANSACTION_FIELDS } from './transaction-fields.js';

/**
 * Streams the transactions file into `sink`, one accepted row at a time in file order, writing
 * rejected rows to `rejects`. The sink receives ONE mutable TransactionRecord that is overwritten
 * for every row: copy the fields you need, never keep the object. Memory stays flat in the number
 * of transactions apart from duplicate detection (about 16 bytes per accepted txn_id, see
 * HashIdSet). Does not apply the reject gate; `ingest` does. A large CSV is read on worker threads
 * (options.parallel) with the same outcome, row for row (see readTransactionsParallel).
 *
 * @example
 * let total = 0;
 * const counts = await streamTransactions(options, clients, (t) => { total += t.amount; }, rejects);
 */
export async function streamTransactions(
  options: IngestOptions, clients: ClientTable, sink: TransactionSink, rejects: RejectsWriter, accounts?: ByteKeyedCodes,
): Promise<TransactionCounts> {
  const path = options.transactionsPath;
  const mapping = options.mapping?.transactions;
  const counts = emptyRowCounts();
  // Both paths count the accepted rows' periods where they hand them to the sink.
  const periods = new PeriodCounter(options.asOf, options.windowStartExclusive);
  const txn: TransactionRecord = {
    clientIndex: 0, day: 0, amount: 0, direction: 0, type: 0, assetClass: MISSING_CODE, productRisk: 0, isCny: true,
  };
  let validator: TransactionValidator | undefined;
  const parallel = resolveParallelOptions(options.parallel);
  let workers = 0;
  let parallelRows = 0;
  const fastPath: CsvFastPath = async (info, layout, from, onProgress) => {
    const workerUrl = transactionWorkerUrl();
    if (!workerUrl) {
      options.log?.warn({ code: 'no_worker_build', file: path }, 'no compiled transaction worker (run npm run build): reading on one thread');
      return from;
    }
    workers = parallel.workers;
    const read = await readTransactionsParallel({
      path, info, layout, from, mapping, clients, asOf: options.asOf, horizonDays: options.horizonDays,
      validator: validator!, sink, periods, counts, rejects, options: parallel, workerUrl, onProgress, accounts, strictCodes: options.strictCodes === true,
    });
    parallelRows = read.rows;
    return read.resume;
  };
  await scanInput(path, mapping, options.progress, (info) => {
    const plan = planColumns(info.header, TRANSACTION_FIELDS, transactionRequiredFields(mapping, accounts !== undefined), mapping, path, info.encoding);
    const v = new TransactionValidator(info, plan, mapping, clients, options.asOf, options.horizonDays, { accounts, strictCodes: options.strictCodes });
    validator = v;
    return (row) => {
      counts.read++;
      const reason = v.check(row, txn);
      if (reason === undefined) {
        counts.accepted++;
        periods.add(txn.day);
        sink(txn);
        return;
      }
      if (reason === SKIPPED) {
        countSkip(counts, v.skipReasons[v.skipIndex]!);
        return;
      }
      countReject(counts, reason);
      rejects.add(path, row.line, reason, v.detail, row.rawText());
    };
  }, parallel.workers > 0 && fileSize(path) >= parallel.minBytes ? fastPath : undefined);
  if (counts.read === 0) options.log?.warn({ code: 'no_transactions', file: path }, 'transactions file has a header but no rows');
  const result: TransactionCounts = { ...counts, periods: periods.counts(), unmapped: validator?.unmapped.list() ?? [] };
  warnUnmapped(options, result);
  options.log?.info({ file: path, ...result, unmapped: result.unmapped.length, idTableBytes: validator?.seenIds.byteLength ?? 0, workers, parallelRows }, 'transactions read');
  return result;
}

/** One warning per unmapped value (the 20 most frequent; the rest summed), so none goes unnoticed. */
function warnUnmapped(options: IngestOptions, counts: TransactionCounts): void {
  const shown = counts.unmapped.slice(0, 20);
  for (const u of shown) {
    options.log?.warn({ code: 'unmapped_code', file: options.transactionsPath, ...u, strict: options.strictCodes === true },
      `${u.column} value "${u.value}" (read for ${u.field}) is in no code map or rule: ${u.rows} rows ${options.strictCodes ? 'rejected (strict codes)' : 'fell through to a later column or the rules\' otherwise'}; map it in the mapping file`);
  }
  const rest = counts.unmapped.slice(20);
  if (rest.length > 0) {
    options.log?.warn({ code: 'unmapped_code', file: options.transactionsPath, values: rest.length, rows: rest.reduce((a, u) => a + u.rows, 0) },
      `${rest.length} more unmapped code values; the run's summary lists them all`);
  }
}

/** The size, or 0 when the file is missing (scanInput then reports that properly). */
function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
