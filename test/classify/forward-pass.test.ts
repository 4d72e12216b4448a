import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildMlp } from '../../src/classify/build-mlp.js';
import { everyLayerModel, forwardPass } from '../../src/classify/forward-pass.js';
import { initBackend } from '../../src/classify/init-backend.js';
import { predictLogits, PREDICT_CHUNK } from '../../src/classify/predict-logits.js';
import { Rng } from '../../src/core/rng.js';

describe('forwardPass', () => {
  it('gives the single-output model\'s logits bit for bit, and each hidden layer\'s activations', async () => {
    await initBackend('auto');
    const tensorsBefore = tf.memory().numTensors;
    const rows = PREDICT_CHUNK + 37, cols = 5;
    const model = buildMlp({ inputs: cols, hiddenUnits: [7, 4], activation: 'tanh', outputs: 3, l2: 0 }, [4, 5, 6]);
    const rng = new Rng('forward');
    const values = Float64Array.from({ length: rows * cols }, () => rng.normal());
    values[3] = Number.NaN;
    const x = { names: ['a', 'b', 'c', 'd', 'e'], rows, cols, values };
    const layers = everyLayerModel(model);
    try {
      const pass = forwardPass(layers, x);
      expect(pass.rows).toBe(rows);
      expect(pass.logits).toStrictEqual(predictLogits(model, x, 3));
      expect(pass.hidden.map((h) => h.length)).toStrictEqual([rows * 7, rows * 4]);
      // Layer 1 by hand: tanh(x · W + b), NaN read as 0 as tfjs is fed it.
      const [w, b] = model.getWeights().slice(0, 2).map((t) => t.dataSync());
      for (const i of [0, 1, rows - 1]) {
        for (let q = 0; q < 7; q++) {
          let s = b![q]!;
          for (let p = 0; p < cols; p++) s += (Number.isFinite(values[i * cols + p]!) ? values[i * cols + p]! : 0) * w![p * 7 + q]!;
          expect(pass.hidden[0]![i * 7 + q]!).toBeCloseTo(Math.tanh(s), 5);
        }
      }
    } finally {
      model.dispose();
    }
    // Nothing of the pass or the shared-weight view is left behind.
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
});
