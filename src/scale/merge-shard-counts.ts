import type { RowCounts } from '../core/records.js';
import type { RealisedCounts } from '../jobs/monitor-run.js';
import { mergeDriftCounts } from '../monitor/drift-counts.js';
import type { ShardCounts } from './shard-counts.js';

/**
 * Adds the shards' counts into the run's: row counts by reason, scored clients, and the drift
 * counts bin by bin and category by category. Every term is an integer count, so the sum equals
 * what one machine counts over all clients, exactly, in any shard order. This is the one place the
 * coordinator combines shards: richer additive counts (e.g. per-bin sums) extend it here.
 *
 * @example
 * const run = mergeShardCounts([shard0, shard1, shard2]);
 */
export function mergeShardCounts(shards: readonly ShardCounts[]): ShardCounts {
  if (shards.length === 0) throw new Error('no shard counts to merge');
  return shards.slice(1).reduce((a, b) => ({
    clients: addRowCounts(a.clients, b.clients),
    transactions: addRowCounts(a.transactions, b.transactions),
    scored: a.scored + b.scored,
    drift: a.drift === null || b.drift === null ? null : mergeDriftCounts(a.drift, b.drift),
    realised: addRealised(a.realised ?? null, b.realised ?? null),
  }), shards[0]!);
}

/** Confusions added cell by cell; a shard without them (null) leaves the run without them. */
function addRealised(a: RealisedCounts | null, b: RealisedCounts | null): RealisedCounts | null {
  if (a === null || b === null) return null;
  if (a.classes.length !== b.classes.length || a.classes.some((c, k) => c !== b.classes[k])) {
    throw new Error(`shards counted realised accuracy over different classes (${a.classes.join(', ')} / ${b.classes.join(', ')}): they cannot be merged`);
  }
  return { classes: a.classes, confusion: a.confusion.map((row, t) => row.map((v, p) => v + b.confusion[t]![p]!)) };
}

function addRowCounts(a: RowCounts, b: RowCounts): RowCounts {
  return { read: a.read + b.read, accepted: a.accepted + b.accepted, rejected: a.rejected + b.rejected, byReason: addCategories(a.byReason, b.byReason) };
}

/** Category counts by key, keys in sorted order so the stored document does not depend on shard order. */
function addCategories(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): Record<string, number> {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return Object.fromEntries(keys.map((key) => [key, (a[key] ?? 0) + (b[key] ?? 0)]));
}
