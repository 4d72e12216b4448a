import type { IngestCounts } from '../core/records.js';
import type { IngestResult } from './ingest-options.js';

/**
 * The accounting part of an ingest result, as summaries and reports show it.
 *
 * @example
 * renderIngestSection(ingestCountsOf(result.ingest));
 */
export function ingestCountsOf(r: Pick<IngestResult, 'clientCounts' | 'accountCounts' | 'transactionCounts'>): IngestCounts {
  return { clients: r.clientCounts, ...(r.accountCounts ? { accounts: r.accountCounts } : {}), transactions: r.transactionCounts };
}
