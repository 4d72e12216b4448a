import type * as tf from '@tensorflow/tfjs';
import type { FeatureRows } from './feature-rows.js';
import type { NetworkPass } from './forward-pass.js';

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
 * Rows (or explained outputs) computed side by side. A sum of products is a chain of dependent
 * additions, so one row at a time waits on the adder's latency; four independent chains keep it
 * busy. Each row still sums its own terms in the same order, so results are bit for bit those of
 * one row at a time.
 */
const LANES = 4;

/**
 * A trained dense network's kernels, read once, for exact per-row gradients by backpropagation in
 * plain loops over the activations of tfjs' own forward pass (forwardPass). Measured at 100,000
 * clients, tf.grad on chunks explained about 19,000 rows/s on the wasm backend; these loops need
 * a few thousand multiply-adds per row, several times faster, which scoring a million clients
 * needs. Taking the activations from tfjs rather than a second forward pass in float64 (mostly
 * Math.tanh) cut a 1M-client score on one thread from 12.4 to 10.0 s, and explains exactly the
 * logits shown.
 *
 * @example
 * const net = DenseNetwork.fromModel(model, 'tanh');
 * const attr = net.attributions(rows, forwardPass(layers, rows), (i, z, g) => { g.fill(0); g[2] = 1; return true; });
 */
export class DenseNetwork {
  private constructor(
    private readonly kernels: readonly Float64Array[],
    private readonly sizes: readonly number[],
    private readonly activation: Activation,
  ) {}

  static fromModel(model: tf.LayersModel, activation: Activation): DenseNetwork {
    const weights = model.getWeights();
    const kernels: Float64Array[] = [];
    const sizes: number[] = [];
    // Weights alternate kernel, bias; the biases are already in the pass's activations.
    for (let l = 0; l < weights.length; l += 2) {
      const [inputs, units] = weights[l]!.shape as [number, number];
      if (l === 0) sizes.push(inputs);
      sizes.push(units);
      kernels.push(Float64Array.from(weights[l]!.dataSync()));
    }
    return new DenseNetwork(kernels, sizes, activation);
  }

