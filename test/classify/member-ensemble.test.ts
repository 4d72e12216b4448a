import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DenseNetwork } from '../../src/classify/dense-network.js';
import { everyLayerModel, forwardPass } from '../../src/classify/forward-pass.js';
import { initBackend } from '../../src/classify/init-backend.js';
import { weightedSoftmaxLoss } from '../../src/classify/losses.js';
import { MemberEnsemble } from '../../src/classify/member-ensemble.js';
import { predictLogits } from '../../src/classify/predict-logits.js';
import { trainEnsembleFor } from '../../src/classify/train-ensemble.js';
import { Rng } from '../../src/core/rng.js';

beforeAll(async () => { await initBackend('auto'); });

const rows = 40, cols = 5;
const rng = new Rng('ensemble');
const x = Float32Array.from({ length: rows * cols }, () => rng.normal());
const names = ['a', 'b', 'c', 'd', 'e'];

describe('MemberEnsemble', () => {
  for (const activation of ['tanh', 'relu'] as const) {
    it(`merges into one network whose logits and gradient × input are the members' mean (${activation})`, async () => {
      const ens = new MemberEnsemble({ inputs: cols, hiddenUnits: [6, 4], activation, outputs: 3, l2: 0 }, [[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
      // Train a little so biases are not zero and the members differ beyond their start.
      const labels = tf.oneHot(tf.tensor1d(Int32Array.from({ length: rows }, (_, i) => i % 3), 'int32'), 3).toFloat() as tf.Tensor2D;
      const xt = tf.tensor2d(x, [rows, cols]);
      const weights = tf.tensor1d([1, 1, 1]);
      await trainEnsembleFor(ens, xt, labels, Uint32Array.from({ length: rows }, (_, i) => i), 3 * rows, weightedSoftmaxLoss(weights), { learningRate: 0.05, batchSize: 8 }, new Rng(1));
      const merged = ens.merge();
      try {
        expect(merged.layers.map((l) => l.getWeights()[0]!.shape)).toStrictEqual([[5, 18], [18, 12], [12, 3]]);
        const input = { names, rows, cols, values: x };
        const mean = ens.meanLogits(xt);
        const logits = predictLogits(merged, input, 3);
        const expected = mean.dataSync();
        for (let i = 0; i < logits.length; i++) expect(logits[i]!).toBeCloseTo(expected[i]!, 5);
        mean.dispose();

        // tf.grad of each member's output-1 logit × input, averaged: the reference.
        const reference = tf.tidy(() => {
          const grads = [0, 1, 2].map((m) => tf.grad((xx: tf.Tensor) => tf.sum(ens.logits(xx as tf.Tensor2D).slice([m, 0, 1], [1, -1, 1])))(xt));
          return tf.mul(tf.div(tf.addN(grads), 3), xt);
        });
        const ref = reference.dataSync();
        reference.dispose();
        const net = DenseNetwork.fromModel(merged, activation);
        const attr = net.attributions(input, forwardPass(everyLayerModel(merged), input), (_i, _z, g) => { g.fill(0); g[1] = 1; return true; }, cols);
        for (let i = 0; i < rows; i++) {
          for (let r = 0; r < cols; r++) {
            const j = attr.feature[i * cols + r]!;
            if (j >= 0) expect(attr.value[i * cols + r]!).toBeCloseTo(ref[i * cols + j]!, 4);
          }
        }
        net.dispose();
      } finally {
        merged.dispose(); ens.dispose(); xt.dispose(); labels.dispose(); weights.dispose();
      }
    });
  }

  it('trains each member as if alone: a member of two matches the same member trained by itself', async () => {
    const xt = tf.tensor2d(x, [rows, cols]);
    const labels = tf.oneHot(tf.tensor1d(Int32Array.from({ length: rows }, (_, i) => (x[i * cols]! > 0 ? 1 : 0)), 'int32'), 2).toFloat() as tf.Tensor2D;
    const weights = tf.tensor1d([1, 2]);
    const all = Uint32Array.from({ length: rows }, (_, i) => i);
    const spec = { inputs: cols, hiddenUnits: [4], activation: 'tanh' as const, outputs: 2, l2: 1e-3 };
    const pair = new MemberEnsemble(spec, [[11, 12], [21, 22]]);
    const alone = new MemberEnsemble(spec, [[21, 22]]);
    try {
      for (const ens of [pair, alone]) await trainEnsembleFor(ens, xt, labels, all, 5 * rows, weightedSoftmaxLoss(weights), { learningRate: 0.02, batchSize: 16 }, new Rng('order'));
      const both = pair.logits(xt);
      const one = alone.logits(xt);
      const second = both.slice([1, 0, 0], [1, -1, -1]).dataSync();
      const single = one.dataSync();
      for (let i = 0; i < single.length; i++) expect(second[i]!).toBeCloseTo(single[i]!, 5);
      const first = both.slice([0, 0, 0], [1, -1, -1]).dataSync();
      expect(Math.abs(first[0]! - single[0]!)).toBeGreaterThan(1e-4);
      both.dispose(); one.dispose();
    } finally {
      pair.dispose(); alone.dispose(); xt.dispose(); labels.dispose(); weights.dispose();
    }
  });
});
