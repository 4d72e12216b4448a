import type { FeatureRows } from '../classify/feature-rows.js';
import { fitNeedsModel, refitNeedsModel } from '../classify/fit-needs-model.js';
import type { NeedsModel } from '../classify/needs-model.js';
import type { NeedsParams } from '../classify/needs-params.js';
import { selectRows, selectValues } from '../classify/select-rows.js';
import { stratifiedSplit } from '../classify/stratified-split.js';
import type { StageContext } from '../core/context.js';
import type { NeedsLabels } from '../features/create-needs-labeler.js';
import { bestF1Thresholds, needsMetrics } from '../monitor/needs-metrics.js';
import type { NeedsReport } from '../report/training-report.js';
import { capRows } from './cap-rows.js';

const TEST_SHARE = 0.2;

export interface TrainedNeeds {
  /** The shipped model, refitted on every client. */
  readonly model: NeedsModel;
  readonly thresholds: readonly number[];
  /** The shipped model's multi-hot predicted needs for all clients, at the thresholds: what scoring will say. */
  readonly predicted: Uint8Array;
  /** The measured fit's propensities for all clients, row-major clients × needs (honest on the held-out rows). */
  readonly proba: Float32Array;
  /** The held-out rows the report measures on. */
  readonly testRows: Uint32Array;
  readonly report: NeedsReport;
}

/**
 * Fits the needs model on 80% of the clients (at most `maxTrainRows`, a seeded sample), picks
 * each need's threshold for best F1 on those training rows, measures AUC and precision on the
 * other 20%, then refits the shipped model on every client (refitNeedsModel).
 */
export async function trainNeeds(x: FeatureRows, labels: NeedsLabels, params: NeedsParams | undefined, ctx: StageContext, maxTrainRows = Infinity): Promise<TrainedNeeds> {
  const k = labels.needs.length;
  const anyNeed = Int32Array.from({ length: x.rows }, (_, i) => (labels.labels.subarray(i * k, (i + 1) * k).some((v) => v === 1) ? 1 : 0));
  const split = stratifiedSplit(anyNeed, TEST_SHARE, ctx.rng.fork('test-split'));
  const test = split.validation;
  const train = capRows(split.train, maxTrainRows, ctx);
  const yTrain = selectValues(labels.labels, k, train);
  const measured = await fitNeedsModel(selectRows(x, train), yTrain, labels.needs, params, ctx.rng.fork('fit'), { log: ctx.log });
  let model: NeedsModel;
  let proba: Float32Array;
  try {
    proba = measured.predictProba(x);
    model = await refitNeedsModel(measured, x, labels.labels, ctx.rng.fork('refit'), { log: ctx.log });
  } finally {
    measured.dispose();
  }
  const thresholds = bestF1Thresholds(selectValues(proba, k, train), yTrain, k);
  const shipped = model.predictProba(x);
  const predicted = new Uint8Array(shipped.length);
  for (let i = 0; i < shipped.length; i++) predicted[i] = shipped[i]! >= thresholds[i % k]! ? 1 : 0;
  const perNeed = needsMetrics(selectValues(proba, k, test), selectValues(labels.labels, k, test), labels.needs, thresholds);
  const training = { ...model.spec.training, ...(model.spec.ensemble ? { network: model.spec.ensemble } : {}) };
  return { model, thresholds, predicted, proba, testRows: test, report: { trainRows: train.length, ...(train.length < split.train.length ? { sampledFrom: split.train.length } : {}), testRows: test.length, perNeed, training } };
}
