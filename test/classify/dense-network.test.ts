import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildMlp } from '../../src/classify/build-mlp.js';
import { DenseNetwork } from '../../src/classify/dense-network.js';
import { everyLayerModel, forwardPass } from '../../src/classify/forward-pass.js';
import { initBackend } from '../../src/classify/init-backend.js';
import { Rng } from '../../src/core/rng.js';

/** tf.grad's gradient × input for one output, the reference the hand-written backprop must match. */
function tfGradTimesInput(model: tf.LayersModel, x: Float32Array, rows: number, cols: number, output: number): Float32Array {
  const result = tf.tidy(() => {
    const xt = tf.tensor2d(x, [rows, cols]);
    const grad = tf.grad((xx: tf.Tensor) => tf.sum((model.apply(xx) as tf.Tensor2D).slice([0, output], [-1, 1])))(xt);
    return tf.mul(grad, xt);
  });
  const data = result.dataSync() as Float32Array;
  result.dispose();
  return data;
}

describe('DenseNetwork', () => {
  for (const activation of ['tanh', 'relu', 'elu'] as const) {
    it(`gives tf.grad's gradient × input exactly enough for ${activation}`, async () => {
      await initBackend('auto');
      const rows = 50, cols = 6;
      const model = buildMlp({ inputs: cols, hiddenUnits: [8, 5], activation, outputs: 3, l2: 0 }, [1, 2, 3]);
      const rng = new Rng(9);
      const x = Float32Array.from({ length: rows * cols }, () => rng.normal());
      const net = DenseNetwork.fromModel(model, activation);
      const rowsIn = { names: ['a', 'b', 'c', 'd', 'e', 'f'], rows, cols, values: x };
      const layers = everyLayerModel(model);
      const attr = net.attributions(rowsIn, forwardPass(layers, rowsIn), (_i, _z, g) => { g.fill(0); g[1] = 1; return true; }, cols);
      const reference = tfGradTimesInput(model, x, rows, cols, 1);
      for (let i = 0; i < rows; i++) {
        for (let r = 0; r < cols; r++) {
          const j = attr.feature[i * cols + r]!;
          if (j < 0) continue;
          expect(attr.value[i * cols + r]!).toBeCloseTo(reference[i * cols + j]!, 4);
        }
        // Strongest first.
        expect(Math.abs(attr.value[i * cols]!)).toBeGreaterThanOrEqual(Math.abs(attr.value[i * cols + 1]!));
      }
      net.dispose();
      model.dispose();
    });
  }
});
