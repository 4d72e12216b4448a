import { PipelineError } from '../core/errors.js';
import { checkShape } from './silhouette.js';

/**
 * Davies–Bouldin index (1979) with Euclidean distance: the mean over clusters of the worst ratio
 * (scatterᵢ + scatterⱼ) / ‖cᵢ − cⱼ‖, where scatter is the mean distance of a cluster's points to its
 * centroid. Lower is better, 0 is ideal. Clusters without points are left out; two coincident
 * centroids contribute 0 rather than infinity, as in scikit-learn.
 *
 * `data` is row-major (`rows × cols`), `centroids` row-major (`k × cols`), `labels` in 0..k-1.
 *
 * @example
 * daviesBouldin(Float64Array.of(0, 2, 10, 12), 4, 1, [0, 0, 1, 1], Float64Array.of(1, 11)); // 0.2
 */
export function daviesBouldin(
  data: Float64Array,
  rows: number,
  cols: number,
  labels: ArrayLike<number>,
  centroids: Float64Array,
): number {
  checkShape(data, rows, cols, labels);
  if (centroids.length % cols !== 0 || centroids.length === 0) {
    throw new PipelineError('input_invalid', `centroids hold ${centroids.length} values, not a multiple of ${cols} columns; pass k × cols centroids`, { length: centroids.length, cols });
  }
  const k = centroids.length / cols;
  const scatter = new Float64Array(k);
  const size = new Int32Array(k);
  for (let i = 0; i < rows; i++) {
    const l = labels[i]!;
    if (l >= k) {
      throw new PipelineError('input_invalid', `label ${l} at row ${i} has no centroid (k = ${k}); pass the centroids the labels refer to`, { row: i, label: l, k });
    }
    let d2 = 0;
    for (let c = 0; c < cols; c++) {
      const t = data[i * cols + c]! - centroids[l * cols + c]!;
      d2 += t * t;
    }
    scatter[l]! += Math.sqrt(d2);
    size[l]! += 1;
  }
  const used: number[] = [];
  for (let c = 0; c < k; c++) {
    if (size[c]! > 0) {
      scatter[c]! /= size[c]!;
      used.push(c);
    }
  }
  if (used.length < 2) {
    throw new PipelineError('input_invalid', 'Davies–Bouldin needs points in at least 2 clusters; fit more than one cluster', { clusters: used.length });
  }
  let total = 0;
  for (const i of used) {
    let worst = 0;
    for (const j of used) {
      if (i === j) continue;
      let d2 = 0;
      for (let c = 0; c < cols; c++) {
        const t = centroids[i * cols + c]! - centroids[j * cols + c]!;
        d2 += t * t;
      }
      const ratio = d2 > 0 ? (scatter[i]! + scatter[j]!) / Math.sqrt(d2) : 0;
      if (ratio > worst) worst = ratio;
    }
    total += worst;
  }
  return total / used.length;
}
