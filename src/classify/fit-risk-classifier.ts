import * as tf from '@tensorflow/tfjs';
import { PipelineError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';
import type { Rng } from '../core/rng.js';
import { hiddenOf } from './build-mlp.js';
import type { ClassifierParams } from './classifier-params.js';
import { ClassifierParamsSchema } from './classifier-params.js';
import type { FeatureRows } from './feature-rows.js';
import { checkRows, countNonFinite } from './feature-rows.js';
import { chooseThreshold, DEFAULT_THRESHOLD_RULE, type ThresholdRule } from './decision-threshold.js';
import { fitTemperature } from './fit-temperature.js';
import { initBackend } from './init-backend.js';
import { weightedSoftmaxLoss } from './losses.js';
import type { RiskSpec } from './model-artifact.js';
import { commonSpec } from './model-artifact.js';
import { predictLogits } from './predict-logits.js';
import { RiskClassifier } from './risk-classifier.js';
import { stratifiedSplit } from './stratified-split.js';
import { fitNetwork, refitNetwork } from './fit-network.js';
import { fitQuantileEncoding } from './quantile-encoding.js';
import { parseParams } from './training-params.js';
import { encodeWeights } from './weights-codec.js';

/** The sharpest temperature scaling applies (logits × 2 at most). */
export const MIN_TEMPERATURE = 0.5;

export interface FitOptions {
  /** Where progress and warnings go; default: a silent logger. */
  log?: Logger;
  /** Binary targets only: how the decision threshold is chosen on the validation rows; default best F1. */
  threshold?: ThresholdRule;
}

/** Fewer validation positives (or negatives) than this leave a threshold that is noise: warned. */
export const MIN_THRESHOLD_POSITIVES = 20;

/**
 * Fits the risk-segment classifier: standardised features quantile-encoded on the training rows,
 * a small search over network configurations, then a seed ensemble of that configuration
 * (fitNetwork) on class-weighted softmax cross-entropy with a stratified validation split for
 * early stopping, then temperature scaling on the held-out logits of the ensemble. `y[i]` is an index into `classes`, or -1 for a client without a usable
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
  const encoding = fitQuantileEncoding(x, split.train);
  const u = encoding.transform(x);
  const xAll = tf.tensor2d(u.values, [x.rows, x.cols]);
  const yAll = oneHot(labels, c);
  const weightTensor = tf.tensor1d(classWeights);
  let model: tf.Sequential | undefined;
  try {
    const task = { x: xAll, y: yAll, outputs: c, activation: hp.activation, loss: weightedSoftmaxLoss(weightTensor) };
    const fit = await fitNetwork(task, split, hp, rng.fork('network'), log);
    model = fit.model;
    const valLogits = predictLogits(model, u, c, split.validation);
    for (let i = 0; i < split.validation.length; i++) {
      for (let k = 0; k < c; k++) valLogits[i * c + k] = valLogits[i * c + k]! - Math.log(classWeights[k]!);
    }
    const valLabels = Int32Array.from(split.validation, (r) => labels[r]!);
    // T below MIN_TEMPERATURE is never trusted: on a small or separable validation set the NLL
    // keeps falling as T → 0 and every probability saturates to 0 or 1, which ranks nothing.
    const temp = fitTemperature(valLogits, valLabels, c, MIN_TEMPERATURE);
    log.info({ code: 'risk_calibrated', ...temp }, 'temperature scaling fitted on validation logits');
    const spec: RiskSpec = {
      ...commonSpec(backend, x.names, hp, { hiddenUnits: hiddenOf(model), weightShapes: encodeWeights(model).shapes }, fit.summary, split, {
        encoding: encoding.toJSON(),
        ensemble: { members: hp.members, config: { ...fit.config, hiddenUnits: [...fit.config.hiddenUnits] }, search: fit.search.map((t) => ({ ...t, config: { ...t.config, hiddenUnits: [...t.config.hiddenUnits] } })), rowVisits: fit.rowVisits },
      }),
      kind: 'risk',
      classes: [...classes],
      classWeights,
      temperature: temp.temperature,
      validationNll: { uncalibrated: temp.nllBefore, calibrated: temp.nllAfter },
    };
    const threshold = c === 2 ? chooseBinaryThreshold(new RiskClassifier(model, spec), predictLogits(model, u, c, split.validation), valLabels, options.threshold ?? DEFAULT_THRESHOLD_RULE, log) : undefined;
    return new RiskClassifier(model, threshold === undefined ? spec : { ...spec, threshold });
  } catch (err) {
    model?.dispose();
    throw err;
  } finally {
    xAll.dispose(); yAll.dispose(); weightTensor.dispose();
  }
}

/**
 * The classifier to ship: `fitted`'s configuration, members and amount of training (its row
 * visits: as many gradient steps as its early-stopped fit took) on every labelled row of `y`,
 * with the quantile encoding refitted on those rows. Its class weights and temperature are
 * `fitted`'s, measured on held-out rows, since no rows are left to fit them on.
 *
 * @example
 * const shipped = await refitRiskClassifier(measured, rows, allLabels, ctx.rng.fork('refit'));
 */
export async function refitRiskClassifier(fitted: RiskClassifier, x: FeatureRows, y: ArrayLike<number>, rng: Rng, options: FitOptions = {}): Promise<RiskClassifier> {
  const log = options.log ?? silentLogger();
  const labels = checkLabels(x, y, fitted.classes);
  checkRows(x, fitted.spec.featureNames);
  const ensemble = fitted.spec.ensemble;
  if (!ensemble) throw new PipelineError('model_incompatible', 'this risk classifier predates refitting; retrain it', {});
  const hp = parseParams(ClassifierParamsSchema, fitted.spec.params, 'risk classifier params');
  const rows = Uint32Array.from(Array.from(labels).flatMap((l, i) => (l >= 0 ? [i] : [])));
  const c = fitted.classes.length;
  const encoding = fitQuantileEncoding(x, rows);
  const xAll = tf.tensor2d(encoding.transform(x).values, [x.rows, x.cols]);
  const yAll = oneHot(labels, c);
  const weightTensor = tf.tensor1d(fitted.spec.classWeights);
  try {
    const task = { x: xAll, y: yAll, outputs: c, activation: hp.activation, loss: weightedSoftmaxLoss(weightTensor) };
    const model = await refitNetwork(task, rows, hp, ensemble.config, ensemble.rowVisits, rng.fork('network').fork('members'));
    log.info({ code: 'risk_refitted', rows: rows.length, rowVisits: ensemble.rowVisits }, 'risk classifier refitted on every labelled row');
    return new RiskClassifier(model, {
      ...fitted.spec, encoding: encoding.toJSON(), weightShapes: encodeWeights(model).shapes,
      ensemble: { ...ensemble, refit: { rows: rows.length, rowVisits: ensemble.rowVisits } },
    });
  } finally {
    xAll.dispose(); yAll.dispose(); weightTensor.dispose();
  }
}

/** The threshold on the calibrated validation probabilities (after temperature scaling), logged and warned about when thin. */
function chooseBinaryThreshold(clf: RiskClassifier, valLogits: Float32Array, valLabels: Int32Array, rule: ThresholdRule, log: Logger) {
  const proba = clf.probaFromLogits(valLogits);
  const p1 = Float64Array.from(valLabels, (_, i) => proba[i * 2 + 1]!);
  const chosen = chooseThreshold(p1, valLabels, rule, clf.classes[1]!);
  const v = chosen.validation;
  log.info({ code: 'threshold_chosen', rule: chosen.rule, threshold: chosen.value, ...v }, 'decision threshold chosen on validation rows');
  if (!chosen.reached) log.warn({ code: 'threshold_target_unreached', rule: chosen.rule, precision: v.precision }, `no threshold reaches ${chosen.rule} on the validation rows; the one with the best precision (${v.precision.toFixed(3)}) is used`);
  if (Math.min(v.positives, v.rows - v.positives) < MIN_THRESHOLD_POSITIVES) {
    log.warn({ code: 'threshold_few_positives', positives: v.positives, rows: v.rows }, `the decision threshold rests on ${v.positives} positive and ${v.rows - v.positives} negative validation rows; add labelled rows before trusting it`);
  }
  return chosen;
}

function oneHot(labels: Int32Array, c: number): tf.Tensor2D {
  return tf.tidy(() => tf.oneHot(tf.tensor1d(labels.map((l) => Math.max(l, 0)), 'int32'), c).toFloat() as tf.Tensor2D);
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
