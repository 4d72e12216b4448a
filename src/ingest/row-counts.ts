import type { RowCounts } from '../core/records.js';
import type { RejectReason } from './reject-reason.js';

/**
 * A zeroed RowCounts; `byReason` only gains keys for reasons that occurred.
 *
 * @example
 * const counts = emptyRowCounts(); // { read: 0, accepted: 0, rejected: 0, byReason: {}, skipped: 0, bySkip: {} }
 */
export function emptyRowCounts(): RowCounts {
  return { read: 0, accepted: 0, rejected: 0, byReason: {}, skipped: 0, bySkip: {} };
}

/** Books one row left out by the skip rule named `reason`. */
export function countSkip(counts: RowCounts, reason: string): void {
  counts.skipped++;
  counts.bySkip[reason] = (counts.bySkip[reason] ?? 0) + 1;
}

/** Books one rejected row (read is counted by the caller for every row). */
export function countReject(counts: RowCounts, reason: RejectReason): void {
  counts.rejected++;
  counts.byReason[reason] = (counts.byReason[reason] ?? 0) + 1;
}
