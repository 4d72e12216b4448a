import type { ClassifierParams } from '../classify/classifier-params.js';
import type { ThresholdRule } from '../classify/decision-threshold.js';
import type { FeatureRows } from '../classify/feature-rows.js';
import { fitLogisticBaseline } from '../classify/fit-logistic-baseline.js';
import { fitRiskClassifier, refitRiskClassifier } from '../classify/fit-risk-classifier.js';
import type { RiskClassifier } from '../classify/risk-classifier.js';
import { selectValues } from '../classify/select-rows.js';
import { stratifiedSplit } from '../classify/stratified-split.js';
import type { StageContext } from '../core/context.js';
import { PipelineError } from '../core/errors.js';
import { classificationMetrics, expectedCalibrationError, logLoss } from '../monitor/classification-metrics.js';
import { calibrationCheck } from '../monitor/calibration-check.js';
import { precisionRecallCurve } from '../monitor/precision-recall-curve.js';
import { rocAuc } from '../monitor/roc-auc.js';
import type { RiskDiagnostics, RiskReport, ThresholdReport } from '../report/training-report.js';
import { riskDiagnostics, type RiskDiagnosticsInput } from './risk-diagnostics.js';
import type { TrainingTarget } from './training-target.js';
import { capRows } from './cap-rows.js';

/** Share of labelled clients held out to measure the classifier; never trained or calibrated on. */
const TEST_SHARE = 0.2;

export interface TrainRiskOptions {
  /** Binary targets: how the decision threshold is chosen on validation rows; default best F1. */
  readonly threshold?: ThresholdRule;
  /** Baseline, permutation importance and partial dependence in the report; default true. */
  readonly diagnostics?: boolean;
  /** Columns permuted together in the importance (a categorical column's indicators); default each alone. */
  readonly featureGroups?: RiskDiagnosticsInput['groups'];
  /** The scaler's means and sds: partial dependence then reads in the features' own units. */
  readonly unscale?: RiskDiagnosticsInput['unscale'];
}

export interface TrainedRisk {
  /** The shipped classifier, refitted on every usable labelled client. */
  readonly model: RiskClassifier;
  /** The shipped classifier's class per client (all clients): what scoring will say. */
  readonly predicted: Int32Array;
  /**
   * The measured fit's calibrated probabilities per client (all clients), row-major clients ×
   * classes: on the held-out rows they are honest test predictions (the report and its slices).
   */
  readonly proba: Float32Array;
  /** The measured fit's most probable class per client (all clients), from `proba`. */
  readonly measuredClass: Int32Array;
  /** The held-out rows the report measures on. */
  readonly testRows: Uint32Array;
  readonly report: RiskReport;
}

/**
 * Fits the risk classifier on 80% of the labelled clients (at most `maxTrainRows`, a seeded
 * sample; it splits off its own validation rows for the search, early stopping and calibration),
 * measures it on the other 20%, then refits the shipped classifier on every usable label with the
 * same configuration and amount of training (refitRiskClassifier).
 */
