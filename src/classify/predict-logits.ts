import * as tf from '@tensorflow/tfjs';
import type { FeatureRows } from './feature-rows.js';
import { rowsToFloat32 } from './feature-rows.js';

/** Rows per predictOnBatch call: model.predict's default batch of 32 is ~150× slower (DESIGN.md). */
export const PREDICT_CHUNK = 8192;

/**
 * The network's logits for every row (n × outputs, row-major), computed on chunks of
 * PREDICT_CHUNK rows inside tf.tidy so memory stays flat however many clients are scored.
 *
 * @example
 * const logits = predictLogits(model, rows, 3); // Float32Array of rows.rows * 3
 */
export function predictLogits(model: tf.LayersModel, x: FeatureRows, outputs: number, index?: Uint32Array): Float32Array {
  const n = index ? index.length : x.rows;
  const out = new Float32Array(n * outputs);
  for (let from = 0; from < n; from += PREDICT_CHUNK) {
    const to = Math.min(n, from + PREDICT_CHUNK);
    // tidy returns the tensor, not its data: tidy walks whatever it returns, element by element.
    const logits = tf.tidy(() => {
      const input = tf.tensor2d(rowsToFloat32(x, from, to, index), [to - from, x.cols]);
      return model.predictOnBatch(input) as tf.Tensor;
    });
    out.set(logits.dataSync(), from * outputs);
    logits.dispose();
  }
  return out;
}
