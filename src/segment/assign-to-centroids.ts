/**
 * Nearest centroid (squared Euclidean) for each row of a row-major `rows × cols` matrix.
 * No allocation per row: pass `out` (and `nearestSqDist`) to reuse buffers across chunks.
 * Ties go to the lower centroid index. Inputs are trusted; `KMeansModel.assign` validates.
 *
 * @example
 * assignToCentroids(Float64Array.of(0, 9), 2, 1, Float64Array.of(1, 10), 2); // Int32Array [0, 1]
 */
export function assignToCentroids(
  data: Float64Array,
  rows: number,
  cols: number,
  centroids: Float64Array,
  k: number,
  out: Int32Array = new Int32Array(rows),
  nearestSqDist?: Float64Array,
): Int32Array {
  for (let i = 0; i < rows; i++) {
    const oi = i * cols;
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      const oc = c * cols;
      let d = 0;
      for (let j = 0; j < cols; j++) {
        const t = data[oi + j]! - centroids[oc + j]!;
        d += t * t;
        // Partial sums only grow, so a centroid already worse than the best can stop early.
        if (d >= bestD) break;
      }
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    out[i] = best;
    if (nearestSqDist) nearestSqDist[i] = bestD;
  }
  return out;
}

/**
 * Squared Euclidean distance from every row to every centroid, row-major `rows × k`.
 *
 * @example
 * distancesToCentroids(Float64Array.of(0), 1, 1, Float64Array.of(1, 3), 2); // Float64Array [1, 9]
 */
export function distancesToCentroids(
  data: Float64Array,
  rows: number,
  cols: number,
  centroids: Float64Array,
  k: number,
  out: Float64Array = new Float64Array(rows * k),
): Float64Array {
  for (let i = 0; i < rows; i++) {
    const oi = i * cols;
    for (let c = 0; c < k; c++) {
      const oc = c * cols;
      let d = 0;
      for (let j = 0; j < cols; j++) {
        const t = data[oi + j]! - centroids[oc + j]!;
        d += t * t;
      }
      out[i * k + c] = d;
    }
  }
  return out;
}
