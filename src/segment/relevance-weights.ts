/**
 * The share of each column's variance that a labelling explains (R², between-segment over total
 * sum of squares), on row-major `rows × cols` data. A column with no spread gets 0.
 *
 * @example
 * explainedShare(Float64Array.of(0, 5, 2, 5), 2, 2, Int32Array.of(0, 1), 2); // [1, 0]
 */
export function explainedShare(data: Float64Array, rows: number, cols: number, labels: Int32Array, k: number): Float64Array {
  const sums = new Float64Array(k * cols);
  const counts = new Float64Array(k);
  const total = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const c = labels[i]!;
    counts[c]! += 1;
    for (let j = 0; j < cols; j++) {
      const x = data[i * cols + j]!;
      sums[c * cols + j]! += x;
      total[j]! += x;
    }
  }
  const within = new Float64Array(cols);
  const all = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const c = labels[i]!;
    for (let j = 0; j < cols; j++) {
      const x = data[i * cols + j]!;
      within[j]! += (x - sums[c * cols + j]! / counts[c]!) ** 2;
      all[j]! += (x - total[j]! / rows) ** 2;
    }
  }
  return Float64Array.from(all, (ss, j) => (ss > 0 ? Math.max(0, 1 - within[j]! / ss) : 0));
}
