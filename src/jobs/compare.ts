import { initBackend } from '../classify/init-backend.js';
import { formatDay } from '../core/days.js';
import { PipelineError } from '../core/errors.js';
import type { FeatureMatrix } from '../core/feature-matrix.js';
import { silentLogger } from '../core/logger.js';
import { Rng } from '../core/rng.js';
import type { NeedsLabels } from '../features/create-needs-labeler.js';
import { classifierSummary } from '../monitor/classifier-summary.js';
import { daviesBouldin } from '../monitor/davies-bouldin.js';
import { MIN_POSITIVES } from '../monitor/min-positives.js';
import { rocAuc } from '../monitor/roc-auc.js';
import { segmentAgreement } from '../monitor/segment-agreement.js';
import { silhouette } from '../monitor/silhouette.js';
import { fileFingerprint } from '../registry/file-fingerprint.js';
import type { CompareCheck, CompareResult, CompareRisk, CompareSide } from '../report/compare-report.js';
import { pickColumns } from '../segment/pick-columns.js';
import { segmentIdentity, type SegmentIdentity } from '../segment/segment-identity.js';
import type { BuildFeaturesOptions } from './build-features.js';
import { buildLabelledFeatures } from './build-labelled-features.js';
import { aucInterval, riskIntervals } from './held-out-intervals.js';
import { loadModel, type LoadedModel } from './load-model.js';
import { trainingTarget, type TrainingTarget } from './training-target.js';

/** The ingest inputs both models are measured on (the horizon's take-ups are the needs labels), and the two models. */
export interface CompareOptions extends BuildFeaturesOptions {
  /** The model in service: a bundle folder, models/NAME (its champion) or models/NAME@champion. */
  champion: string;
  /** The candidate, e.g. models/NAME@challenger. */
  challenger: string;
  /** Seeds the silhouette sample (the same rows for both models). Default 'compare'. */
  seed?: number | string;
}

/**
 * How much worse a challenger may be before it counts as worse: below these the two models are
 * the same within noise. The risk tolerances grow with the noise of the comparison: macro-F1 and
 * balanced accuracy by `accuracyTolerance`, log-loss to two standard errors of the paired
 * per-client difference; an ECE rise counts only when the challenger is flagged miscalibrated.
 */
export const COMPARE_TOLERANCES = { macroF1: 0.02, balancedAccuracy: 0.02, logLoss: 0.03, ece: 0.02, meanNeedAuc: 0.02, silhouette: 0.05 } as const;

/** Needs whose labels have fewer positives or negatives than this are not compared (no AUC from fewer). */
const MIN_CLASS_ROWS = MIN_POSITIVES;
const SILHOUETTE_SAMPLE = 5000;

/**
 * Champion against challenger on the same clients: features are built once, both models score
 * them, and the report sets their metrics side by side (risk on clients with a usable label,
 * needs on the take-ups in the horizon, silhouette), the agreement of their segmentations, and a
 * recommendation: promote the challenger when it is no worse than the champion on any check,
 * keep the champion otherwise.
 *
 * @example
 * const { recommendation } = await compare({ champion: 'models/retail', challenger: 'models/retail@challenger', clientsPath, transactionsPath, asOf, rejectsPath });
 */
