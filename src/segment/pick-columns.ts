/** The listed columns of a row-major matrix, as a new row-major matrix. */
export function pickColumns(values: Float64Array, rows: number, cols: number, columns: readonly number[]): Float64Array {
  const width = columns.length;
  const out = new Float64Array(rows * width);
  for (let i = 0; i < rows; i++) {
    const from = i * cols;
    const to = i * width;
    for (let j = 0; j < width; j++) out[to + j] = values[from + columns[j]!]!;
  }
  return out;
}
