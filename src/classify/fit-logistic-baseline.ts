import * as tf from '@tensorflow/tfjs';
import { chooseThreshold, DEFAULT_THRESHOLD_RULE, type DecisionThreshold, type ThresholdRule } from './decision-threshold.js';
import type { FeatureRows } from './feature-rows.js';
import { checkRows, rowsToFloat32 } from './feature-rows.js';
import { initBackend } from './init-backend.js';
import type { Rng } from '../core/rng.js';

export interface LogisticBaselineOptions {
  /** Passes over the rows; default 10 (a convex loss: enough on standardised inputs). */
  epochs?: number;
  /** Rows per Adam step; default 512. Full-batch steps cost ~70 ms each at 16,000 rows on wasm. */
  batchSize?: number;
  /** Adam learning rate; default 0.02. */
  learningRate?: number;
  /** L2 penalty on the coefficients (mean loss + l2 · Σ w²); default 1e-4, close to unpenalised. */
  l2?: number;
  /** Binary targets: the threshold rule, chosen on the training rows; default best F1. */
  threshold?: ThresholdRule;
}

/**
 * Multinomial logistic regression on the rows as given (standardised features, no encoding):
 * the baseline a network must beat. Weights start at zero and mini-batches are shuffled by the
 * seeded generator, so the same rows and seed give the same coefficients on a backend.
 */
export class LogisticBaseline {
  /** Use fitLogisticBaseline. */
  constructor(readonly classes: readonly string[], readonly weights: Float32Array, readonly bias: Float32Array, readonly threshold: DecisionThreshold | undefined) {}

  /** Class probabilities, rows × classes, row-major. */
  predictProba(x: FeatureRows): Float32Array {
    const c = this.classes.length, d = x.cols;
    const out = new Float32Array(x.rows * c);
    const z = new Float64Array(c);
    for (let i = 0; i < x.rows; i++) {
      let max = -Infinity;
      for (let k = 0; k < c; k++) {
        let s = this.bias[k]!;
        for (let j = 0; j < d; j++) {
          const v = x.values[i * d + j]!;
          if (Number.isFinite(v)) s += v * this.weights[j * c + k]!;
        }
        z[k] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let k = 0; k < c; k++) { z[k] = Math.exp(z[k]! - max); sum += z[k]!; }
      for (let k = 0; k < c; k++) out[i * c + k] = z[k]! / sum;
    }
    return out;
  }

  /** The most probable class per row, or for a binary target the threshold's side. */
  classesFrom(proba: Float32Array): Int32Array {
    const c = this.classes.length, n = proba.length / c;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (this.threshold !== undefined) { out[i] = proba[i * 2 + 1]! >= this.threshold.value ? 1 : 0; continue; }
      let best = 0;
      for (let k = 1; k < c; k++) if (proba[i * c + k]! > proba[i * c + best]!) best = k;
      out[i] = best;
    }
    return out;
  }
}

/**
 * Fits the baseline on the rows whose label `y[i]` is a class index (-1: left out), unweighted
 * (plain maximum likelihood, as scikit-learn's LogisticRegression by default).
 *
 * @example
 * const lr = await fitLogisticBaseline(rows, labels, ['no', 'yes'], rng.fork('baseline'));
 * const p = lr.predictProba(rows);
 */
export async function fitLogisticBaseline(x: FeatureRows, y: ArrayLike<number>, classes: readonly string[], rng: Rng, options: LogisticBaselineOptions = {}): Promise<LogisticBaseline> {
  checkRows(x);
  await initBackend('auto');
  const c = classes.length, d = x.cols;
  const rows = Uint32Array.from(Array.from({ length: x.rows }, (_, i) => i).filter((i) => y[i]! >= 0));
  const epochs = options.epochs ?? 10, batch = options.batchSize ?? 512, l2 = options.l2 ?? 1e-4;
  const xs = tf.tensor2d(rowsToFloat32(x, 0, rows.length, rows), [rows.length, d]);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(rows, (r) => y[r]!), 'int32'), c).toFloat());
  const w = tf.variable(tf.zeros([d, c]));
  const b = tf.variable(tf.zeros([c]));
  const optimizer = tf.train.adam(options.learningRate ?? 0.02);
  try {
    for (let e = 0; e < epochs; e++) {
      const order = rng.permutation(rows.length);
      for (let from = 0; from < rows.length; from += batch) {
        const index = tf.tensor1d(Int32Array.from(order.subarray(from, Math.min(rows.length, from + batch))), 'int32');
        tf.tidy(() => {
          const xb = tf.gather(xs, index), yb = tf.gather(ys, index);
          optimizer.minimize(() => {
            const nll = tf.mean(tf.neg(tf.sum(tf.mul(yb, tf.logSoftmax(tf.add(tf.matMul(xb, w), b))), -1)));
            return tf.add(nll, tf.mul(l2, tf.sum(tf.square(w)))) as tf.Scalar;
          }, false, [w, b]);
        });
        index.dispose();
      }
    }
    const fitted = new LogisticBaseline(classes, Float32Array.from(w.dataSync()), Float32Array.from(b.dataSync()), undefined);
    if (c !== 2) return fitted;
    // A handful of coefficients barely overfit: the training rows choose the threshold, leaving none aside.
    const proba = fitted.predictProba({ names: x.names, rows: rows.length, cols: d, values: rowsToFloat32(x, 0, rows.length, rows) });
    const threshold = chooseThreshold(Float64Array.from(rows, (_, i) => proba[i * 2 + 1]!), Int32Array.from(rows, (r) => y[r]!), options.threshold ?? DEFAULT_THRESHOLD_RULE, classes[1]!);
    return new LogisticBaseline(classes, fitted.weights, fitted.bias, threshold);
  } finally {
    xs.dispose(); ys.dispose(); w.dispose(); b.dispose(); optimizer.dispose();
  }
}
