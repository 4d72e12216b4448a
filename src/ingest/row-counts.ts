import type { RowCounts } from '../core/records.js';
import type { RejectReason } from './reject-reason.js';

/**
 * A zeroed RowCounts; `byReason` only gains keys for reasons that occurred.
 *
 * @example
 * const counts = emptyRowCounts(); // { read: 0, accepted: 0, rejected: 0, byReason: {} }
 */
export function emptyRowCounts(): RowCounts {
  return { read: 0, accepted: 0, rejected: 0, byReason: {} };
}

/** Books one rejected row (read is counted by the caller for every row). */
export function countReject(counts: RowCounts, reason: RejectReason): void {
  counts.rejected++;
  counts.byReason[reason] = (counts.byReason[reason] ?? 0) + 1;
}