export async function trainRisk(x: FeatureRows, target: TrainingTarget, params: ClassifierParams | undefined, ctx: StageContext, maxTrainRows = Infinity, options: TrainRiskOptions = {}): Promise<TrainedRisk> {
  if (target.classes.length < 2) {
    throw new PipelineError('stage_failed',
      `the target ${target.column} has ${target.classes.length === 0 ? 'no labels' : `one class only (${target.classes[0]})`} among ${target.labelled} usable labels (${target.stale} stale, ${target.missing} missing); a classifier needs two or more: check the export or choose another --target`,
      { target: target.column, classes: target.classes });
  }
  const split = stratifiedSplit(target.y, TEST_SHARE, ctx.rng.fork('test-split'));
  const test = split.validation;
  const train = capRows(split.train, maxTrainRows, ctx);
  const yTrain = new Int32Array(x.rows).fill(-1);
  for (const i of train) yTrain[i] = target.y[i]!;
  const measured = await fitRiskClassifier(x, yTrain, target.classes, params, ctx.rng.fork('fit'), { log: ctx.log, ...(options.threshold === undefined ? {} : { threshold: options.threshold }) });
  const proba = measured.predictProba(x);
  const measuredClass = measured.classesFrom(proba);
  let model: RiskClassifier;
  let diagnostics: RiskDiagnostics | undefined;
  try {
    if (options.diagnostics !== false) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const baseline = await fitLogisticBaseline(x, yTrain, target.classes, ctx.rng.fork('baseline'), options.threshold === undefined ? {} : { threshold: options.threshold });
      diagnostics = riskDiagnostics({
        measured, baseline, x, y: target.y, testRows: test, rng: ctx.rng.fork('diagnostics'),
        ...(options.featureGroups === undefined ? {} : { groups: options.featureGroups }), ...(options.unscale === undefined ? {} : { unscale: options.unscale }),
      });
      ctx.log.info({ code: 'risk_diagnostics', ms: Math.round(performance.now() - started), cpuMs: cpuMs(process.cpuUsage(cpu)), rows: diagnostics.importance.rows, groups: diagnostics.importance.features.length }, 'baseline, permutation importance and partial dependence measured on held-out rows');
    }
    model = await refitRiskClassifier(measured, x, target.y, ctx.rng.fork('refit'), { log: ctx.log });
  } finally {
    measured.dispose();
  }
  const predicted = model.predictClass(x);
  const c = target.classes.length;
  const yTest = selectValues(target.y, 1, test);
  const testProba = selectValues(proba, c, test);
  const metrics = classificationMetrics(yTest, selectValues(measuredClass, 1, test), target.classes);
  const calibration = expectedCalibrationError(testProba, yTest);
  const check = calibrationCheck(calibration);
  return {
    model, predicted, proba, measuredClass, testRows: test,
    report: {
      trainRows: train.length, ...(train.length < split.train.length ? { sampledFrom: split.train.length } : {}), testRows: test.length, test: metrics, logLoss: logLoss(testProba, yTest),
      baselineLogLoss: priorLogLoss(selectValues(target.y, 1, train), yTest, c),
      ...(c === 2 ? { rocAuc: rocAuc(Float64Array.from(yTest, (_, r) => testProba[r * 2 + 1]!), yTest) } : {}),
      ...(model.spec.threshold === undefined ? {} : { threshold: thresholdReport(model.spec.threshold, testProba, yTest) }),
      ...(diagnostics === undefined ? {} : { diagnostics }),
      calibration: {
        ece: calibration.ece, noiseFloor: check.noiseFloor, miscalibrated: check.miscalibrated, bins: calibration.bins,
        temperature: model.spec.temperature, validationNll: model.spec.validationNll,
      },
      training: { ...model.spec.training, ...(model.spec.ensemble ? { network: model.spec.ensemble } : {}) },
    },
  };
}

/** Log-loss of always stating the training class shares: the baseline a model's log-loss must beat. */
function priorLogLoss(yTrain: Int32Array, yTest: Int32Array, classes: number): number {
  const counts = new Float64Array(classes).fill(1); // add-one, so a class absent from training is not infinitely surprising
  for (const y of yTrain) if (y >= 0) counts[y]! += 1;
  const total = counts.reduce((s, v) => s + v, 0);
  const prior = new Float64Array(yTest.length * classes);
  for (let i = 0; i < yTest.length; i++) for (let k = 0; k < classes; k++) prior[i * classes + k] = counts[k]! / total;
  return logLoss(prior, yTest);
}

/** The stored threshold with what it does on the held-out rows, and their precision–recall curve. */
function thresholdReport(chosen: NonNullable<RiskClassifier['spec']['threshold']>, testProba: Float32Array, yTest: Int32Array): ThresholdReport {
  const p1 = Float64Array.from(yTest, (_, r) => testProba[r * 2 + 1]!);
  let tp = 0, fp = 0, positives = 0;
  for (let r = 0; r < yTest.length; r++) {
    if (yTest[r] === 1) positives++;
    if (p1[r]! >= chosen.value) { if (yTest[r] === 1) tp++; else fp++; }
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = positives > 0 ? tp / positives : 0;
  const curve = precisionRecallCurve(p1, yTest);
  return {
    ...chosen,
    test: { rows: yTest.length, positives, baseRate: positives / Math.max(1, yTest.length), predictedShare: (tp + fp) / Math.max(1, yTest.length), precision, recall, f1: tp > 0 ? (2 * precision * recall) / (precision + recall) : 0 },
    curve: curve.points, averagePrecision: curve.averagePrecision,
  };
}

/** CPU time used, in ms: on a shared machine the honest measure of a step's cost. */
function cpuMs(used: NodeJS.CpuUsage): number {
  return Math.round((used.user + used.system) / 1000);
}
