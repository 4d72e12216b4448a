import { Rng } from '../../src/core/rng.js';
import type { FeatureRows } from '../../src/classify/feature-rows.js';

/** Standard-normal features f0…f(d−1), like standardised client features. */
export function gaussianRows(n: number, d: number, seed: string): FeatureRows & { values: Float64Array } {
  const rng = new Rng(seed);
  const values = new Float64Array(n * d);
  for (let i = 0; i < values.length; i++) values[i] = rng.normal();
  return { names: Array.from({ length: d }, (_, j) => `f${j}`), rows: n, cols: d, values };
}

/**
 * Three risk classes cut from the score 2·f0 + f1 − 0.5·f2 at ±0.8 (shares ≈ 0.35 / 0.30 / 0.35);
 * then a `noise` share of labels is replaced by one of the two other classes, drawn uniformly.
 */
export function riskLabels(x: FeatureRows, noise: number, seed: string): { labels: Int32Array; clean: Int32Array } {
  const rng = new Rng(seed);
  const clean = new Int32Array(x.rows);
  const labels = new Int32Array(x.rows);
  const v = x.values;
  for (let i = 0; i < x.rows; i++) {
    const s = 2 * v[i * x.cols]! + v[i * x.cols + 1]! - 0.5 * v[i * x.cols + 2]!;
    const c = s < -0.8 ? 0 : s < 0.8 ? 1 : 2;
    clean[i] = c;
    labels[i] = rng.bernoulli(noise) ? (c + 1 + rng.int(2)) % 3 : c;
  }
  return { labels, clean };
}

/** Need j is taken up with probability sigmoid(−3 + 3·f_j): a rare need driven by one feature. */
export function plantedNeeds(x: FeatureRows, needs: number, seed: string): Uint8Array {
  const rng = new Rng(seed);
  const y = new Uint8Array(x.rows * needs);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < needs; j++) {
      const z = -3 + 3 * x.values[i * x.cols + j]!;
      y[i * needs + j] = rng.bernoulli(1 / (1 + Math.exp(-z))) ? 1 : 0;
    }
  }
  return y;
}