export async function compare(options: CompareOptions): Promise<CompareResult> {
  const log = options.log ?? silentLogger();
  const champion = await loadModel(options.champion);
  let challenger: LoadedModel | undefined;
  try {
    challenger = await loadModel(options.challenger);
    const targetColumn = riskTarget(champion);
    if (riskTarget(challenger) !== targetColumn) {
      throw new PipelineError('config_invalid', `the champion learns ${targetColumn} and the challenger ${riskTarget(challenger)}; compare models of the same target`);
    }
    await initBackend('auto', log);
    const horizonDays = options.horizonDays ?? 90;
    const windowMonths = options.windowMonths ?? 12;
    // Both models are measured on the challenger's need rules: the bank's current reading of its take-ups.
    const built = await buildLabelledFeatures({ ...options, horizonDays, windowMonths, needRules: challenger.needRules, log });
    const { matrix, needLabels } = built;
    const clients = built.ingest.clients;
    const target = trainingTarget(targetColumn, clients, options.asOf, champion.rules.suitability.assessmentMaxAgeDays);
    const observed = needLabels.observedInHorizon.reduce((s, v) => s + v, 0);
    const sample = new Rng(options.seed ?? 'compare').fork('silhouette-sample').permutation(matrix.rows).subarray(0, Math.min(SILHOUETTE_SAMPLE, matrix.rows));
    const fingerprints = { clients: await fileFingerprint(options.clientsPath), transactions: await fileFingerprint(options.transactionsPath) };

    // Each side's intervals from the same seeded draws, so the two are resampled alike.
    const intervals = new Rng(options.seed ?? 'compare').fork('intervals');
    const a = evaluate(options.champion, champion, matrix, target, observed > 0 ? needLabels : undefined, sample, fingerprints, intervals);
    const b = evaluate(options.challenger, challenger, matrix, target, observed > 0 ? needLabels : undefined, sample, fingerprints, intervals);
    const both = new Set(a.side.needs.filter((n) => n.auc !== null).map((n) => n.need));
    for (const n of b.side.needs) if (n.auc === null) both.delete(n.need);
    const sides = [a, b].map((e) => ({ ...e.side, meanNeedAuc: meanAuc(e.side.needs, both) }));
    const championSide = sides[0]!, challengerSide = sides[1]!;

    const checks = compareChecks(championSide, challengerSide, disagreement(a.riskClass, b.riskClass, target.y), pairedSpread(a.rowLogLoss, b.rowLogLoss));
    const segments = segmentAgreement(a.segmentIds, b.segmentIds);
    const identity = segmentIdentity(champion, challenger);
    const warnings = [
      ...identityWarnings(identity),
      ...sides.filter((s) => !s.riskModel).map((s) => `${s.ref} has no risk classifier (trained without usable labels: risk_unlabelled): its risk figures are absent`),
      ...sides.filter((s) => !s.needsModel).map((s) => `${s.ref} has no needs model (no take-ups in its training horizon: needs_unlabelled): its needs figures are absent`),
      ...(target.labelled === 0 ? [`no client has a usable ${targetColumn} label: the risk classifiers are not compared`] : []),
      ...(observed === 0 ? [`no transactions after ${formatDay(options.asOf)}: the needs models are not compared (pass data with a horizon of take-ups)`] : []),
      ...sides.filter((s) => s.trainedOnTheseInputs).map((s) => `${s.ref} was trained on these very inputs: its figures are optimistic; compare on a later snapshot for a fair test`),
    ];
    const result: CompareResult = {
      asOf: formatDay(options.asOf), clients: matrix.rows,
      labels: { riskTarget: targetColumn, riskLabelled: target.labelled, riskStale: target.stale, riskMissing: target.missing, needsObserved: observed },
      champion: championSide, challenger: challengerSide, segments, identity, checks,
      recommendation: recommend(championSide, challengerSide, checks, segments.changedShare, identity),
      warnings,
    };
    log.info({ decision: result.recommendation.decision, ari: segments.ari, changed: segments.changed }, 'models compared');
    return result;
  } finally {
    champion.dispose();
    challenger?.dispose();
  }
}

function riskTarget(model: LoadedModel): string {
  const target = model.manifest.params['target'];
  return typeof target === 'string' ? target : 'declared_risk';
}

interface Evaluated {
  readonly side: Omit<CompareSide, 'meanNeedAuc'>;
  readonly segmentIds: Int32Array;
  /** Most probable class name per client. */
  readonly riskClass: readonly string[];
  /** −ln p(true class) per client; NaN without a usable label. */
  readonly rowLogLoss: Float64Array;
}

