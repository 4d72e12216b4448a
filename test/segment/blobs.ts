import { Rng } from '../../src/core/rng.js';

/** Seeded Gaussian blobs with known labels: `k` centres uniform in [-spread, spread]^cols, unit sd. */
export function blobs(k: number, perBlob: number, cols: number, seed: number, spread = 10): { data: Float64Array; labels: Int32Array; rows: number; centres: Float64Array } {
  const rng = new Rng(seed);
  const centres = new Float64Array(k * cols);
  for (let i = 0; i < centres.length; i++) centres[i] = rng.uniform(-spread, spread);
  const rows = k * perBlob;
  const order = rng.permutation(rows);
  const data = new Float64Array(rows * cols);
  const labels = new Int32Array(rows);
  for (let n = 0; n < rows; n++) {
    const i = order[n]!;
    const c = n % k;
    labels[i] = c;
    for (let j = 0; j < cols; j++) data[i * cols + j] = centres[c * cols + j]! + rng.normal();
  }
  return { data, labels, rows, centres };
}
