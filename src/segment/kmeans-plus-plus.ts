import type { Rng } from '../core/rng.js';

/**
 * Seeded greedy k-means++ starting centres (Arthur & Vassilvitskii, 2007; the greedy variant is
 * scikit-learn's default) on a row-major `rows × cols` matrix, returned row-major `k × cols`. Each
 * step draws `trials` candidates by D² weighting and keeps the one that lowers the total squared
 * distance most; plain k-means++ (`trials` 1) often puts two centres in one of several far-apart
 * groups. Flat arrays because ml-kmeans' own version is 11–20× slower at scale (DESIGN.md).
 * When every remaining point coincides with a chosen centre, the next one is drawn uniformly.
 * Inputs are trusted (`fitKMeans` validates): `1 ≤ k ≤ rows`.
 *
 * @example
 * const centres = kmeansPlusPlus(data, rows, cols, 6, rng.fork('init'));
 */
export function kmeansPlusPlus(
  data: Float64Array,
  rows: number,
  cols: number,
  k: number,
  rng: Rng,
  trials = 2 + Math.floor(Math.log(k)),
): Float64Array {
  const centres = new Float64Array(k * cols);
  const minD = new Float64Array(rows);
  const candD = Array.from({ length: trials }, () => new Float64Array(rows));
  let pick = rng.int(rows);
  centres.set(data.subarray(pick * cols, pick * cols + cols), 0);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    minD[i] = sqDist(data, i * cols, data, pick * cols, cols);
    total += minD[i]!;
  }
  for (let c = 1; c < k; c++) {
    if (!(total > 0)) {
      pick = rng.int(rows);
    } else {
      let bestTotal = Infinity;
      let bestTrial = 0;
      for (let t = 0; t < trials; t++) {
        const cand = drawWeighted(minD, total, rng);
        const buf = candD[t]!;
        let candTotal = 0;
        for (let i = 0; i < rows; i++) {
          const d = Math.min(minD[i]!, sqDist(data, i * cols, data, cand * cols, cols));
          buf[i] = d;
          candTotal += d;
        }
        if (candTotal < bestTotal) {
          bestTotal = candTotal;
          bestTrial = t;
          pick = cand;
        }
      }
      minD.set(candD[bestTrial]!);
      total = bestTotal;
    }
    centres.set(data.subarray(pick * cols, pick * cols + cols), c * cols);
    if (!(total > 0)) {
      // A uniform pick skipped the update above; keep minD exact for later steps.
      total = 0;
      for (let i = 0; i < rows; i++) {
        minD[i] = Math.min(minD[i]!, sqDist(data, i * cols, data, pick * cols, cols));
        total += minD[i]!;
      }
    }
  }
  return centres;
}

function drawWeighted(weights: Float64Array, total: number, rng: Rng): number {
  let u = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  // Rounding can leave u ≥ 0 at the end; take the last point with positive weight.
  let i = weights.length - 1;
  while (weights[i] === 0 && i > 0) i--;
  return i;
}

function sqDist(a: Float64Array, oa: number, b: Float64Array, ob: number, cols: number): number {
  let d = 0;
  for (let j = 0; j < cols; j++) {
    const t = a[oa + j]! - b[ob + j]!;
    d += t * t;
  }
  return d;
}
