import { chiSquareTest } from './chi-square-test.js';
import type { DriftCounts, NumericCounts } from './drift-counts.js';
import { driftThresholdsOf, thresholdsFor, type DriftSettings, type FeatureDriftRule } from './drift-settings.js';
import { bandOf, worstVerdict, type DriftThresholds, type DriftVerdict } from './drift-verdict.js';
import { exactSumValue, mergeExactSums } from './exact-sum.js';
import { jensenShannonDistance } from './jensen-shannon-distance.js';
import { populationStabilityIndex } from './population-stability-index.js';
import { trainingAtom } from './training-constant.js';
import { binnedWasserstein, normalisedWasserstein } from './wasserstein-distance.js';

export const DRIFT_REPORT_FORMAT = 'clientseg.drift/1';

/** What set a feature's verdict apart from the global bands (absent when nothing did). */
interface FeatureRuleMarks {
  /** Set by the drift settings: measured and shown, but not counted in the overall verdict. */
  readonly excluded?: true;
  /** This feature's own bands (drift settings), when it has any. */
  readonly thresholds?: DriftThresholds;
}

/** Reference and current counts on the reference's bins, for a plot of a drifting feature. */
export interface BinnedDistribution {
  /** Interior edges: bin 0 is below edges[0], the last bin at or above the last edge. */
  readonly edges: readonly number[];
  readonly reference: readonly number[];
  readonly current: readonly number[];
}

/** Which counts the run was compared with: the model's training data, or stored runs. */
export interface DriftReferenceSource {
  readonly kind: 'model' | 'seasonal' | 'pooled';
  /** The runs whose counts made the reference (seasonal: one; pooled: several). */
  readonly runs?: readonly { readonly id?: string; readonly asOf: string }[];
  /** Why the reference is the model's although the settings asked for another (no run found). */
  readonly fallback?: string;
}

export interface NumericDrift extends FeatureRuleMarks {
  readonly name: string;
  readonly kind: 'numeric';
  readonly psi: number;
  /** W₁ / reference σ (Infinity when the reference is constant and the values moved). */
  readonly wasserstein: number;
  readonly reference: { readonly n: number; readonly mean: number; readonly std: number };
  readonly current: { readonly n: number; readonly mean: number; readonly std: number };
  /**
   * Only for a feature that had one value at training: then this decides the verdict, and PSI
   * and Wasserstein are reported but do not (absent from documents written before it existed).
   */
  readonly constantAtTraining?: ConstantShift;
  /**
   * Only for a feature at one value for all but fewer than `thresholds.minRows` training clients
   * (a spike at 0 with a handful of clients off it): judged as a constant is, by the share away.
   */
  readonly nearlyConstantAtTraining?: NearlyConstantShift;
  /** Only when the verdict is not ok: the histograms to plot. */
  readonly distribution?: BinnedDistribution;
  readonly verdict: DriftVerdict;
}

/** How many of a run's clients left the value a feature had for every client at training. */
export interface ConstantShift {
  /** The training value. */
  readonly value: number;
  /** Share of this run's clients with a value (missing ones aside) whose value is not it. */
  readonly shareAway: number;
  /** Jensen–Shannon distance of the split at / away from the value, training (all at) against this run. */
  readonly jensenShannon: number;
}

/** A `ConstantShift` whose training value some training clients (fewer than `minRows`) were away from. */
export interface NearlyConstantShift extends ConstantShift {
  /** Share of the training clients with a value away from it. */
  readonly shareAwayAtTraining: number;
}

export interface CategoricalDrift extends FeatureRuleMarks {
  readonly name: string;
  readonly kind: 'categorical';
  readonly jensenShannon: number;
  readonly chiSquare: number;
  readonly df: number;
  readonly pValue: number;
  readonly cramersV: number;
  readonly categories: readonly ShareChange[];
  readonly verdict: DriftVerdict;
}

/** One category's share before and after, judged on its own (this category against the rest). */
export interface ShareChange {
  readonly name: string;
  readonly reference: number;
  readonly current: number;
  readonly jensenShannon: number;
  readonly verdict: DriftVerdict;
}

