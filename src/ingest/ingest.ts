import { checkOutputPaths } from '../core/check-output-paths.js';
import { PipelineError } from '../core/errors.js';
import type { ClientTable, RowCounts, TransactionSink } from '../core/records.js';
import type { IngestOptions, IngestResult } from './ingest-options.js';
import { readClients } from './read-clients.js';
import { RejectsWriter } from './rejects-writer.js';
import { emptyRowCounts } from './row-counts.js';
import { streamTransactions } from './stream-transactions.js';

/**
 * The ingest stage: reads clients, asks `sinkFor` for the sink that takes this client table's
 * transactions, then streams transactions into it (ONE reused mutable record: copy what you need), writes every rejected row of both files to `rejectsPath`, and
 * applies the reject gate per file. When a file's rejected/read share exceeds the gate, that
 * file is still read to the end (so the rejects file is complete), the rejects file is closed,
 * and PipelineError 'reject_gate' is thrown; a clients file over the gate stops the run before
 * transactions are read. Any other failure leaves no rejects file (a short one would look
 * complete). A rejects path that is one of the inputs is refused before anything is opened.
 *
 * @example
 * const result = await ingest({ clientsPath: 'clients.csv', transactionsPath: 'tx.csv', asOf, horizonDays: 180, rejectsPath: 'out/rejects.csv' },
 *   (clients) => createFeatureBuilder(clients, { asOf }).sink);
 * result.transactionCounts; // { read, accepted, rejected, byReason }
 */
export async function ingest(options: IngestOptions, sinkFor: (clients: ClientTable) => TransactionSink): Promise<IngestResult> {
  const gate = options.rejectGate ?? 0.05;
  if (!(gate >= 0 && gate <= 1)) {
    throw new PipelineError('config_invalid', `rejectGate ${gate} must be a share between 0 and 1 (e.g. 0.05)`, { rejectGate: gate });
  }
  checkOutputPaths(
    [{ label: 'the clients file', path: options.clientsPath }, { label: 'the transactions file', path: options.transactionsPath }],
    [{ label: 'the rejects file', path: options.rejectsPath }],
  );
  const rejects = RejectsWriter.open(options.rejectsPath);
  try {
    const clients = await readClients(options, rejects);
    checkGate(options.clientsPath, clients.counts, gate, rejects, { clientCounts: clients.counts, transactionCounts: emptyRowCounts() });
    const transactionCounts = await streamTransactions(options, clients.table, sinkFor(clients.table), rejects);
    checkGate(options.transactionsPath, transactionCounts, gate, rejects, { clientCounts: clients.counts, transactionCounts });
    rejects.close();
    return { clients: clients.table, clientCounts: clients.counts, transactionCounts, rejectsPath: rejects.path };
  } finally {
    // A run stopped by anything but the gate (which closed the file complete) leaves no rejects file behind.
    rejects.abort();
  }
}

/** The counts a run reached when the gate stopped it (in the error's details, so a stored failed run keeps them). */
export interface CountsReached {
  readonly clientCounts: RowCounts;
  readonly transactionCounts: RowCounts;
}

function checkGate(file: string, counts: RowCounts, gate: number, rejects: RejectsWriter, reached: CountsReached): void {
  if (counts.read === 0) return;
  const share = counts.rejected / counts.read;
  if (share <= gate) return;
  rejects.close();
  const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
  throw new PipelineError(
    'reject_gate',
    `${file}: ${pct(share)} of rows rejected (${counts.rejected} of ${counts.read}), above the ${pct(gate)} gate; see ${rejects.path}, fix the export or the mapping`,
    { file, read: counts.read, rejected: counts.rejected, share, gate, byReason: counts.byReason, rejectsPath: rejects.path, reached },
  );
}
