import * as tf from '@tensorflow/tfjs';
import { PipelineError } from '../core/errors.js';
import { silentLogger } from '../core/logger.js';
import type { Rng } from '../core/rng.js';
import type { FeatureRows } from './feature-rows.js';
import { checkRows, countNonFinite } from './feature-rows.js';
import type { FitOptions } from './fit-risk-classifier.js';
import { hiddenOf } from './build-mlp.js';
import { fitNetwork, refitNetwork } from './fit-network.js';
import { fitQuantileEncoding } from './quantile-encoding.js';
import { fitPlatt } from './fit-platt.js';
import { initBackend } from './init-backend.js';
import { weightedSigmoidLoss } from './losses.js';
import type { NeedsSpec } from './model-artifact.js';
import { commonSpec } from './model-artifact.js';
import type { NeedsParams } from './needs-params.js';
import { NeedsParamsSchema } from './needs-params.js';
import { NeedsModel } from './needs-model.js';
import { predictLogits } from './predict-logits.js';
import { stratifiedSplit } from './stratified-split.js';
import { parseParams } from './training-params.js';
import { encodeWeights } from './weights-codec.js';

/**
 * Fits the multi-label needs model: quantile-encoded inputs, a searched seed ensemble (fitNetwork)
 * with one sigmoid output per need, binary
 * cross-entropy with each need's positives weighted by n_neg / n_pos (capped), a validation split
 * stratified on each row's rarest need, early stopping, then per-need Platt calibration.
 * `yMultiHot[i * needs.length + k]` is 1 when client i took up need k in the horizon.
 *
 * @example
 * const model = await fitNeedsModel(rows, multiHot, [...NEEDS], {}, ctx.rng, { log: ctx.log });
 */
export async function fitNeedsModel(
  x: FeatureRows, yMultiHot: Uint8Array, needs: readonly string[], params: NeedsParams | undefined,
  rng: Rng, options: FitOptions = {},
): Promise<NeedsModel> {
  const log = options.log ?? silentLogger();
  const hp = parseParams(NeedsParamsSchema, params, 'needs model params');
  checkRows(x);
  const k = needs.length;
  if (k < 1 || new Set(needs).size !== k) {
    throw new PipelineError('config_invalid', `the need list must name one or more distinct needs, got [${needs.join(', ')}]; fix it in the config`, { needs });
  }
  if (yMultiHot.length !== x.rows * k) {
    throw new PipelineError('input_invalid', `got ${yMultiHot.length} need labels for ${x.rows} rows × ${k} needs; pass a multi-hot row per client`,
      { labels: yMultiHot.length, rows: x.rows, needs: k });
  }
  if (x.rows < hp.minLabelledRows) {
    throw new PipelineError('stage_failed', `only ${x.rows} clients to train the needs model on and it needs ${hp.minLabelledRows}; widen the data or lower minLabelledRows`,
      { rows: x.rows, required: hp.minLabelledRows });
  }
  const positives = new Array<number>(k).fill(0);
  for (let i = 0; i < yMultiHot.length; i++) if (yMultiHot[i]) positives[i % k]!++;
  if (positives.every((v) => v === 0)) {
    throw new PipelineError('stage_failed', 'no client took up any need in the label horizon; lengthen the horizon or check the need rules', { needs });
  }
  needs.forEach((need, j) => {
    if (positives[j] === 0) log.warn({ code: 'need_without_positives', need }, `no client took up need ${need}; its propensity will stay near 0`);
  });
  const nonFinite = countNonFinite(x);
  if (nonFinite > 0) log.warn({ code: 'features_non_finite', count: nonFinite }, 'non-finite feature values read as 0');

  await initBackend('auto', log);
  const backend = tf.getBackend();
  const split = stratifiedSplit(rarestNeed(yMultiHot, positives, x.rows), hp.validationFraction, rng.fork('split'));
  const trainPos = new Array<number>(k).fill(0);
  for (const r of split.train) for (let j = 0; j < k; j++) if (yMultiHot[r * k + j]) trainPos[j]!++;
  const positiveWeights = trainPos.map((p) => (p > 0 ? Math.min(hp.maxPositiveWeight, Math.max(1, (split.train.length - p) / p)) : 1));
  const encoding = fitQuantileEncoding(x, split.train);
  const u = encoding.transform(x);
  const xAll = tf.tensor2d(u.values, [x.rows, x.cols]);
  const yAll = tf.tensor2d(Float32Array.from(yMultiHot), [x.rows, k]);
  const weightTensor = tf.tensor1d(positiveWeights);
  let model: tf.Sequential | undefined;
  try {
    const task = { x: xAll, y: yAll, outputs: k, activation: hp.activation, loss: weightedSigmoidLoss(weightTensor) };
    const fit = await fitNetwork(task, split, hp, rng.fork('network'), log);
    model = fit.model;
    const valLogits = predictLogits(model, u, k, split.validation);
    const platt = needs.map((_, j) => {
      // Positive weighting shifts logits by log(w); undoing it is the fallback when Platt cannot fit.
      const shift = { a: 1, b: -Math.log(positiveWeights[j]!) };
      if (hp.calibration === 'none') return shift;
      const z = Float64Array.from(split.validation, (_, i) => valLogits[i * k + j]!);
      const y = Uint8Array.from(split.validation, (r) => yMultiHot[r * k + j]!);
      return fitPlatt(z, y, shift);
    });
    const spec: NeedsSpec = {
      ...commonSpec(backend, x.names, hp, { hiddenUnits: hiddenOf(model), weightShapes: encodeWeights(model).shapes }, fit.summary, split, {
        encoding: encoding.toJSON(),
        ensemble: { members: hp.members, config: { ...fit.config, hiddenUnits: [...fit.config.hiddenUnits] }, search: fit.search.map((t) => ({ ...t, config: { ...t.config, hiddenUnits: [...t.config.hiddenUnits] } })), rowVisits: fit.rowVisits },
      }),
      kind: 'needs',
      needs: [...needs],
      positiveWeights,
      trainPositives: trainPos,
      platt,
    };
    return new NeedsModel(model, spec);
  } catch (err) {
    model?.dispose();
    throw err;
  } finally {
    xAll.dispose(); yAll.dispose(); weightTensor.dispose();
  }
}