export interface DriftReport {
  readonly format: typeof DRIFT_REPORT_FORMAT;
  readonly verdict: DriftVerdict;
  readonly rows: { readonly reference: number; readonly current: number };
  /** True when either side has fewer rows than `thresholds.minRows`: verdicts are held at `ok`. */
  readonly lowSample: boolean;
  /** The global bands (a feature's own, from the drift settings, are on the feature). */
  readonly thresholds: DriftThresholds;
  /** What the run was compared with (absent from documents written before drift settings: the model's reference). */
  readonly reference?: DriftReferenceSource;
  /** Numeric features, then categorical client columns. */
  readonly features: readonly (NumericDrift | CategoricalDrift)[];
  /** Behavioural segment shares: the mix as a whole, and per segment. */
  readonly segments: CategoricalDrift;
  /** Shares of predicted risk classes, and per need the share of clients predicted to have it. */
  readonly predictions: { readonly risk: CategoricalDrift; readonly needs: readonly ShareChange[] };
}

/**
 * Drift of a run against the model's reference, from counts alone (so it works the same on one
 * pass, on merged shards or on summed runs). Numeric features: PSI and normalised Wasserstein;
 * categorical columns and shares: Jensen–Shannon distance, with chi-square reported beside it.
 * Effect sizes decide the three-band verdict, never a p-value; the overall verdict is the worst
 * of features, segment shares and prediction shares. A feature constant at training has no
 * spread to scale a distance by: it is judged by the share of clients away from its value, as
 * a category's share is (`constantAtTraining`); so is a feature at one value for all but fewer
 * than `minRows` training clients, whose spread those few clients make (`nearlyConstantAtTraining`). Categorical columns absent from `current`
 * (a feature table has no client records) are left out, not counted as vanished.
 *
 * `settings` (docs/data-science.md, "Drift settings") moves the bands, globally or for one
 * feature, client column, `behaviour_segment` or `risk_segment`, and excludes some from the
 * overall verdict: an excluded one is still measured and shown with its own verdict, marked
 * `excluded`. `source` only describes the reference in the report; `reference` is the counts.
 *
 * @example
 * const report = compareDrift(model.driftReference, currentCounts, { features: { recency_days: { exclude: true } } });
 * report.verdict; // 'ok'
 */
export function compareDrift(
  reference: DriftCounts, current: DriftCounts, settings: DriftSettings = {}, source: DriftReferenceSource = { kind: 'model' },
): DriftReport {
  const thresholds = driftThresholdsOf(settings);
  const rules: Readonly<Record<string, FeatureDriftRule>> = settings.features ?? {};
  const lowSample = reference.rows < thresholds.minRows || current.rows < thresholds.minRows;
  const guard = (v: DriftVerdict): DriftVerdict => (lowSample ? 'ok' : v);
  const judged = <T extends { readonly name: string; readonly verdict: DriftVerdict }>(drift: T): T & FeatureRuleMarks => {
    const rule = rules[drift.name];
    if (rule === undefined) return drift;
    const own = rule.psi !== undefined || rule.wasserstein !== undefined || rule.jensenShannon !== undefined;
    return { ...drift, ...(rule.exclude === true ? { excluded: true as const } : {}), ...(own ? { thresholds: thresholdsFor(thresholds, rule) } : {}) };
  };
  const bandsOf = (name: string): DriftThresholds => thresholdsFor(thresholds, rules[name]);
  const byName = new Map(current.features.map((f) => [f.name, f]));
  const numeric = reference.features.map((ref) => {
    const cur = byName.get(ref.name);
    if (cur === undefined) throw new RangeError(`the current counts have no feature ${ref.name}`);
    return judged(numericDrift(ref, cur, bandsOf(ref.name), guard));
  });
  const columns = Object.keys(reference.categories).filter((c) => c in current.categories).sort();
  const categorical = columns.map((c) => judged(categoricalDrift(c, reference.categories[c]!, current.categories[c] ?? {}, reference.rows, current.rows, bandsOf(c), guard)));
  const segments = judged(categoricalDrift('behaviour_segment', reference.segments, current.segments, reference.rows, current.rows, bandsOf('behaviour_segment'), guard));
  const risk = judged(categoricalDrift('risk_segment', reference.risk, current.risk, reference.rows, current.rows, bandsOf('risk_segment'), guard));
  const needs = Object.keys(reference.needs).map((need) =>
    shareChange(need, reference.needs[need]!, reference.rows, current.needs[need] ?? 0, current.rows, thresholds, guard));
  const counted = (f: FeatureRuleMarks & { readonly verdict: DriftVerdict }): DriftVerdict[] => (f.excluded === true ? [] : [f.verdict]);
  const verdict = worstVerdict([
    ...numeric.flatMap(counted), ...categorical.flatMap(counted),
    ...counted(segments), ...counted(risk), ...needs.map((n) => n.verdict),
  ]);
  return {
    format: DRIFT_REPORT_FORMAT, verdict, rows: { reference: reference.rows, current: current.rows }, lowSample, thresholds, reference: source,
    features: [...numeric, ...categorical], segments, predictions: { risk, needs },
  };
}

