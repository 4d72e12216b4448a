import * as tf from '@tensorflow/tfjs';
import { PipelineError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';
import type { Rng } from '../core/rng.js';
import { buildMlp } from './build-mlp.js';
import type { ClassifierParams } from './classifier-params.js';
import { ClassifierParamsSchema } from './classifier-params.js';
import type { FeatureRows } from './feature-rows.js';
import { checkRows, countNonFinite, rowsToFloat32 } from './feature-rows.js';
import { fitTemperature } from './fit-temperature.js';
import { initBackend } from './init-backend.js';
import { weightedSoftmaxLoss } from './losses.js';
import type { RiskSpec } from './model-artifact.js';
import { commonSpec } from './model-artifact.js';
import { predictLogits } from './predict-logits.js';
import { RiskClassifier } from './risk-classifier.js';
import { stratifiedSplit } from './stratified-split.js';
import { trainNetwork } from './train-network.js';
import { parseParams } from './training-params.js';
import { encodeWeights } from './weights-codec.js';

export interface FitOptions {
  /** Where progress and warnings go; default: a silent logger. */
  log?: Logger;
}

/**
 * Fits the risk-segment classifier: a seeded MLP on standardised features, class-weighted softmax
 * cross-entropy, a stratified validation split for early stopping, then temperature scaling on
 * the held-out logits. `y[i]` is an index into `classes`, or -1 for a client without a usable
 * label (left out). Same rows, labels, params and seed → the same weight bytes on a backend.
 *
 * @example
 * const clf = await fitRiskClassifier(rows, labels, ['conservative', 'balanced', 'aggressive'], {}, ctx.rng, { log: ctx.log });
 */
export async function fitRiskClassifier(
  x: FeatureRows, y: ArrayLike<number>, classes: readonly string[], params: ClassifierParams | undefined,
  rng: Rng, options: FitOptions = {},
): Promise<RiskClassifier> {
  const log = options.log ?? silentLogger();
  const hp = parseParams(ClassifierParamsSchema, params, 'risk classifier params');
  const labels = checkLabels(x, y, classes);
  const c = classes.length;
  const counts = new Array<number>(c).fill(0);
  for (const l of labels) if (l >= 0) counts[l]!++;
  const labelled = counts.reduce((s, v) => s + v, 0);
  const present = counts.filter((v) => v > 0).length;
  if (labelled < hp.minLabelledRows) {
    throw new PipelineError('stage_failed',
      `only ${labelled} clients have a usable risk label and the risk model needs ${hp.minLabelledRows}; add labelled clients or lower minLabelledRows`,
      { labelled, required: hp.minLabelledRows });
  }
  if (present < 2) {
    throw new PipelineError('stage_failed',
      `every labelled client has the same risk class (${classes[counts.findIndex((v) => v > 0)]}); the risk model needs at least two classes in the labels`,
      { counts: Object.fromEntries(classes.map((k, i) => [k, counts[i]])) });
  }
  for (let k = 0; k < c; k++) if (counts[k] === 0) log.warn({ code: 'risk_class_absent', class: classes[k] }, `no labelled client has risk class ${classes[k]}`);
  const nonFinite = countNonFinite(x);
  if (nonFinite > 0) log.warn({ code: 'features_non_finite', count: nonFinite }, 'non-finite feature values read as 0');

  await initBackend('auto', log);
  const backend = tf.getBackend();
  const classWeights = counts.map((n) => (hp.classWeighting === 'balanced' && n > 0 ? labelled / (present * n) : 1));
  const split = stratifiedSplit(labels, hp.validationFraction, rng.fork('split'));
  const initRng = rng.fork('init');
  const seeds = [...hp.hiddenUnits, c].map(() => initRng.nextUint32());
  const model = buildMlp({ inputs: x.cols, hiddenUnits: hp.hiddenUnits, activation: hp.activation, outputs: c, l2: hp.l2 }, seeds);
  const xAll = tf.tensor2d(rowsToFloat32(x, 0, x.rows), [x.rows, x.cols]);
  const yAll = tf.tidy(() => tf.oneHot(tf.tensor1d(labels.map((l) => Math.max(l, 0)), 'int32'), c).toFloat() as tf.Tensor2D);
  const weightTensor = tf.tensor1d(classWeights);
  try {
    const summary = await trainNetwork(model, xAll, yAll, split, weightedSoftmaxLoss(weightTensor), hp, rng.fork('epochs'), log);
    const valLogits = predictLogits(model, x, c, split.validation);
    for (let i = 0; i < split.validation.length; i++) {
      for (let k = 0; k < c; k++) valLogits[i * c + k] = valLogits[i * c + k]! - Math.log(classWeights[k]!);
    }
    const valLabels = Int32Array.from(split.validation, (r) => labels[r]!);
    const temp = fitTemperature(valLogits, valLabels, c);
    log.info({ code: 'risk_calibrated', ...temp }, 'temperature scaling fitted on validation logits');
    const spec: RiskSpec = {
      ...commonSpec(backend, x.names, hp, encodeWeights(model).shapes, summary, split),
      kind: 'risk',
      classes: [...classes],
      classWeights,
      temperature: temp.temperature,
      validationNll: { uncalibrated: temp.nllBefore, calibrated: temp.nllAfter },
    };
    return new RiskClassifier(model, spec);
  } catch (err) {
    model.dispose();
    throw err;
  } finally {
    xAll.dispose(); yAll.dispose(); weightTensor.dispose();
  }
}

function checkLabels(x: FeatureRows, y: ArrayLike<number>, classes: readonly string[]): Int32Array {
  checkRows(x);
  if (classes.length < 2 || new Set(classes).size !== classes.length) {
    throw new PipelineError('config_invalid', `the risk label set must name two or more distinct classes, got [${classes.join(', ')}]; fix the label set in the config`,
      { classes });
  }
  if (y.length !== x.rows) {
    throw new PipelineError('input_invalid', `got ${y.length} risk labels for ${x.rows} feature rows; pass one label (or -1) per row`,
      { labels: y.length, rows: x.rows });
  }
  const out = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (!Number.isInteger(v) || v < -1 || v >= classes.length) {
      throw new PipelineError('input_invalid', `risk label ${v} at row ${i} is not a class index or -1; map labels onto the class list first`,
        { row: i, label: v });
    }
    out[i] = v;
  }
  return out;
}