  /**
   * Gradient × input of each row's explained score, reduced to the `top` strongest features;
   * `pass` is this network's forward pass over `x`.
   */
  attributions(x: FeatureRows, pass: NetworkPass, outputGradient: OutputGradient, top = 4): TopAttributions {
    const layers = this.kernels.length;
    const outputs = this.sizes[layers]!;
    const d = x.cols;
    const k = Math.min(top, d);
    const feature = new Int32Array(x.rows * top).fill(-1);
    const value = new Float32Array(x.rows * top);
    const acts = this.sizes.map((n) => new Float64Array(LANES * n));
    const grads = this.sizes.map((n) => new Float64Array(LANES * n));
    const logits = Array.from({ length: LANES }, (_, r) => acts[layers]!.subarray(r * outputs, (r + 1) * outputs));
    const outGrads = Array.from({ length: LANES }, (_, r) => grads[layers]!.subarray(r * outputs, (r + 1) * outputs));
    const laneRow = Int32Array.from({ length: LANES }, (_, r) => r);
    const rowOf = new Int32Array(LANES);
    const explained = new Uint8Array(LANES);
    const attr = new Float64Array(d);
    const order = new Int32Array(d);
    for (let i0 = 0; i0 < x.rows; i0 += LANES) {
      // A short last block repeats its last row; the extra lanes are computed and dropped.
      for (let r = 0; r < LANES; r++) rowOf[r] = Math.min(i0 + r, x.rows - 1);
      this.loadActivations(x, pass, rowOf, acts);
      let any = false;
      for (let r = 0; r < LANES; r++) {
        const wanted = i0 + r < x.rows && outputGradient(i0 + r, logits[r]!, outGrads[r]!);
        if (!wanted) outGrads[r]!.fill(0);
        explained[r] = wanted ? 1 : 0;
        any ||= wanted;
      }
      if (!any) continue;
      for (let l = layers - 1; l >= 0; l--) this.backward(l, acts[l]!, laneRow, grads[l + 1]!, grads[l]!, l > 0);
      for (let r = 0; r < LANES; r++) {
        if (!explained[r]) continue;
        for (let j = 0; j < d; j++) attr[j] = grads[0]![r * d + j]! * acts[0]![r * d + j]!;
        selectTop(attr, order, k, feature, value, (i0 + r) * top);
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
    const layers = this.kernels.length;
    const outputs = this.sizes[layers]!;
    const d = x.cols;
    const k = Math.min(top, d);
    const acts = this.sizes.map((n) => new Float64Array(LANES * n));
    const grads = this.sizes.map((n) => new Float64Array(LANES * n));
    const attr = new Float64Array(d);
    const order = new Int32Array(d);
    const features = new Int32Array(k);
    const values = new Float64Array(k);
    const rowOf = new Int32Array(LANES);
    // Explained (lane of the forward block, output) pairs, backpropagated LANES at a time.
    const jobLane = new Int32Array(LANES * outputs);
    const jobOutput = new Int32Array(LANES * outputs);
    const groupLane = new Int32Array(LANES);
    const groupOutput = new Int32Array(LANES);
    let filled = 0;
    const flush = (): void => {
      if (filled === 0) return;
      for (let r = filled; r < LANES; r++) rowOf[r] = rowOf[filled - 1]!;
      this.loadActivations(x, pass, rowOf, acts);
      let jobs = 0;
      for (let r = 0; r < filled; r++) {
        for (let o = 0; o < outputs; o++) {
          if (!explain(rowOf[r]!, o)) continue;
          jobLane[jobs] = r;
          jobOutput[jobs++] = o;
        }
      }
      for (let j0 = 0; j0 < jobs; j0 += LANES) {
        const n = Math.min(LANES, jobs - j0);
        for (let g = 0; g < LANES; g++) {
          groupLane[g] = jobLane[j0 + Math.min(g, n - 1)]!;
          groupOutput[g] = jobOutput[j0 + Math.min(g, n - 1)]!;
        }
        this.backwardUnit(layers - 1, acts[layers - 1]!, groupLane, groupOutput, outputs, grads[layers - 1]!, layers > 1);
        for (let l = layers - 2; l >= 0; l--) this.backward(l, acts[l]!, groupLane, grads[l + 1]!, grads[l]!, l > 0);
        for (let g = 0; g < n; g++) {
          const lane = groupLane[g]!;
          for (let j = 0; j < d; j++) attr[j] = grads[0]![g * d + j]! * acts[0]![lane * d + j]!;
          emit(rowOf[lane]!, groupOutput[g]!, features, values, selectTop(attr, order, k, features, values, 0));
        }
      }
      filled = 0;
    };
    for (let i = 0; i < x.rows; i++) {
      let any = false;
      for (let o = 0; o < outputs && !any; o++) any = explain(i, o);
      if (!any) continue;
      rowOf[filled++] = i;
      if (filled === LANES) flush();
    }
    flush();
  }

  /**
   * Lane r of every layer gets row rowOf[r]: the inputs from x (non-finite values read as 0, as
   * tfjs was fed them), the hidden activations and logits from the pass.
   */
  private loadActivations(x: FeatureRows, pass: NetworkPass, rowOf: Int32Array, acts: readonly Float64Array[]): void {
    const d = x.cols;
    const input = acts[0]!;
    for (let r = 0; r < LANES; r++) {
      const src = rowOf[r]! * d;
      for (let j = 0; j < d; j++) {
        const v = x.values[src + j]!;
        input[r * d + j] = Number.isFinite(v) ? v : 0;
      }
    }
    const layers = this.kernels.length;
    for (let l = 1; l <= layers; l++) {
      const from = l < layers ? pass.hidden[l - 1]! : pass.logits;
      const units = this.sizes[l]!;
      const to = acts[l]!;
      for (let r = 0; r < LANES; r++) {
        const src = rowOf[r]! * units;
        for (let q = 0; q < units; q++) to[r * units + q] = from[src + q]!;
      }
    }
  }

  /**
   * Lane g: gradIn = W · gradOut, times the activation's derivative at lane g's row of `input`
   * (row laneRow[g]) when `input` is a hidden layer's output.
   */
  private backward(l: number, input: Float64Array, laneRow: Int32Array, gradOut: Float64Array, gradIn: Float64Array, hidden: boolean): void {
    const w = this.kernels[l]!;
    const n = this.sizes[l]!;
    const units = this.sizes[l + 1]!;
    for (let p = 0; p < n; p++) {
      const at = p * units;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let q = 0; q < units; q++) {
        const wq = w[at + q]!;
        s0 += wq * gradOut[q]!;
        s1 += wq * gradOut[units + q]!;
        s2 += wq * gradOut[2 * units + q]!;
        s3 += wq * gradOut[3 * units + q]!;
      }
      gradIn[p] = s0; gradIn[n + p] = s1; gradIn[2 * n + p] = s2; gradIn[3 * n + p] = s3;
    }
    if (hidden) this.timesDerivative(input, laneRow, gradIn, n);
  }

  /**
   * backward() of the last layer for a unit gradient on output laneOutput[g]: W · e_o is column o
   * of the kernel, bit for bit (the other terms add zeros), without the multiply-adds.
   */
  private backwardUnit(l: number, input: Float64Array, laneRow: Int32Array, laneOutput: Int32Array, units: number, gradIn: Float64Array, hidden: boolean): void {
    const w = this.kernels[l]!;
    const n = this.sizes[l]!;
    for (let g = 0; g < LANES; g++) {
      const o = laneOutput[g]!;
      for (let p = 0; p < n; p++) gradIn[g * n + p] = w[p * units + o]!;
    }
    if (hidden) this.timesDerivative(input, laneRow, gradIn, n);
  }

  private timesDerivative(input: Float64Array, laneRow: Int32Array, grad: Float64Array, n: number): void {
    for (let g = 0; g < LANES; g++) {
      const at = laneRow[g]! * n;
      if (this.activation === 'tanh') {
        for (let p = 0; p < n; p++) { const y = input[at + p]!; grad[g * n + p] = grad[g * n + p]! * (1 - y * y); }
      } else {
        for (let p = 0; p < n; p++) grad[g * n + p] = grad[g * n + p]! * derivative(this.activation, input[at + p]!);
      }
    }
  }
}

/** The activation's derivative, from its output y. */
function derivative(kind: Activation, y: number): number {
  if (kind === 'tanh') return 1 - y * y;
  if (kind === 'relu') return y > 0 ? 1 : 0;
  return y > 0 ? 1 : y + 1;
}

/**
 * A partial selection sort by |value| into `features`/`values` at `at`; returns how many were
 * non-zero. Top is tiny, and ties keep column order so output is stable.
 */
function selectTop(attr: Float64Array, order: Int32Array, k: number, features: Int32Array, values: Float64Array | Float32Array, at: number): number {
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
