import * as tf from '@tensorflow/tfjs';
import type { FeatureRows } from './feature-rows.js';
import { rowsToFloat32 } from './feature-rows.js';

/**
 * Each row's strongest features by |gradient × input|, strongest first: `feature[i * top + r]` is
 * the column of row i's r-th reason (-1 when the row has fewer non-zero attributions) and `value`
 * its signed attribution (positive: the feature raises the explained score).
 */
export interface TopAttributions {
  readonly rows: number;
  readonly top: number;
  readonly feature: Int32Array;
  readonly value: Float32Array;
}

/**
 * Per-row score to explain, for rows `from`..`to` of the input; its gradient with respect to the
 * chunk is the per-row gradient because rows never interact in these networks.
 */
export type RowScore = (x: tf.Tensor2D, from: number, to: number) => tf.Tensor1D;

const CHUNK = 4096;

/**
 * Gradient × input attributions (on standardised inputs, so 0 is the average client) for every
 * row, computed with tf.grad on chunks, reduced to the `top` largest by magnitude.
 *
 * @example
 * const attr = gradientAttributions((x) => model.apply(x).gather([0], 1).squeeze([1]), rows, 4);
 */
export function gradientAttributions(score: RowScore, x: FeatureRows, top = 4): TopAttributions {
  const n = x.rows;
  const d = x.cols;
  const k = Math.min(top, d);
  const feature = new Int32Array(n * top).fill(-1);
  const value = new Float32Array(n * top);
  const order = new Int32Array(d);
  for (let from = 0; from < n; from += CHUNK) {
    const to = Math.min(n, from + CHUNK);
    const attr = tf.tidy(() => {
      const xt = tf.tensor2d(rowsToFloat32(x, from, to), [to - from, d]);
      const grad = tf.grad((xx: tf.Tensor) => tf.sum(score(xx as tf.Tensor2D, from, to)))(xt);
      return tf.mul(grad, xt).dataSync() as Float32Array;
    });
    for (let r = 0; r < to - from; r++) {
      const base = r * d;
      for (let j = 0; j < d; j++) order[j] = j;
      // A partial selection sort: top is tiny, and ties keep column order so output is stable.
      for (let s = 0; s < k; s++) {
        let best = s;
        for (let j = s + 1; j < d; j++) {
          if (Math.abs(attr[base + order[j]!]!) > Math.abs(attr[base + order[best]!]!)) best = j;
        }
        const tmp = order[s]!; order[s] = order[best]!; order[best] = tmp;
        const v = attr[base + order[s]!]!;
        if (v === 0) break;
        feature[(from + r) * top + s] = order[s]!;
        value[(from + r) * top + s] = v;
      }
    }
  }
  return { rows: n, top, feature, value };
}
