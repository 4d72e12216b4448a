import { PipelineError } from '../core/errors.js';

/**
 * Adjusted Rand index of two labelings of the same points (Hubert & Arabie, 1985): 1 for the same
 * partition up to renaming, about 0 for independent ones, negative when worse than chance.
 * Label values are compared by identity only, so they need not be 0..k-1.
 * The degenerate cases where the index is undefined (both labelings put every point in one
 * cluster, or every point in its own) count as perfect agreement, as in scikit-learn.
 *
 * @example
 * adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0]); // 1
 */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    throw new PipelineError('input_invalid', `the two labelings have different lengths (${a.length} and ${b.length}); compare labels of the same points`, { lengthA: a.length, lengthB: b.length });
  }
  const n = a.length;
  if (n < 2) return 1;
  const ia = denseIds(a);
  const ib = denseIds(b);
  const kb = ib.count;
  const table = new Float64Array(ia.count * kb);
  for (let i = 0; i < n; i++) table[ia.ids[i]! * kb + ib.ids[i]!]! += 1;
  let sumCells = 0;
  for (const c of table) sumCells += pairs(c);
  const rowSums = new Float64Array(ia.count);
  const colSums = new Float64Array(kb);
  for (let r = 0; r < ia.count; r++) {
    for (let c = 0; c < kb; c++) {
      const v = table[r * kb + c]!;
      rowSums[r]! += v;
      colSums[c]! += v;
    }
  }
  let sumRows = 0;
  for (const v of rowSums) sumRows += pairs(v);
  let sumCols = 0;
  for (const v of colSums) sumCols += pairs(v);
  const expected = (sumRows * sumCols) / pairs(n);
  const max = (sumRows + sumCols) / 2;
  if (max === expected) return 1;
  return (sumCells - expected) / (max - expected);
}

function pairs(x: number): number {
  return (x * (x - 1)) / 2;
}

function denseIds(labels: ArrayLike<number>): { ids: Int32Array; count: number } {
  const seen = new Map<number, number>();
  const ids = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i]!;
    let id = seen.get(v);
    if (id === undefined) {
      id = seen.size;
      seen.set(v, id);
    }
    ids[i] = id;
  }
  return { ids, count: seen.size };
}
