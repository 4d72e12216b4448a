import type { FeatureRows } from '../classify/feature-rows.js';
import type { LogisticBaseline } from '../classify/fit-logistic-baseline.js';
import type { RiskClassifier } from '../classify/risk-classifier.js';
import { selectRows, selectValues } from '../classify/select-rows.js';
import type { Rng } from '../core/rng.js';
import { classificationMetrics, logLoss } from '../monitor/classification-metrics.js';
import { partialDependence } from '../monitor/partial-dependence.js';
import { permutationImportance, type FeatureGroup, type ProbaFn } from '../monitor/permutation-importance.js';
import { rocAuc } from '../monitor/roc-auc.js';
import type { RiskDiagnostics } from '../report/training-report.js';

/** Held-out rows permutation importance runs on at most (a seeded sample); bounds its cost. */
export const IMPORTANCE_ROWS = 1000;
/** Bootstrap-and-shuffle repeats per feature group, when the budget allows. */
export const IMPORTANCE_REPEATS = 10;
/** Fewest repeats, however many groups: an interval needs a spread. */
export const MIN_IMPORTANCE_REPEATS = 3;
/**
 * Row predictions (groups + 1) × repeats × rows the importance may spend: ~9 s at 83 features on
 * this project's machines (a 1,000-row predictProba of the 3-member network takes ~18 ms).
 */
export const IMPORTANCE_BUDGET = 500_000;
/** Held-out rows partial dependence averages over at most (the first of the same sample). */
export const DEPENDENCE_ROWS = 500;
/** Partial dependence is drawn for this many of the most important groups. */
export const DEPENDENCE_FEATURES = 4;

export interface RiskDiagnosticsInput {
  /** The measured fit: never trained or calibrated on `testRows`. */
  readonly measured: RiskClassifier;
  readonly baseline: LogisticBaseline;
  readonly x: FeatureRows;
  readonly y: Int32Array;
  readonly testRows: Uint32Array;
  /** Columns shuffled together, by name (default: each column alone). */
  readonly groups?: readonly { readonly name: string; readonly columns: readonly string[] }[];
  /** The scaler's means and sds, so a partial-dependence grid reads in the feature's own units. */
  readonly unscale?: { readonly means: ArrayLike<number>; readonly sds: ArrayLike<number> };
  readonly rng: Rng;
}

/**
 * The training report's diagnostics, all on held-out rows: the logistic-regression baseline's
 * figures beside the network's, permutation importance with intervals, and partial dependence
 * for the most important groups.
 */
export function riskDiagnostics(input: RiskDiagnosticsInput): RiskDiagnostics {
  const { measured, baseline, x, y, testRows } = input;
  const classes = measured.classes, c = classes.length;
  const yTest = selectValues(y, 1, testRows);
  const lrProba = baseline.predictProba(selectRows(x, testRows));
  const lrMetrics = classificationMetrics(yTest, baseline.classesFrom(lrProba), classes);
  const order = input.rng.fork('rows').permutation(testRows.length);
  const sampled = Uint32Array.from(order.subarray(0, Math.min(IMPORTANCE_ROWS, order.length)), (k) => testRows[k]!);
  const sample = selectRows(x, sampled) as FeatureRows & { values: Float32Array };
  const ySample = selectValues(y, 1, sampled);
  const predict: ProbaFn = (values, rows) => measured.predictProba({ names: x.names, rows, cols: x.cols, values });
  const groups: FeatureGroup[] = (input.groups ?? x.names.map((n) => ({ name: n, columns: [n] })))
    .map((g) => ({ name: g.name, columns: g.columns.map((n) => x.names.indexOf(n)).filter((j) => j >= 0) }))
    .filter((g) => g.columns.length > 0);
  const repeats = Math.max(MIN_IMPORTANCE_REPEATS, Math.min(IMPORTANCE_REPEATS, Math.floor(IMPORTANCE_BUDGET / ((groups.length + 1) * Math.max(1, sample.rows)))));
  const importance = permutationImportance(sample.values, sample.rows, x.cols, ySample, groups, predict, input.rng.fork('importance'), repeats)
    .sort((a, b) => b.mean - a.mean || a.name.localeCompare(b.name));
  const pdRows = Math.min(DEPENDENCE_ROWS, sample.rows);
  const pdValues = sample.values.subarray(0, pdRows * x.cols);
  const dependence = importance.slice(0, DEPENDENCE_FEATURES).map((f) => {
    const g = groups.find((q) => q.name === f.name)!;
    const levels = g.columns.map((j) => x.names[j]!.slice(x.names[j]!.indexOf('=') + 1));
    const pd = partialDependence(pdValues, pdRows, x.cols, g, levels, predict, c);
    const j = g.columns[0]!;
    const raw = (v: number) => (input.unscale && g.columns.length === 1 ? v * input.unscale.sds[j]! + input.unscale.means[j]! : v);
    return { name: pd.name, grid: pd.grid.map((p) => (g.columns.length === 1 ? { label: gridLabel(raw(p.value)), value: raw(p.value) } : p)), mean: pd.mean };
  });
  return {
    baseline: {
      model: 'logistic regression', macroF1: lrMetrics.macroF1, accuracy: lrMetrics.accuracy, balancedAccuracy: lrMetrics.balancedAccuracy,
      logLoss: logLoss(lrProba, yTest),
      ...(c === 2 ? { rocAuc: rocAuc(Float64Array.from(yTest, (_, r) => lrProba[r * 2 + 1]!), yTest) } : {}),
      ...(baseline.threshold === undefined ? {} : { threshold: baseline.threshold.value }),
    },
    importance: { metric: 'log-loss increase', rows: sampled.length, repeats, features: importance },
    partialDependence: { rows: pdRows, classes: [...classes], features: dependence },
  };
}


/** A grid value as a chart reads it: four significant digits, float noise around zero shown as 0. */
function gridLabel(v: number): string {
  return Math.abs(v) < 1e-6 ? '0' : String(Number(v.toPrecision(4)));
}