function evaluate(
  ref: string, model: LoadedModel, matrix: FeatureMatrix, target: TrainingTarget, labels: NeedsLabels | undefined,
  sample: Uint32Array, fingerprints: { clients: string; transactions: string }, rng: Rng,
): Evaluated {
  const z = model.scaler.transform(matrix);
  const x = { names: matrix.names, rows: matrix.rows, cols: matrix.cols, values: z };
  const cols = model.segments.features.length;
  const zb = pickColumns(z, matrix.rows, matrix.cols, model.segments.features.map((f) => matrix.names.indexOf(f)));
  const assignment = model.segments.assign(zb, matrix.rows);
  // Silhouette and Davies–Bouldin in the space the segments were fitted in (the model's weights).
  const zw = model.segments.weigh(zb, matrix.rows);
  // A model trained without labels has no risk (or needs) model: its side says so, and no check runs on it.
  const classes = model.riskClasses;
  const c = classes.length;
  const proba = model.risk?.predictProba(x) ?? new Float32Array(0);
  // The data's label order may differ from the model's: map by class name.
  const y = Int32Array.from(target.y, (t) => (t < 0 ? -1 : classes.indexOf(target.classes[t]!)));
  const risk = model.risk !== undefined && y.some((v) => v >= 0) ? honestRisk(y, proba, classes, rng.fork('risk')) : null;
  const riskClass = model.risk === undefined ? new Array<string>(matrix.rows).fill('') : Array.from(model.risk.classesFrom(proba), (k) => classes[k]!);
  const rowLogLoss = Float64Array.from(y, (t, i) => (t < 0 || c === 0 ? Number.NaN : -Math.log(Math.min(1, Math.max(1e-15, proba[i * c + t]!)))));
  const needsModel = model.needs;
  const needProba = needsModel?.predictProba(x) ?? new Float32Array(0);
  const k = needsModel?.needs.length ?? 0;
  const needs = (needsModel?.needs ?? []).map((need, j) => {
    const at = labels ? (labels.needs as readonly string[]).indexOf(need) : -1;
    if (!labels || at < 0) return { need, positives: 0, auc: null, aucInterval: null };
    const width = labels.needs.length;
    const y01 = Uint8Array.from({ length: matrix.rows }, (_, i) => labels.labels[i * width + at]!);
    const positives = y01.reduce((s, v) => s + v, 0);
    const enough = positives >= MIN_CLASS_ROWS && matrix.rows - positives >= MIN_CLASS_ROWS;
    if (!enough) return { need, positives, auc: null, aucInterval: null };
    const scores = Float64Array.from({ length: matrix.rows }, (_, i) => needProba[i * k + j]!);
    return { need, positives, auc: rocAuc(scores, y01), aucInterval: aucInterval(scores, y01, rng.fork(`need-${need}`)) };
  });
  const used = new Set(assignment.index).size;
  const manifestInputs = model.manifest.inputFingerprints;
  return {
    side: {
      ref, dir: model.dir, version: model.version, riskModel: model.risk !== undefined, needsModel: needsModel !== undefined, risk, needs,
      segments: {
        k: model.segments.k,
        silhouette: used >= 2 ? silhouette(zw, matrix.rows, cols, assignment.index, sample) : Number.NaN,
        daviesBouldin: used >= 2 ? daviesBouldin(zw, matrix.rows, cols, assignment.index, model.segments.weigh(model.segments.centroids, model.segments.k)) : Number.NaN,
      },
      trainedOnTheseInputs: manifestInputs['clients'] === fingerprints.clients && manifestInputs['transactions'] === fingerprints.transactions,
    },
    segmentIds: assignment.ids, riskClass, rowLogLoss,
  };
}

