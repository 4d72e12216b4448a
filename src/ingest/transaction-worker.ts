// Worker thread entry of the parallel transactions read (read-transactions-parallel.ts): checks
// the rows of the ranges it is sent and posts the results back. Runs compiled, from dist/.
import { openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { planColumns } from './plan-columns.js';
import { RangeReader } from './range-reader.js';
import type { InputInfo } from './scan-input.js';
import { textDecoder } from './text-decoder.js';
import { TRANSACTION_FIELDS, transactionRequiredFields } from './transaction-fields.js';
import { TransactionValidator } from './transaction-validator.js';
import type { RangeTask, WorkerInit } from './worker-messages.js';

const init = workerData as WorkerInit;
const port = parentPort!;
const decode = textDecoder(init.encoding);
const info: InputInfo = {
  format: 'csv', header: init.header, temporal: init.header.map(() => false), encoding: init.encoding, decode,
  numberFormat: init.numberFormat, sizeBytes: init.sizeBytes,
};
// The main thread planned the same header with the same mapping, so this cannot throw here.
const plan = planColumns(init.header, TRANSACTION_FIELDS, transactionRequiredFields(init.mapping, init.accounts !== undefined), init.mapping, init.path, init.encoding);
// The client ids come as the calling thread's table, adopted as they arrived: no id strings,
// no Map of them, no table built again in each worker.
const validator = new TransactionValidator(info, plan, init.mapping, { indexById: new Map() }, init.asOf, init.horizonDays, {
  accounts: init.accounts, clientKeys: init.clientKeys, strictCodes: init.strictCodes,
});
const reader = new RangeReader(
  openSync(init.path, 'r'),
  { sizeBytes: init.sizeBytes, delimiter: init.delimiter, quote: init.quote, decode, fields: init.header.length, batchRows: init.batchRows },
  validator,
  (message) => port.postMessage(message, [message.buffer]),
);
port.on('message', (task: RangeTask) => reader.read(task));
