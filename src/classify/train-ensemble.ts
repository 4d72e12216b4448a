import * as tf from '@tensorflow/tfjs';
import type { Logger } from '../core/logger.js';
import type { Rng } from '../core/rng.js';
import type { MemberEnsemble } from './member-ensemble.js';
import type { Split } from './stratified-split.js';

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

export interface EnsembleTraining {
  readonly learningRate: number;
  readonly batchSize: number;
  readonly maxEpochs: number;
  readonly patience: number;
  readonly minDelta: number;
}

const EVAL_CHUNK = 8192;

/**
 * Trains the members with Adam on the split's training rows, in an order drawn from `rng` each
 * epoch, until the validation loss of their mean logits has not improved by `minDelta` for
 * `patience` epochs; the best epoch's weights are restored. `x` and `y` hold every row.
 *
 * @example
 * const summary = await trainEnsemble(ens, x, y, split, loss, { learningRate: 0.003, batchSize: 256, maxEpochs: 200, patience: 5, minDelta: 1e-4 }, rng, log);
 */
export async function trainEnsemble(
  ens: MemberEnsemble, x: tf.Tensor2D, y: tf.Tensor2D, split: Split, loss: LossFn, params: EnsembleTraining, rng: Rng, log: Logger,
): Promise<TrainingSummary> {
  const optimizer = tf.train.adam(params.learningRate);
  const host = hostRows(x, y);
  const [xVal, yVal] = tf.tidy(() => {
    const idx = tf.tensor1d(Int32Array.from(split.validation), 'int32');
    return [tf.gather(x, idx), tf.gather(y, idx)];
  });
  const history: number[] = [];
  let best = Number.POSITIVE_INFINITY;
  let bestEpoch = 0;
  let bestWeights: Float32Array[] | undefined;
  let stale = 0;
  try {
    for (let epoch = 1; epoch <= params.maxEpochs; epoch++) {
      await trainEpoch(ens, optimizer, host, split.train, split.train.length, loss, params.batchSize, rng);
      const val = validationLoss(ens, xVal as tf.Tensor2D, yVal as tf.Tensor2D, loss);
      history.push(val);
      if (!Number.isFinite(val)) break;
      if (val < best - params.minDelta) {
        best = val; bestEpoch = epoch; stale = 0;
        bestWeights = ens.snapshot();
      } else if (++stale >= params.patience) {
        break;
      }
    }
    if (bestWeights) ens.restore(bestWeights);
  } finally {
    xVal!.dispose(); yVal!.dispose();
    optimizer.dispose();
  }
  log.info({ code: 'train_done', members: ens.members, epochs: history.length, bestEpoch, bestValidationLoss: best }, 'network trained');
  return { epochs: history.length, bestEpoch, bestValidationLoss: best, validationLoss: history };
}

/**
 * Trains for exactly `rowVisits` row visits over `rows` (whole epochs, then a partial one over
 * the first rows of a fresh order), with no validation: the refit on all rows.
 */
export async function trainEnsembleFor(
  ens: MemberEnsemble, x: tf.Tensor2D, y: tf.Tensor2D, rows: Uint32Array, rowVisits: number, loss: LossFn,
  params: Pick<EnsembleTraining, 'learningRate' | 'batchSize'>, rng: Rng,
): Promise<void> {
  const optimizer = tf.train.adam(params.learningRate);
  const host = hostRows(x, y);
  try {
    for (let left = rowVisits; left > 0; left -= rows.length) {
      await trainEpoch(ens, optimizer, host, rows, Math.min(left, rows.length), loss, params.batchSize, rng);
    }
  } finally {
    optimizer.dispose();
  }
}

/** Every row's inputs and targets in host memory, row-major: batches are copied from here. */
interface HostRows {
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly xCols: number;
  readonly yCols: number;
}

function hostRows(x: tf.Tensor2D, y: tf.Tensor2D): HostRows {
  return { x: x.dataSync() as Float32Array, y: y.dataSync() as Float32Array, xCols: x.shape[1], yCols: y.shape[1] };
}

/**
 * One pass over `count` rows in a fresh seeded order. Each batch is copied row by row from host
 * memory into a new tensor: gathering the epoch on the backend and slicing it per batch cost a
 * third more CPU on wasm (two copies of every row and a slice op per batch).
 */
async function trainEpoch(
  ens: MemberEnsemble, optimizer: tf.Optimizer, host: HostRows, rows: ArrayLike<number>, count: number,
  loss: LossFn, batchSize: number, rng: Rng,
): Promise<void> {
  const perm = rng.permutation(rows.length);
  const vars = ens.variables;
  const { xCols, yCols } = host;
  for (let from = 0; from < count; from += batchSize) {
    const size = Math.min(batchSize, count - from);
    const xb = new Float32Array(size * xCols);
    const yb = new Float32Array(size * yCols);
    for (let i = 0; i < size; i++) {
      const row = rows[perm[from + i]!]!;
      xb.set(host.x.subarray(row * xCols, (row + 1) * xCols), i * xCols);
      yb.set(host.y.subarray(row * yCols, (row + 1) * yCols), i * yCols);
    }
    tf.tidy(() => {
      const xt = tf.tensor2d(xb, [size, xCols]);
      const yt = tf.tensor2d(yb, [size, yCols]);
      optimizer.minimize(() => ens.trainingLoss(loss, xt, yt), false, vars);
    });
  }
  // Let timers and I/O run between epochs, as tfjs' fit does.
  await new Promise((resolve) => setImmediate(resolve));
}

function validationLoss(ens: MemberEnsemble, x: tf.Tensor2D, y: tf.Tensor2D, loss: LossFn): number {
  const n = x.shape[0];
  let total = 0;
  for (let from = 0; from < n; from += EVAL_CHUNK) {
    const size = Math.min(EVAL_CHUNK, n - from);
    total += tf.tidy(() => loss(y.slice([from, 0], [size, -1]), ens.meanLogits(x.slice([from, 0], [size, -1]))).dataSync()[0]! * size);
  }
  return n > 0 ? total / n : Number.NaN;
}
