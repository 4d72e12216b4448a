/** Columns whose |Pearson r| with an earlier kept column reaches this are dropped as near-duplicates. */
export const NEAR_DUPLICATE_R = 0.98;

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
 * share one block (equal weights).
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
): SegmentColumns {
  const cols = names.length;
  const at = candidates.map((n) => names.indexOf(n));
  const constant: string[] = [];
  const spread: number[] = [];
  const means: number[] = [];
  const sds: number[] = [];
  for (let c = 0; c < at.length; c++) {
    const j = at[c]!;
    let sum = 0;
    for (let i = 0; i < rows; i++) sum += z[i * cols + j]!;
    const mean = rows > 0 ? sum / rows : 0;
    let ss = 0;
    for (let i = 0; i < rows; i++) ss += (z[i * cols + j]! - mean) ** 2;
    const sd = rows > 0 ? Math.sqrt(ss / rows) : 0;
    // z of a constant column is exactly 0 (the scaler's sd fallback); allow rounding noise only.
    if (!(sd > 1e-9)) constant.push(candidates[c]!);
    else { spread.push(c); means.push(mean); sds.push(sd); }
  }
  const kept: number[] = [];
  const duplicates: DuplicateColumn[] = [];
  for (let s = 0; s < spread.length; s++) {
    const j = at[spread[s]!]!;
    let twin: { k: number; r: number } | undefined;
    for (const k of kept) {
      const r = pearson(z, rows, cols, j, at[spread[k]!]!, means[s]!, sds[s]!, means[k]!, sds[k]!);
      if (Math.abs(r) >= NEAR_DUPLICATE_R) { twin = { k, r }; break; }
    }
    if (twin) duplicates.push({ feature: candidates[spread[s]!]!, of: candidates[spread[twin.k]!]!, r: twin.r });
    else kept.push(s);
  }
  const features = kept.map((s) => candidates[spread[s]!]!);
  const blocks = features.map((f) => blockOf(f));
  const perBlock = new Map<string, number>();
  for (const b of blocks) perBlock.set(b, (perBlock.get(b) ?? 0) + 1);
  const weights = Float64Array.from(blocks, (b) => 1 / Math.sqrt(perBlock.get(b)!));
  return { features, blocks, weights, constant, duplicates };
}

function pearson(
  z: Float64Array, rows: number, cols: number, a: number, b: number,
  meanA: number, sdA: number, meanB: number, sdB: number,
): number {
  let s = 0;
  for (let i = 0; i < rows; i++) s += (z[i * cols + a]! - meanA) * (z[i * cols + b]! - meanB);
  return s / rows / (sdA * sdB);
}
