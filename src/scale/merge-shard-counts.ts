import type { PeriodCounts, RowCounts, UnmappedCode } from '../core/records.js';
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
    transactions: addTransactionCounts(a.transactions, b.transactions),
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
  return {
    read: a.read + b.read, accepted: a.accepted + b.accepted, rejected: a.rejected + b.rejected, byReason: addCategories(a.byReason, b.byReason),
    // Shard counts stored before skip rules existed have neither field.
    skipped: (a.skipped ?? 0) + (b.skipped ?? 0), bySkip: addCategories(a.bySkip ?? {}, b.bySkip ?? {}),
  };
}

function addTransactionCounts(a: ShardCounts['transactions'], b: ShardCounts['transactions']): ShardCounts['transactions'] {
  const rows = addRowCounts(a, b);
  if (!a.periods || !b.periods) return rows;
  return { ...rows, periods: addPeriods(a.periods, b.periods), unmapped: addUnmapped(a.unmapped ?? [], b.unmapped ?? []) };
}

function addPeriods(a: PeriodCounts, b: PeriodCounts): PeriodCounts {
  const lastDay = a.lastDay === null ? b.lastDay : b.lastDay === null ? a.lastDay : Math.max(a.lastDay, b.lastDay);
  return { beforeWindow: a.beforeWindow + b.beforeWindow, inWindow: a.inWindow + b.inWindow, inHorizon: a.inHorizon + b.inHorizon, lastDay };
}

/** Unmapped values added by field, column and value, in the order one machine lists them. */
function addUnmapped(a: readonly UnmappedCode[], b: readonly UnmappedCode[]): UnmappedCode[] {
  const sum = new Map<string, UnmappedCode>();
  for (const u of [...a, ...b]) {
    const key = JSON.stringify([u.field, u.column, u.value]);
    const had = sum.get(key);
    sum.set(key, had ? { ...had, rows: had.rows + u.rows } : u);
  }
  return [...sum.values()].sort((x, y) => y.rows - x.rows || x.field.localeCompare(y.field) || x.column.localeCompare(y.column) || x.value.localeCompare(y.value));
}

/** Category counts by key, keys in sorted order so the stored document does not depend on shard order. */
function addCategories(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): Record<string, number> {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return Object.fromEntries(keys.map((key) => [key, (a[key] ?? 0) + (b[key] ?? 0)]));
}
