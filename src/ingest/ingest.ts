import { checkOutputPaths } from '../core/check-output-paths.js';
import { PipelineError } from '../core/errors.js';
import type { ClientTable, RowCounts, TransactionSink } from '../core/records.js';
import type { IngestOptions, IngestResult } from './ingest-options.js';
import { readAccounts } from './read-accounts.js';
import { readClients } from './read-clients.js';
import { RejectsWriter } from './rejects-writer.js';
import { emptyRowCounts } from './row-counts.js';
import { streamTransactions } from './stream-transactions.js';
import { topReasons } from './top-reasons.js';

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
  if (options.mapping?.accounts && options.accountsPath === undefined) {
    throw new PipelineError('config_invalid', 'the mapping has an accounts section but no accounts file was given: pass --accounts FILE (or inputs.accounts in a pipeline), or remove the section', {});
  }
  checkOutputPaths(
    [
      { label: 'the clients file', path: options.clientsPath }, { label: 'the transactions file', path: options.transactionsPath },
      ...(options.accountsPath === undefined ? [] : [{ label: 'the accounts file', path: options.accountsPath }]),
    ],
    [{ label: 'the rejects file', path: options.rejectsPath }],
  );
  const rejects = RejectsWriter.open(options.rejectsPath);
  try {
    const clients = await readClients(options, rejects);
    const noTransactions = emptyRowCounts();
    checkGate(options.clientsPath, clients.counts, gate, rejects, { clientCounts: clients.counts, transactionCounts: noTransactions });
    const accounts = options.accountsPath === undefined ? undefined : await readAccounts(options, clients.table, rejects);
    if (accounts) checkGate(options.accountsPath!, accounts.counts, gate, rejects, { clientCounts: clients.counts, transactionCounts: noTransactions });
    const transactionCounts = await streamTransactions(options, clients.table, sinkFor(clients.table), rejects, accounts?.clientOf);
    checkGate(options.transactionsPath, transactionCounts, gate, rejects, { clientCounts: clients.counts, transactionCounts });
    rejects.close();
    return {
      clients: clients.table, clientCounts: clients.counts, transactionCounts, rejectsPath: rejects.path,
      ...(accounts ? { accountCounts: accounts.counts } : {}),
    };
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

/** Skipped rows were left out on purpose, so the share is of the rows that were checked. */
function checkGate(file: string, counts: RowCounts, gate: number, rejects: RejectsWriter, reached: CountsReached): void {
  const checked = counts.read - counts.skipped;
  if (checked === 0) return;
  const share = counts.rejected / checked;
  if (share <= gate) return;
  rejects.close();
  const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
  throw new PipelineError(
    'reject_gate',
    `${file}: ${pct(share)} of rows rejected (${counts.rejected} of ${checked}${counts.skipped > 0 ? `, ${counts.skipped} skipped rows not counted` : ''}), above the ${pct(gate)} gate; `
      + `main reasons: ${topReasons(counts.byReason)}; see ${rejects.path}, fix the export or the mapping`,
    { file, read: counts.read, rejected: counts.rejected, skipped: counts.skipped, share, gate, byReason: counts.byReason, rejectsPath: rejects.path, reached },
  );
}
