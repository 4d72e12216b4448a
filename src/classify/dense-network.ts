import * as tf from '@tensorflow/tfjs';
import type { FeatureRows } from './feature-rows.js';
import { rowsToFloat32 } from './feature-rows.js';
import type { NetworkPass } from './forward-pass.js';
import { PREDICT_CHUNK } from './predict-logits.js';

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
 * Sets `grad` to d(score)/d(logit) for the row, given its logits: what to explain for that row.
 * Returning false skips the row (no attributions).
 */
export type OutputGradient = (row: number, logits: Float64Array, grad: Float64Array) => boolean;

type Activation = 'relu' | 'tanh' | 'elu';

/**
 * A trained dense network's kernels, for exact per-row gradients × input by backpropagation over
 * the activations of tfjs' own forward pass (forwardPass), so the reasons explain exactly the
 * logits shown. The backward pass is three matrix products per block of rows on the tfjs backend,
 * not tf.grad (which explained about 19,000 rows/s on wasm, too slow for a million clients) nor
 * per-row loops in JavaScript (float64, about 1 ns a multiply-add: 40% of scoring's time); the
 * loops gave the same top features (test/classify/dense-network.test.ts checks against tf.grad).
 *
 * @example
 * const net = DenseNetwork.fromModel(model, 'tanh');
 * const attr = net.attributions(rows, forwardPass(layers, rows), (i, z, g) => { g.fill(0); g[2] = 1; return true; });
 */
export class DenseNetwork {
  private constructor(
    /** Kernel l transposed (units × inputs): a block of gradient rows times it is the layer below's. */
    private readonly kernelsT: readonly tf.Tensor2D[],
    private readonly sizes: readonly number[],
    private readonly activation: Activation,
  ) {}

  static fromModel(model: tf.LayersModel, activation: Activation): DenseNetwork {
    const weights = model.getWeights();
    const kernelsT: tf.Tensor2D[] = [];
    const sizes: number[] = [];
    // Weights alternate kernel, bias; the biases are already in the pass's activations.
    for (let l = 0; l < weights.length; l += 2) {
      const [inputs, units] = weights[l]!.shape as [number, number];
      if (l === 0) sizes.push(inputs);
      sizes.push(units);
      kernelsT.push(tf.keep(tf.transpose(weights[l] as tf.Tensor2D)));
    }
    return new DenseNetwork(kernelsT, sizes, activation);
  }

  /**
   * Gradient × input of each row's explained score, reduced to the `top` strongest features;
   * `pass` is this network's forward pass over `x`.
   */
  attributions(x: FeatureRows, pass: NetworkPass, outputGradient: OutputGradient, top = 4): TopAttributions {
    const outputs = this.sizes[this.sizes.length - 1]!;
    const d = x.cols;
    const k = Math.min(top, d);
    const feature = new Int32Array(x.rows * top).fill(-1);
    const value = new Float32Array(x.rows * top);
    const logits = new Float64Array(outputs);
    const grad = new Float64Array(outputs);
    const order = new Int32Array(d);
    for (let from = 0; from < x.rows; from += PREDICT_CHUNK) {
      const to = Math.min(x.rows, from + PREDICT_CHUNK);
      const outGrad = new Float32Array((to - from) * outputs);
      const wanted = new Uint8Array(to - from);
      for (let r = 0; r < to - from; r++) {
        for (let o = 0; o < outputs; o++) logits[o] = pass.logits[(from + r) * outputs + o]!;
        grad.fill(0);
        wanted[r] = outputGradient(from + r, logits, grad) ? 1 : 0;
        if (wanted[r]) outGrad.set(grad, r * outputs);
      }
      const attr = this.backward(x, pass, from, to, undefined, (kT) => tf.matMul(tf.tensor2d(outGrad, [to - from, outputs]), kT));
      for (let r = 0; r < to - from; r++) {
        if (wanted[r]) selectTop(attr.subarray(r * d, (r + 1) * d), order, k, feature, value, (from + r) * top);
      }
    }
    return { rows: x.rows, top, feature, value };
  }

