import * as tf from '@tensorflow/tfjs';
import type { MlpSpec } from './build-mlp.js';
import { buildMlp } from './build-mlp.js';
import type { LossFn } from './train-ensemble.js';

/**
 * M seeded networks of one architecture held as stacked variables and trained side by side:
 * layer 0 is one kernel of all members' units (inputs × M·h₀), every later layer a batch of M
 * kernels (M × h_{l−1} × h_l) applied with one batched matMul. Each member's gradient comes from
 * its own loss only, so this trains the members apart, with a handful of tfjs ops per step
 * instead of M times as many (a tfjs layers model with M branches cost 20 ms a step on wasm).
 *
 * @example
 * const ens = new MemberEnsemble({ inputs: 12, hiddenUnits: [32, 16], activation: 'tanh', outputs: 3, l2: 1e-4 }, [[1, 2, 3], [4, 5, 6]]);
 */
export class MemberEnsemble {
  readonly members: number;
  private readonly kernels: tf.Variable[] = [];
  private readonly biases: tf.Variable[] = [];

  /** `seeds[m]` seeds member m's layers, one seed per layer, with buildMlp's initializers. */
  constructor(readonly spec: MlpSpec, seeds: readonly (readonly number[])[]) {
    this.members = seeds.length;
    const units = [...spec.hiddenUnits, spec.outputs];
    units.forEach((out, l) => {
      const inp = l === 0 ? spec.inputs : units[l - 1]!;
      const hidden = l < spec.hiddenUnits.length;
      const init = (seed: number): tf.Tensor2D => (hidden && spec.activation !== 'tanh'
        ? tf.initializers.heNormal({ seed })
        : tf.initializers.glorotUniform({ seed })).apply([inp, out]) as tf.Tensor2D;
      const kernel = tf.tidy(() => {
        const each = seeds.map((s, m) => init(s[l] ?? m * units.length + l));
        return l === 0 ? tf.concat(each, 1) : tf.stack(each);
      });
      this.kernels.push(tf.variable(kernel));
      kernel.dispose();
      this.biases.push(tf.variable(l === 0 ? tf.zeros([this.members * out]) : tf.zeros([this.members, 1, out])));
    });
  }

  /** The members' logits, M × rows × outputs. */
  logits(x: tf.Tensor2D): tf.Tensor3D {
    return tf.tidy(() => {
      const m = this.members;
      const h0 = this.spec.hiddenUnits[0]!;
      let a: tf.Tensor = this.activate(tf.add(tf.matMul(x, this.kernels[0] as tf.Tensor2D), this.biases[0]!));
      a = tf.transpose(tf.reshape(a, [-1, m, h0]), [1, 0, 2]);
      for (let l = 1; l < this.kernels.length; l++) {
        a = tf.add(tf.matMul(a as tf.Tensor3D, this.kernels[l] as tf.Tensor3D), this.biases[l]!);
        if (l < this.kernels.length - 1) a = this.activate(a);
      }
      return a as tf.Tensor3D;
    });
  }

  /** The sum of each member's own loss on the batch, plus L2 on every kernel (as buildMlp's regulariser). */
  trainingLoss(loss: LossFn, x: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar {
    const m = this.members;
    const z = this.logits(x);
    const rows = x.shape[0];
    // Mean over M·rows rows of the stacked targets × M = the sum over members of each one's mean.
    let total = tf.mul(loss(tf.tile(y, [m, 1]), tf.reshape(z, [m * rows, -1])), m) as tf.Scalar;
    if (this.spec.l2 > 0) {
      for (const k of this.kernels) total = tf.add(total, tf.mul(this.spec.l2, tf.sum(tf.square(k))));
    }
    return total;
  }

  /** The ensemble's logits, the mean of the members', rows × outputs. */
  meanLogits(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.mean(this.logits(x), 0) as tf.Tensor2D);
  }

  get variables(): tf.Variable[] { return [...this.kernels, ...this.biases]; }

  /** A copy of every variable's values, to restore the best epoch's. */
  snapshot(): Float32Array[] {
    return this.variables.map((v) => (v.dataSync() as Float32Array).slice());
  }

  restore(values: readonly Float32Array[]): void {
    this.variables.forEach((v, i) => {
      const t = tf.tensor(values[i]!, v.shape);
      v.assign(t);
      t.dispose();
    });
  }

  /**
   * One dense network whose logits are the mean of the members': hidden layer l concatenates
   * the members' units (block-diagonal kernels below the first layer, zeros elsewhere) and the
   * output layer stacks each member's kernel divided by M, with the mean bias. Scoring, the
   * forward pass and the gradient × input backpropagation work on it unchanged, and its
   * attributions are exactly the mean of the members' (gradients are linear in the logits).
   */
  merge(): tf.Sequential {
    const { spec, members: m } = this;
    const merged = buildMlp({ ...spec, hiddenUnits: spec.hiddenUnits.map((u) => u * m), l2: 0 }, []);
    const units = [...spec.hiddenUnits, spec.outputs];
    const tensors: tf.Tensor[] = [];
    units.forEach((out, l) => {
      if (l === 0) {
        tensors.push(this.kernels[0]!.clone(), this.biases[0]!.clone());
        return;
      }
      const inp = units[l - 1]!;
      const last = l === units.length - 1;
      const rows = inp * m;
      const cols = last ? out : out * m;
      const w = this.kernels[l]!.dataSync() as Float32Array;
      const b = this.biases[l]!.dataSync() as Float32Array;
      const kernel = new Float32Array(rows * cols);
      const bias = new Float32Array(cols);
      for (let k = 0; k < m; k++) {
        const col0 = last ? 0 : k * out;
        for (let i = 0; i < inp; i++) {
          for (let j = 0; j < out; j++) {
            const v = w[(k * inp + i) * out + j]!;
            kernel[(k * inp + i) * cols + col0 + j] = last ? v / m : v;
          }
        }
        for (let j = 0; j < out; j++) bias[col0 + j] = last ? bias[j]! + b[k * out + j]! / m : b[k * out + j]!;
      }
      tensors.push(tf.tensor2d(kernel, [rows, cols]), tf.tensor1d(bias));
    });
    merged.setWeights(tensors);
    tensors.forEach((t) => t.dispose());
    return merged;
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }

  private activate(t: tf.Tensor): tf.Tensor {
    switch (this.spec.activation) {
      case 'tanh': return tf.tanh(t);
      case 'relu': return tf.relu(t);
      case 'elu': return tf.elu(t);
    }
  }
}
