import type { Rng } from '../core/rng.js';

/** Rows of a row-major matrix, and which original rows they are. */
export interface SampledMatrix {
  readonly data: Float64Array;
  readonly rows: number;
  /** Original row of each sampled row, in increasing order. */
  readonly index: Uint32Array;
}

/**
 * A seeded subsample of at most `size` rows without replacement, kept in row order, so the
 * clustering diagnostics cost the same on 100k clients as on 5k. All rows when there are fewer.
 */
export function sampleMatrix(data: Float64Array, rows: number, cols: number, size: number, rng: Rng): SampledMatrix {
  const index = rows <= size ? Uint32Array.from({ length: rows }, (_, i) => i) : rng.permutation(rows).subarray(0, size).sort();
  const out = new Float64Array(index.length * cols);
  for (let i = 0; i < index.length; i++) out.set(data.subarray(index[i]! * cols, (index[i]! + 1) * cols), i * cols);
  return { data: out, rows: index.length, index };
}
