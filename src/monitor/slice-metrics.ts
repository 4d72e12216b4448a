/** Below this many rows a slice's metrics are shown as "too few", not as numbers. */
export const MIN_SLICE_ROWS = 100;

/** One group's metrics; `metrics` is null when the group has fewer than the minimum rows. */
export interface Slice<T> {
  readonly name: string;
  readonly n: number;
  readonly metrics: T | null;
}

/**
 * Measures each named group of rows on its own (e.g. each asset tier), so a model that serves one
 * group badly shows up. `groups[i]` is the group index of row i (-1: in none). A group with fewer
 * than `minN` rows gets `metrics: null`: on so few rows a metric is mostly chance.
 *
 * @example
 * sliceMetrics(tierOfRow, ['mass', 'hnw', 'uhnw'], 100, (rows) => accuracyOf(rows));
 */
export function sliceMetrics<T>(groups: ArrayLike<number>, names: readonly string[], minN: number, measure: (rows: Uint32Array) => T): Slice<T>[] {
  const members: number[][] = names.map(() => []);
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    if (g >= 0 && g < names.length) members[g]!.push(i);
  }
  return names.map((name, g) => {
    const rows = Uint32Array.from(members[g]!);
    return { name, n: rows.length, metrics: rows.length >= minN ? measure(rows) : null };
  });
}