/** classifierSummary with macro-F1 withheld below MIN_POSITIVES in the rarest class, and its interval beside it. */
function honestRisk(y: Int32Array, proba: Float32Array, classes: readonly string[], rng: Rng): CompareRisk {
  const summary = classifierSummary(y, proba, classes);
  const labelled = Uint32Array.from(y.keys()).filter((i) => y[i]! >= 0);
  const c = classes.length;
  const yl = Int32Array.from(labelled, (i) => y[i]!);
  const pl = Float32Array.from({ length: labelled.length * c }, (_, r) => proba[labelled[Math.floor(r / c)]! * c + (r % c)]!);
  const predicted = Int32Array.from(labelled, (_, r) => {
    let best = 0;
    for (let q = 1; q < c; q++) if (pl[r * c + q]! > pl[r * c + best]!) best = q;
    return best;
  });
  const counts = classes.map((_, q) => yl.reduce((n, v) => n + (v === q ? 1 : 0), 0));
  const smallestClass = Math.min(...counts);
  const enough = smallestClass >= MIN_POSITIVES;
  return {
    ...summary, macroF1: enough ? summary.macroF1 : null, smallestClass,
    macroF1Interval: enough ? riskIntervals(yl, predicted, pl, classes, rng).macroF1 : null,
  };
}

function meanAuc(needs: CompareSide['needs'], measurable: ReadonlySet<string>): number | null {
  const aucs = needs.filter((n) => measurable.has(n.need) && n.auc !== null).map((n) => n.auc!);
  return aucs.length > 0 ? aucs.reduce((s, v) => s + v, 0) / aucs.length : null;
}

/** Share of labelled clients on which the two risk classifiers disagree, and how many are labelled. */
function disagreement(a: readonly string[], b: readonly string[], y: Int32Array): { share: number; n: number } {
  let n = 0, differ = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i]! < 0) continue;
    n++;
    if (a[i] !== b[i]) differ++;
  }
  return { share: n > 0 ? differ / n : 0, n };
}

/** Two standard errors of the mean paired difference b − a over the rows where both are defined. */
function pairedSpread(a: Float64Array, b: Float64Array): number {
  let n = 0, sum = 0, sq = 0;
  for (let i = 0; i < a.length; i++) {
    const d = b[i]! - a[i]!;
    if (Number.isNaN(d)) continue;
    n++; sum += d; sq += d * d;
  }
  if (n < 2) return 0;
  const variance = (sq - (sum * sum) / n) / (n - 1);
  return 2 * Math.sqrt(Math.max(0, variance) / n);
}

/**
 * The tolerance for a difference in an accuracy-like metric of two classifiers on the same rows:
 * the fixed floor, or two standard errors of the paired difference, √(disagreement share / n)
 * (McNemar), whichever is larger: on a few hundred labels a 0.02 difference is noise.
 */
export function accuracyTolerance(floor: number, disagreementShare: number, n: number): number {
  return n > 0 ? Math.max(floor, 2 * Math.sqrt(disagreementShare / n)) : floor;
}

function compareChecks(a: CompareSide, b: CompareSide, differ: { share: number; n: number }, logLossSpread: number): CompareCheck[] {
  const checks: CompareCheck[] = [];
  const add = (metric: string, better: 'higher' | 'lower', champion: number | null | undefined, challenger: number | null | undefined, tolerance: number, worseToo: (v: number) => boolean = () => true) => {
    if (champion === null || champion === undefined || challenger === null || challenger === undefined || !Number.isFinite(champion) || !Number.isFinite(challenger)) return;
    const delta = challenger - champion;
    const gain = better === 'higher' ? delta : -delta;
    const verdict = gain < -tolerance && worseToo(challenger) ? 'worse' : gain > tolerance ? 'better' : 'same';
    checks.push({ metric, better, champion, challenger, delta, tolerance, verdict });
  };
  const T = COMPARE_TOLERANCES;
  add('risk macro-F1', 'higher', a.risk?.macroF1, b.risk?.macroF1, accuracyTolerance(T.macroF1, differ.share, differ.n));
  add('risk balanced accuracy', 'higher', a.risk?.balancedAccuracy, b.risk?.balancedAccuracy, accuracyTolerance(T.balancedAccuracy, differ.share, differ.n));
  add('risk log-loss', 'lower', a.risk?.logLoss, b.risk?.logLoss, Math.max(T.logLoss, logLossSpread));
  // A rise in ECE only matters once the challenger is visibly miscalibrated (the training report's flag).
  add('risk ECE', 'lower', a.risk?.ece, b.risk?.ece, T.ece, () => b.risk?.miscalibrated === true);
  add('needs mean AUC', 'higher', a.meanNeedAuc, b.meanNeedAuc, T.meanNeedAuc);
  add('segments silhouette', 'higher', a.segments.silhouette, b.segments.silhouette, T.silhouette);
  return checks;
}

