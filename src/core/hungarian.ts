import { PipelineError } from './errors.js';

/**
 * Minimum-cost assignment (Hungarian algorithm, Kuhn–Munkres with potentials, O(n²·m)) for a
 * rectangular cost matrix: `result[row]` is the column given to that row, each column used at most
 * once. With more rows than columns the rows left without a column get -1. To maximise a score,
 * pass its negation.
 *
 * @example
 * hungarian([[4, 1, 3], [2, 0, 5], [3, 2, 2]]); // [1, 0, 2], total cost 5
 */
export function hungarian(cost: readonly (readonly number[])[]): number[] {
  const n = cost.length;
  if (n === 0) return [];
  const m = cost[0]!.length;
  for (let i = 0; i < n; i++) {
    const row = cost[i]!;
    if (row.length !== m) {
      throw new PipelineError('input_invalid', `cost row ${i} has ${row.length} entries, row 0 has ${m}; pass a rectangular matrix`, { row: i });
    }
    for (let j = 0; j < m; j++) {
      if (!Number.isFinite(row[j]!)) {
        throw new PipelineError('input_invalid', `cost[${i}][${j}] is not a finite number; use a large finite cost to discourage a pairing`, { row: i, col: j });
      }
    }
  }
  if (m === 0) return new Array<number>(n).fill(-1);
  if (n <= m) return solve(n, m, (i, j) => cost[i]![j]!);
  const byCol = solve(m, n, (i, j) => cost[j]![i]!);
  const out = new Array<number>(n).fill(-1);
  byCol.forEach((row, col) => { out[row] = col; });
  return out;
}

// e-maxx formulation, 1-based with row 0 / column 0 as the virtual start; requires n ≤ m.
function solve(n: number, m: number, a: (i: number, j: number) => number): number[] {
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1); // p[j]: row matched to column j (0 = none)
  const way = new Int32Array(m + 1);
  const minv = new Float64Array(m + 1);
  const used = new Uint8Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = a(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]!]! += delta;
          v[j]! -= delta;
        } else {
          minv[j]! -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const out = new Array<number>(n).fill(-1);
  for (let j = 1; j <= m; j++) if (p[j]! > 0) out[p[j]! - 1] = j - 1;
  return out;
}
