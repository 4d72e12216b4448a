import * as tf from '@tensorflow/tfjs';
import type { LossFn } from './train-ensemble.js';

/**
 * Softmax cross-entropy from logits, each row weighted by its class's weight. The weight tensor
 * is owned by the caller and must outlive training.
 *
 * @example
 * const loss = weightedSoftmaxLoss(tf.tensor1d([0.5, 1, 2]));
 */
export function weightedSoftmaxLoss(classWeights: tf.Tensor1D): LossFn {
  return (yTrue, logits) => tf.tidy(() => {
    const nll = tf.neg(tf.sum(tf.mul(yTrue, tf.logSoftmax(logits)), -1));
    const w = tf.sum(tf.mul(yTrue, classWeights), -1);
    return tf.mean(tf.mul(nll, w)) as tf.Scalar;
  });
}

/**
 * Binary cross-entropy from logits for multi-hot targets, positives of need k weighted by
 * `positiveWeights[k]` (softplus keeps it stable for large logits).
 *
 * @example
 * const loss = weightedSigmoidLoss(tf.tensor1d([20, 5]));
 */
export function weightedSigmoidLoss(positiveWeights: tf.Tensor1D): LossFn {
  return (yTrue, logits) => tf.tidy(() => {
    const pos = tf.mul(tf.mul(yTrue, positiveWeights), tf.softplus(tf.neg(logits)));
    const neg = tf.mul(tf.sub(1, yTrue), tf.softplus(logits));
    return tf.mean(tf.add(pos, neg)) as tf.Scalar;
  });
}
