import { REQUIRED_TRANSACTION_COLUMNS, TRANSACTION_COLUMNS } from '../core/contract.js';
import { MISSING_CODE, type ClientTable, type RowCounts, type TransactionRecord, type TransactionSink } from '../core/records.js';
import type { IngestOptions } from './ingest-options.js';
import { planColumns } from './plan-columns.js';
import type { RejectsWriter } from './rejects-writer.js';
import { countReject, emptyRowCounts } from './row-counts.js';
import { scanInput } from './scan-input.js';
import { TransactionValidator } from './transaction-validator.js';

/**
 * Streams the transactions file into `sink`, one accepted row at a time in file order, writing
 * rejected rows to `rejects`. The sink receives ONE mutable TransactionRecord that is overwritten
 * for every row: copy the fields you need, never keep the object. Memory stays flat in the number
 * of transactions apart from duplicate detection (about 16 bytes per accepted txn_id, see
 * HashIdSet). Does not apply the reject gate; `ingest` does.
 *
 * @example
 * let total = 0;
 * const counts = await streamTransactions(options, clients, (t) => { total += t.amount; }, rejects);
 */
export async function streamTransactions(options: IngestOptions, clients: ClientTable, sink: TransactionSink, rejects: RejectsWriter): Promise<RowCounts> {
  const path = options.transactionsPath;
  const mapping = options.mapping?.transactions;
  const counts = emptyRowCounts();
  const txn: TransactionRecord = {
    clientIndex: 0, day: 0, amount: 0, direction: 0, type: 0, assetClass: MISSING_CODE, productRisk: 0, isCny: true,
  };
  let validator: TransactionValidator | undefined;
  await scanInput(path, mapping, options.progress, (info) => {
    const plan = planColumns(info.header, TRANSACTION_COLUMNS, REQUIRED_TRANSACTION_COLUMNS, mapping, path, info.encoding);
    const v = new TransactionValidator(info, plan, mapping, clients, options.asOf, options.horizonDays);
    validator = v;
    return (row) => {
      counts.read++;
      const reason = v.check(row, txn);
      if (reason === undefined) {
        counts.accepted++;
        sink(txn);
        return;
      }
      countReject(counts, reason);
      rejects.add(path, row.line, reason, v.detail, row.rawText());
    };
  });
  if (counts.read === 0) options.log?.warn({ code: 'no_transactions', file: path }, 'transactions file has a header but no rows');
  options.log?.info({ file: path, ...counts, idTableBytes: validator?.seenIds.byteLength ?? 0 }, 'transactions read');
  return counts;
}
