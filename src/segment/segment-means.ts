/**
 * Each segment's mean of every column of row-major `rows × cols` data: a `k × cols` matrix, 0 for
 * a segment with no rows.
 *
 * @example
 * segmentMeans(Float64Array.of(1, 3, 5), 3, 1, Int32Array.of(0, 0, 1), 2); // [2, 5]
 */
export function segmentMeans(data: Float64Array, rows: number, cols: number, labels: Int32Array, k: number): Float64Array {
  const sums = new Float64Array(k * cols);
  const counts = new Float64Array(k);
  for (let i = 0; i < rows; i++) {
    const c = labels[i]!;
    counts[c]! += 1;
    for (let j = 0; j < cols; j++) sums[c * cols + j]! += data[i * cols + j]!;
  }
  return Float64Array.from(sums, (s, at) => (counts[Math.floor(at / cols)]! > 0 ? s / counts[Math.floor(at / cols)]! : 0));
}
