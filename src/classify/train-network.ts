import * as tf from '@tensorflow/tfjs';
import type { Logger } from '../core/logger.js';
import type { Rng } from '../core/rng.js';
import type { Split } from './stratified-split.js';
import type { z } from 'zod';
import type { TrainingParamsSchema } from './training-params.js';

/** A loss over a batch: mean of per-row losses, from targets and logits. */
export type LossFn = (yTrue: tf.Tensor, logits: tf.Tensor) => tf.Scalar;

export interface TrainingSummary {
  /** Epochs actually run. */
  readonly epochs: number;
  /** 1-based epoch whose weights were kept. */
  readonly bestEpoch: number;
  readonly bestValidationLoss: number;
  /** Validation loss after each epoch (the training loss depends on batch order and is left out). */
  readonly validationLoss: readonly number[];
}

type Params = z.output<typeof TrainingParamsSchema>;

const EVAL_CHUNK = 8192;

/**
 * Trains `model` in place on the split's training rows: each epoch is one `fit` call on rows in
 * an order drawn from `rng` (tfjs' own shuffle is unseeded), and training stops when the
 * validation loss has not improved by `minDelta` for `patience` epochs; the best weights are
 * restored. `x` and `y` hold every row; the split indexes them.
 *
 * @example
 * const summary = await trainNetwork(model, x, y, split, loss, params, rng.fork('epochs'), log);
 */
export async function trainNetwork(
  model: tf.LayersModel, x: tf.Tensor2D, y: tf.Tensor2D, split: Split, loss: LossFn,
  params: Params, rng: Rng, log: Logger,
): Promise<TrainingSummary> {
  const optimizer = tf.train.adam(params.learningRate);
  model.compile({ optimizer, loss });
  const valIdx = tf.tensor1d(Int32Array.from(split.validation), 'int32');
  const xVal = tf.gather(x, valIdx);
  const yVal = tf.gather(y, valIdx);
  valIdx.dispose();
  const history: number[] = [];
  let best = Number.POSITIVE_INFINITY;
  let bestEpoch = 0;
  let bestWeights: Float32Array[] | undefined;
  let stale = 0;
  try {
    for (let epoch = 1; epoch <= params.maxEpochs; epoch++) {
      const perm = rng.permutation(split.train.length);
      const order = new Int32Array(perm.length);
      for (let i = 0; i < perm.length; i++) order[i] = split.train[perm[i]!]!;
      const [xb, yb] = tf.tidy(() => {
        const idx = tf.tensor1d(order, 'int32');
        return [tf.gather(x, idx), tf.gather(y, idx)];
      });
      try {
        await model.fit(xb!, yb!, { epochs: 1, batchSize: params.batchSize, shuffle: false, verbose: 0, yieldEvery: 'never' });
      } finally {
        xb!.dispose(); yb!.dispose();
      }
      const val = evaluateLoss(model, xVal, yVal, loss);
      history.push(val);
      if (!Number.isFinite(val)) break;
      if (val < best - params.minDelta) {
        best = val; bestEpoch = epoch; stale = 0;
        bestWeights = model.getWeights().map((w) => w.dataSync() as Float32Array).map((a) => a.slice());
      } else if (++stale >= params.patience) {
        break;
      }
    }
    if (bestWeights) {
      const shapes = model.getWeights().map((w) => w.shape);
      const restored = bestWeights.map((a, i) => tf.tensor(a, shapes[i]));
      model.setWeights(restored);
      restored.forEach((t) => t.dispose());
    }
  } finally {
    xVal.dispose(); yVal.dispose();
    optimizer.dispose();
  }
  log.info({ code: 'train_done', epochs: history.length, bestEpoch, bestValidationLoss: best }, 'network trained');
  return { epochs: history.length, bestEpoch, bestValidationLoss: best, validationLoss: history };
}

/** The mean loss over all rows, computed in chunks so memory stays flat on large validation sets. */
export function evaluateLoss(model: tf.LayersModel, x: tf.Tensor2D, y: tf.Tensor2D, loss: LossFn): number {
  const n = x.shape[0];
  let total = 0;
  for (let from = 0; from < n; from += EVAL_CHUNK) {
    const size = Math.min(EVAL_CHUNK, n - from);
    total += tf.tidy(() => {
      const logits = model.predictOnBatch(x.slice([from, 0], [size, -1])) as tf.Tensor;
      return loss(y.slice([from, 0], [size, -1]), logits).dataSync()[0]! * size;
    });
  }
  return n > 0 ? total / n : Number.NaN;
}
