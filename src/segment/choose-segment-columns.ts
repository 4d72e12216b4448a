/** Columns whose |Pearson r| with an earlier kept column reaches this are dropped as near-duplicates. */
export const NEAR_DUPLICATE_R = 0.98;
/** At most this many (evenly spaced) rows estimate the correlations. */
const CORRELATION_ROWS = 50_000;

/** A column left out because it repeats an earlier one. */
export interface DuplicateColumn {
  readonly feature: string;
  /** The earlier kept column it repeats. */
  readonly of: string;
  /** Their Pearson correlation on the training rows. */
  readonly r: number;
}

/** The columns segmentation runs on, and why the others were left out. */
export interface SegmentColumns {
  /** Kept columns, in candidate (catalogue) order. */
  readonly features: readonly string[];
  /** The block of each kept column. */
  readonly blocks: readonly string[];
  /** Each kept column's weight in z-space: 1 / sqrt(kept columns of its block). */
  readonly weights: Float64Array;
  /** Candidates with no spread on the training rows. */
  readonly constant: readonly string[];
  readonly duplicates: readonly DuplicateColumn[];
}

/**
 * Chooses the segmentation columns among `candidates` of a standardised matrix (z, row-major over
 * `names`): drops columns constant on the training rows (all z equal), then, in candidate order,
 * every column whose |Pearson r| with an earlier kept column is ≥ 0.98 (the earlier one stays, so a
 * hand-made feature wins over its generic twin); then weights each kept column by
 * 1 / sqrt(kept columns of its block), so every block carries the same total variance and a block
 * of 16 columns cannot drown one of 3. `blockOf` gives a column's block; without it all columns
 * share one block (equal weights). `dropNearDuplicates` false keeps every varying column.
 *
 * @example
 * const chosen = chooseSegmentColumns(z, rows, names, ['txn_per_month', 'type_share_buy'], (n) => blocks[n]);
 * chosen.weights; // Float64Array [1, 1] when both blocks keep one column
 */
export function chooseSegmentColumns(
  z: Float64Array,
  rows: number,
  names: readonly string[],
  candidates: readonly string[],
  blockOf: (name: string) => string = () => 'all',
  dropNearDuplicates = true,
): SegmentColumns {
  const cols = names.length;
  const constant: string[] = [];
  // Correlations on every ⌈rows / 50,000⌉-th row, each candidate as a contiguous standardised
  // column: strided reads over all rows made them most of training's time at 100,000 clients, and
  // r from 50,000 rows is within about ±0.001 near the 0.98 bar. Constancy is checked on every row.
  const step = Math.max(1, Math.ceil(rows / CORRELATION_ROWS));
  const used = Math.ceil(rows / step);
  const spread: { name: string; unit: Float64Array }[] = [];
  for (const name of candidates) {
    const j = names.indexOf(name);
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < rows; i++) { const x = z[i * cols + j]!; if (x < min) min = x; if (x > max) max = x; }
    // z of a constant column is exactly 0 (the scaler's sd fallback); allow rounding noise only.
    if (!(max - min > 1e-9)) { constant.push(name); continue; }
    const unit = new Float64Array(used);
    let sum = 0;
    for (let u = 0; u < used; u++) sum += (unit[u] = z[u * step * cols + j]!);
    const mean = sum / used;
    let ss = 0;
    for (let u = 0; u < used; u++) ss += (unit[u]! - mean) ** 2;
    const sd = Math.sqrt(ss / used);
    for (let u = 0; u < used; u++) unit[u] = sd > 0 ? (unit[u]! - mean) / sd : 0;
    spread.push({ name, unit });
  }
  const kept: { name: string; unit: Float64Array }[] = [];
  const duplicates: DuplicateColumn[] = [];
  for (const candidate of spread) {
    let twin: DuplicateColumn | undefined;
    for (const k of dropNearDuplicates ? kept : []) {
      const r = dot(candidate.unit, k.unit) / used;
      if (Math.abs(r) >= NEAR_DUPLICATE_R) { twin = { feature: candidate.name, of: k.name, r }; break; }
    }
    if (twin) duplicates.push(twin);
    else kept.push(candidate);
  }
  const features = kept.map((k) => k.name);
  const blocks = features.map((f) => blockOf(f));
  const perBlock = new Map<string, number>();
  for (const b of blocks) perBlock.set(b, (perBlock.get(b) ?? 0) + 1);
  const weights = Float64Array.from(blocks, (b) => 1 / Math.sqrt(perBlock.get(b)!));
  return { features, blocks, weights, constant, duplicates };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