/**
 * The needs model to ship: `fitted`'s configuration, members and amount of training (its row
 * visits) on every row of `x`, the quantile encoding refitted on them; positive weights and
 * Platt maps are `fitted`'s, fitted on its held-out rows.
 *
 * @example
 * const shipped = await refitNeedsModel(measured, rows, multiHot, ctx.rng.fork('refit'));
 */
export async function refitNeedsModel(fitted: NeedsModel, x: FeatureRows, yMultiHot: Uint8Array, rng: Rng, options: FitOptions = {}): Promise<NeedsModel> {
  const log = options.log ?? silentLogger();
  checkRows(x, fitted.spec.featureNames);
  const k = fitted.needs.length;
  if (yMultiHot.length !== x.rows * k) {
    throw new PipelineError('input_invalid', `got ${yMultiHot.length} need labels for ${x.rows} rows × ${k} needs; pass a multi-hot row per client`,
      { labels: yMultiHot.length, rows: x.rows, needs: k });
  }
  const ensemble = fitted.spec.ensemble;
  if (!ensemble) throw new PipelineError('model_incompatible', 'this needs model predates refitting; retrain it', {});
  const hp = parseParams(NeedsParamsSchema, fitted.spec.params, 'needs model params');
  const rows = Uint32Array.from({ length: x.rows }, (_, i) => i);
  const encoding = fitQuantileEncoding(x, rows);
  const xAll = tf.tensor2d(encoding.transform(x).values, [x.rows, x.cols]);
  const yAll = tf.tensor2d(Float32Array.from(yMultiHot), [x.rows, k]);
  const weightTensor = tf.tensor1d(fitted.spec.positiveWeights);
  try {
    const task = { x: xAll, y: yAll, outputs: k, activation: hp.activation, loss: weightedSigmoidLoss(weightTensor) };
    const model = await refitNetwork(task, rows, hp, ensemble.config, ensemble.rowVisits, rng.fork('network').fork('members'));
    log.info({ code: 'needs_refitted', rows: rows.length, rowVisits: ensemble.rowVisits }, 'needs model refitted on every row');
    return new NeedsModel(model, {
      ...fitted.spec, encoding: encoding.toJSON(), weightShapes: encodeWeights(model).shapes,
      ensemble: { ...ensemble, refit: { rows: rows.length, rowVisits: ensemble.rowVisits } },
    });
  } finally {
    xAll.dispose(); yAll.dispose(); weightTensor.dispose();
  }
}

/** Each row's rarest positive need, or K for a row with none: the split keeps rare needs on both sides. */
function rarestNeed(y: Uint8Array, positives: readonly number[], rows: number): Int32Array {
  const k = positives.length;
  const out = new Int32Array(rows).fill(k);
  for (let i = 0; i < rows; i++) {
    let best = -1;
    for (let j = 0; j < k; j++) if (y[i * k + j] && (best < 0 || positives[j]! < positives[best]!)) best = j;
    if (best >= 0) out[i] = best;
  }
  return out;
}