/**
 * One warning naming every segment id whose meaning changed: what it was, what it is now, and
 * where the old meaning went, so nobody reads a model change as clients moving.
 */
export function identityWarnings(identity: SegmentIdentity): string[] {
  if (!identity.comparable) return ['the two models share no segment feature: their segment ids are not comparable'];
  const changed = identity.segments.filter((s) => s.status === 'moved' || s.status === 'renamed');
  if (changed.length === 0) return [];
  const one = (s: (typeof changed)[number]) => {
    const what = `${s.before!.en} → ${s.after!.en}`;
    if (s.status === 'renamed') return `${s.id} renamed (${what}, centroid moved ${s.distance!.toFixed(2)} ≤ ${s.limit?.toFixed(2) ?? '∞'})`;
    const went = s.meaningNowAt === null ? 'no segment of the challenger is within reach of the old one' : `the old meaning is now id ${s.meaningNowAt}`;
    return `${s.id} changed meaning (${what}; centroid moved ${s.distance?.toFixed(2) ?? '?'} > ${s.limit?.toFixed(2) ?? '∞'}; ${went})`;
  };
  return [`segment ids change meaning between the two models: ${changed.map(one).join('; ')}. Tell the advisors before promoting; migration across the two versions maps ids through the alignment`];
}

function recommend(a: CompareSide, b: CompareSide, checks: readonly CompareCheck[], changedShare: number, identity: SegmentIdentity): CompareResult['recommendation'] {
  const f = (v: number) => v.toFixed(3);
  if (a.version === b.version) return { decision: 'keep_champion', reason: `the challenger is the champion's own version ${a.version}` };
  // Losing a model is worse than any figure: its clients would lose their risk segment or needs.
  const lost = [a.riskModel && !b.riskModel ? 'risk classifier (risk_unlabelled)' : '', a.needsModel && !b.needsModel ? 'needs model (needs_unlabelled)' : ''].filter(Boolean);
  if (lost.length > 0) return { decision: 'keep_champion', reason: `the challenger has no ${lost.join(' and no ')}: it was trained without the labels for it, and the champion has one` };
  const worse = checks.filter((c) => c.verdict === 'worse');
  if (worse.length > 0) {
    return { decision: 'keep_champion', reason: `the challenger is worse on ${worse.map((c) => `${c.metric} (${f(c.challenger)} vs ${f(c.champion)})`).join(', ')}` };
  }
  if (checks.length === 0) return { decision: 'keep_champion', reason: 'nothing to compare on: the data carries no risk labels, no needs horizon and too few segments' };
  const better = checks.filter((c) => c.verdict === 'better').map((c) => c.metric);
  const moved = changedShare > 0.2 ? `; ${(100 * changedShare).toFixed(0)}% of clients change segment, so tell the advisors` : '';
  const meaning = identity.flagged.length > 0 ? `; but segment id${identity.flagged.length > 1 ? 's' : ''} ${identity.flagged.join(', ')} change${identity.flagged.length > 1 ? '' : 's'} meaning (see the segment identity table)` : '';
  return {
    decision: 'promote',
    reason: `the challenger is no worse than the champion on any check${better.length > 0 ? ` and better on ${better.join(', ')}` : ' (the same within noise)'}${moved}${meaning}`,
  };
}
