import * as tf from '@tensorflow/tfjs';
import type { FeatureRows } from './feature-rows.js';
import { rowsToFloat32 } from './feature-rows.js';
import { PREDICT_CHUNK } from './predict-logits.js';

/**
 * One tfjs forward pass over some rows, keeping every hidden layer's activations beside the
 * logits: the predictions and their explanations then come from the same numbers, and the
 * backpropagation that explains them (DenseNetwork) need not run the network again.
 */
export interface NetworkPass {
  readonly rows: number;
  /** Per hidden layer, rows × units, row-major. */
  readonly hidden: readonly Float32Array[];
  /** rows × outputs, row-major. */
  readonly logits: Float32Array;
  /** The rows the network read, when the model encodes its inputs (gradient × input multiplies these). */
  readonly input?: FeatureRows;
}

/**
 * The same network (sharing its weights) with every layer's output as an output. Its logits are
 * bit for bit the single-output model's: it runs the same ops (checked in
 * test/classify/forward-pass.test.ts), and extra outputs cost no measurable time on wasm. It owns
 * no tensors: disposing the model frees everything, and disposing the view as well would throw.
 */
export function everyLayerModel(model: tf.LayersModel): tf.LayersModel {
  return tf.model({ inputs: model.inputs, outputs: model.layers.map((layer) => layer.output as tf.SymbolicTensor) });
}

/**
 * Runs `layers` (from everyLayerModel) on every row, PREDICT_CHUNK rows per batch.
 *
 * @example
 * const pass = forwardPass(everyLayerModel(model), rows); // pass.hidden[0]: rows × first layer's units
 */
export function forwardPass(layers: tf.LayersModel, x: FeatureRows): NetworkPass {
  const sizes = layers.outputs.map((o) => o.shape[1] as number);
  const out = sizes.map((units) => new Float32Array(x.rows * units));
  for (let from = 0; from < x.rows; from += PREDICT_CHUNK) {
    const to = Math.min(x.rows, from + PREDICT_CHUNK);
    // tidy returns the tensors, not their data: tidy walks whatever it returns, element by element.
    const tensors = tf.tidy(() => layers.predictOnBatch(tf.tensor2d(rowsToFloat32(x, from, to), [to - from, x.cols])) as tf.Tensor[]);
    tensors.forEach((t, l) => {
      out[l]!.set(t.dataSync(), from * sizes[l]!);
      t.dispose();
    });
  }
  return { rows: x.rows, hidden: out.slice(0, -1), logits: out[out.length - 1]! };
}