  /**
   * One backward pass per output `explain(row, output)` asks for (unit gradient on that logit),
   * over `pass`, this network's forward pass over `x`. `emit` gets each explained (row, output)
   * with its `top` strongest features, in row order, then output order.
   */
  explainOutputs(
    x: FeatureRows,
    pass: NetworkPass,
    explain: (row: number, output: number) => boolean,
    emit: (row: number, output: number, features: Int32Array, values: Float64Array, count: number) => void,
    top = 4,
  ): void {
    const outputs = this.sizes[this.sizes.length - 1]!;
    const d = x.cols;
    const k = Math.min(top, d);
    const features = new Int32Array(k);
    const values = new Float64Array(k);
    const order = new Int32Array(d);
    for (let from = 0; from < x.rows; from += PREDICT_CHUNK) {
      const to = Math.min(x.rows, from + PREDICT_CHUNK);
      const jobRow: number[] = [];
      const jobOutput: number[] = [];
      for (let i = from; i < to; i++) {
        for (let o = 0; o < outputs; o++) {
          if (!explain(i, o)) continue;
          jobRow.push(i);
          jobOutput.push(o);
        }
      }
      if (jobRow.length === 0) continue;
      // A unit gradient on output o, through the last layer, is row o of its transposed kernel.
      const attr = this.backward(x, pass, from, to, Int32Array.from(jobRow), (kT) => tf.gather(kT, Int32Array.from(jobOutput)));
      for (let j = 0; j < jobRow.length; j++) {
        const count = selectTop(attr.subarray(j * d, (j + 1) * d), order, k, features, values, 0);
        emit(jobRow[j]!, jobOutput[j]!, features, values, count);
      }
    }
  }

  /** Frees the transposed kernels. */
  dispose(): void {
    for (const kT of this.kernelsT) kT.dispose();
  }

  /**
   * Gradient × input for the (row, explained output) jobs of rows from..to: `jobRows` lists each
   * job's row (undefined: one job per row, in order). `first` turns the last layer's transposed
   * kernel into the gradient at the last hidden layer's outputs (jobs × units); each layer below
   * multiplies by its activation's derivative at the job's row and by its transposed kernel.
   * Returns jobs × inputs, row-major.
   */
  private backward(
    x: FeatureRows, pass: NetworkPass, from: number, to: number, jobRows: Int32Array | undefined, first: (kernelT: tf.Tensor2D) => tf.Tensor2D,
  ): Float32Array {
    const layers = this.kernelsT.length;
    const result = tf.tidy(() => {
      // Each job's row of a block's activations, copied here: tf.gather on wasm took 19 ms for
      // 12,000 rows of 45 values, ten times the matrix products.
      const jobs = jobRows?.length ?? to - from;
      const atRows = (block: Float32Array, units: number): tf.Tensor2D => {
        if (jobRows === undefined) return tf.tensor2d(block, [jobs, units]);
        const rows = new Float32Array(jobs * units);
        for (let j = 0; j < jobs; j++) rows.set(block.subarray((jobRows[j]! - from) * units, (jobRows[j]! - from + 1) * units), j * units);
        return tf.tensor2d(rows, [jobs, units]);
      };
      let grad = first(this.kernelsT[layers - 1]!);
      for (let l = layers - 1; l >= 1; l--) {
        const units = this.sizes[l]!;
        grad = tf.mul(grad, this.derivativeAt(atRows(pass.hidden[l - 1]!.subarray(from * units, to * units), units)));
        grad = tf.matMul(grad, this.kernelsT[l - 1]!);
      }
      return tf.mul(grad, atRows(rowsToFloat32(x, from, to), x.cols));
    });
    const data = result.dataSync() as Float32Array;
    result.dispose();
    return data;
  }

  /** The activation's derivative, from its output y. */
  private derivativeAt(y: tf.Tensor2D): tf.Tensor2D {
    if (this.activation === 'tanh') return tf.sub(1, tf.square(y));
    if (this.activation === 'relu') return tf.cast(tf.greater(y, 0), 'float32') as tf.Tensor2D;
    return tf.where(tf.greater(y, 0), tf.onesLike(y), tf.add(y, 1)) as tf.Tensor2D;
  }
}

/**
 * A partial selection sort by |value| into `features`/`values` at `at`; returns how many were
 * non-zero. Top is tiny, and ties keep column order so output is stable.
 */
function selectTop(attr: Float32Array, order: Int32Array, k: number, features: Int32Array, values: Float64Array | Float32Array, at: number): number {
  const n = order.length;
  for (let j = 0; j < n; j++) order[j] = j;
  for (let s = 0; s < k; s++) {
    let best = s;
    let bestAbs = Math.abs(attr[order[s]!]!);
    for (let j = s + 1; j < n; j++) {
      const a = Math.abs(attr[order[j]!]!);
      if (a > bestAbs) { best = j; bestAbs = a; }
    }
    const tmp = order[s]!; order[s] = order[best]!; order[best] = tmp;
    const v = attr[order[s]!]!;
    if (v === 0) return s;
    features[at + s] = order[s]!;
    values[at + s] = v;
  }
  return k;
}