function numericDrift(ref: NumericCounts, cur: NumericCounts, th: DriftThresholds, guard: (v: DriftVerdict) => DriftVerdict): NumericDrift {
  if (ref.edges.length !== cur.edges.length || ref.edges.some((e, i) => e !== cur.edges[i])) {
    throw new RangeError(`${ref.name} was counted on other edges than the reference's`);
  }
  const psi = populationStabilityIndex(ref.counts, cur.counts);
  const refMoments = moments(ref), curMoments = moments(cur);
  const w1 = binnedWasserstein({ counts: ref.counts, sums: ref.sums.map(exactSumValue) }, { counts: cur.counts, sums: cur.sums.map(exactSumValue) });
  const wasserstein = normalisedWasserstein(w1, refMoments.std);
  const drift = { name: ref.name, kind: 'numeric' as const, psi, wasserstein, reference: refMoments, current: curMoments };
  const atom = trainingAtom(ref, th.minRows);
  const plotted = (verdict: DriftVerdict) => (verdict === 'ok' ? {} : { distribution: { edges: [...ref.edges], reference: [...ref.counts], current: [...cur.counts] } });
  if (atom === undefined) {
    const verdict = guard(worstVerdict([bandOf(psi, th.psi), bandOf(wasserstein, th.wasserstein)]));
    return { ...drift, ...plotted(verdict), verdict };
  }
  // σ = 0 makes any move an infinite normalised distance, and PSI against bins training left
  // empty is finite only through the pseudo-count (so its size follows n, not the shift). What
  // is left to measure is how many clients moved off the constant: a category's share. A σ made
  // by fewer than minRows clients off the value is the same in small: it follows which handful
  // of clients a draw holds, and a share still measures what moved.
  const at = cur.counts[atom.bin]!, away = curMoments.n - at;
  const jensenShannon = jensenShannonDistance([refMoments.n - atom.away, atom.away], [at, away]);
  const shift = { value: atom.value, shareAway: curMoments.n > 0 ? away / curMoments.n : 0, jensenShannon };
  const verdict = guard(bandOf(jensenShannon, th.jensenShannon));
  if (atom.away === 0) return { ...drift, constantAtTraining: shift, ...plotted(verdict), verdict };
  return { ...drift, nearlyConstantAtTraining: { ...shift, shareAwayAtTraining: atom.away / refMoments.n }, ...plotted(verdict), verdict };
}

function moments(f: NumericCounts): { n: number; mean: number; std: number } {
  const n = f.counts.reduce((s, c) => s + c, 0);
  if (n === 0) return { n, mean: 0, std: 0 };
  const mean = exactSumValue(f.sums.reduce((a, b) => mergeExactSums(a, b), [])) / n;
  const variance = exactSumValue(f.sumSquares) / n - mean * mean;
  return { n, mean, std: Math.sqrt(Math.max(0, variance)) };
}

function categoricalDrift(
  name: string, ref: Readonly<Record<string, number>>, cur: Readonly<Record<string, number>>, refRows: number, curRows: number,
  th: DriftThresholds, guard: (v: DriftVerdict) => DriftVerdict,
): CategoricalDrift {
  const keys = [...new Set([...Object.keys(ref), ...Object.keys(cur)])];
  const p = keys.map((k) => ref[k] ?? 0), q = keys.map((k) => cur[k] ?? 0);
  const jensenShannon = jensenShannonDistance(p, q);
  const chi = chiSquareTest(p, q);
  const categories = keys.map((k, i) => shareChange(k, p[i]!, refRows, q[i]!, curRows, th, guard));
  const verdict = guard(worstVerdict([bandOf(jensenShannon, th.jensenShannon), ...categories.map((c) => c.verdict)]));
  return { name, kind: 'categorical', jensenShannon, chiSquare: chi.statistic, df: chi.df, pValue: chi.pValue, cramersV: chi.cramersV, categories, verdict };
}

function shareChange(name: string, refCount: number, refRows: number, curCount: number, curRows: number, th: DriftThresholds, guard: (v: DriftVerdict) => DriftVerdict): ShareChange {
  const jensenShannon = jensenShannonDistance([refCount, refRows - refCount], [curCount, curRows - curCount]);
  return {
    name,
    reference: refRows > 0 ? refCount / refRows : 0,
    current: curRows > 0 ? curCount / curRows : 0,
    jensenShannon,
    verdict: guard(bandOf(jensenShannon, th.jensenShannon)),
  };
}
