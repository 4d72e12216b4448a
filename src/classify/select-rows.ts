import type { FeatureRows } from './feature-rows.js';

/** The listed rows of a row-major matrix as FeatureRows (for fitting on a split). */
export function selectRows(x: FeatureRows, index: ArrayLike<number>): FeatureRows {
  const values = new Float32Array(index.length * x.cols);
  for (let r = 0; r < index.length; r++) {
    const from = index[r]! * x.cols;
    for (let j = 0; j < x.cols; j++) values[r * x.cols + j] = x.values[from + j]!;
  }
  return { names: x.names, rows: index.length, cols: x.cols, values };
}

/** The listed rows of a row-major Uint8/Int32/Float32 array with `width` values per row. */
export function selectValues<T extends Uint8Array | Int32Array | Float32Array>(values: T, width: number, index: ArrayLike<number>): T {
  const out = new (values.constructor as new (n: number) => T)(index.length * width);
  for (let r = 0; r < index.length; r++) {
    for (let j = 0; j < width; j++) out[r * width + j] = values[index[r]! * width + j]!;
  }
  return out;
}
