import { MIN_POSITIVES } from '../monitor/min-positives.js';
import { honestText, tooFew } from './honest-figure.js';
import { skippedNeedsText, skippedRiskText } from './skipped-part-text.js';
import type { NeedsSection, RiskSection, TrainedRiskSection, TrainingReport } from './training-report.js';

/** The resolved parameters a card lists; each group is plain JSON, as in the manifest. */
export interface ModelCardParams {
  readonly segments: object;
  readonly classifier: object;
  readonly needs: object;
  readonly needRules: readonly NeedRuleLine[];
}
interface NeedRuleLine {
  readonly need: string;
  readonly types: readonly string[];
  readonly assetClasses?: readonly string[];
  readonly productRisks?: readonly string[];
  readonly currency?: string;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const num = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');

/**
 * A short model card (Markdown) for the bundle: what the model is for, how good, its limits and,
 * given `params`, the parameters and need rules it was trained with.
 */
export function renderModelCard(r: TrainingReport, params?: ModelCardParams): string {
  const lines = [
    `# Model card: ${r.model.name}`,
    '',
    `Trained as of ${r.model.asOf} with seed ${r.model.seed} on the ${r.model.backend} backend, feature catalogue ${r.model.featureCatalogueVersion}.`,
    '',
    '## Intended use',
    'Segments wealth-management clients for advisors: behavioural segment, predicted risk segment and predicted needs, with reasons.',
    'Predictions support an advisor\'s judgement; they never replace the client\'s risk questionnaire, which alone decides suitability (投资者适当性).',
    '',
    '## Data',
    `${r.data.clients.accepted} clients (${r.data.clients.rejected} rejected), ${r.data.transactions.accepted} transactions (${r.data.transactions.rejected} rejected); features over ${r.data.windowMonths} months before as-of, needs labels from ${r.data.horizonDays} days after it.`,
    '',
    '## Behavioural segments',
    `k = ${r.segments.k} (${r.segments.chosenBy === 'silhouette' ? 'chosen by silhouette' : 'fixed'}).`,
    ...r.segments.profiles.map((p) => {
      const st = r.segments.stability.bootstrap.perSegment.find((s) => s.id === p.id);
      return `- ${p.id}: ${p.zh} / ${p.en}: ${p.size} clients${st ? `, bootstrap Jaccard ${num(st.jaccard)} (${st.verdict})` : ''}`;
    }),
    `Silhouette ${num(r.segments.quality.silhouette)}, Davies–Bouldin ${num(r.segments.quality.daviesBouldin)}; ARI between seeded restarts ${num(r.segments.stability.restarts.meanAri)}.`,
    ...unreliable(r),
    '',
    `## Risk segment (target \`${r.risk.target}\`)`,
    ...riskLines(r.risk),
    '',
    '## Needs',
    ...needsLines(r.needs),
    '',
    ...(params === undefined ? [] : paramLines(params)),
    ...(r.warnings.length > 0 ? ['## Warnings', ...r.warnings.map((w) => `- \`${w.code}\`: ${w.message}`), ''] : []),
    '## Limits',
    '- Questionnaire labels are noisy: risk accuracy is capped by how often the declared level differs from the client\'s true tolerance.',
    '- Needs are learned from take-ups in one horizon; a need never taken up in the training data cannot be predicted.',
    '- Retrain when the scoring report\'s drift verdict is `alert`.',
    '',
  ];
  return lines.join('\n');
}

function riskLines(risk: RiskSection): string[] {
  if (risk.skipped !== undefined) return [skippedRiskText(risk).en, '', skippedRiskText(risk).zh];
  return [
    `Trained on ${risk.trainRows} labelled clients${risk.sampledFrom ? ` (a seeded sample of ${risk.sampledFrom})` : ''} (${risk.stale} stale and ${risk.missing} missing labels left out), measured on ${risk.testRows} held out.`,
    `Macro-F1 ${honestText(risk.test.macroF1, Math.min(...risk.test.perClass.map((c) => c.support)), risk.intervals.macroF1)} against ${num(risk.test.baseline.macroF1)} for always predicting "${risk.test.baseline.class}"; balanced accuracy ${num(risk.test.balancedAccuracy)}; log-loss ${num(risk.logLoss)} (baseline ${num(risk.baselineLogLoss)}); ECE ${num(risk.calibration.ece)}${risk.calibration.miscalibrated ? ' (miscalibrated)' : ''}.`,
    ...weakSlices(risk),
  ];
}

function needsLines(needs: NeedsSection): string[] {
  if (needs.skipped !== undefined) return [skippedNeedsText(needs).en, '', skippedNeedsText(needs).zh];
  return [
    '| need | prevalence | AUC | precision in top decile |',
    '|---|---|---|---|',
    ...needs.perNeed.map((m, j) => `| ${m.need} | ${pct(m.prevalence)} | ${honestText(m.auc, m.positives, needs.aucIntervals[j])} | ${m.positives < MIN_POSITIVES ? tooFew(m.positives).en : pct(m.precisionAtTopDecile)} |`),
    '',
    `AUC with its bootstrap 95% interval (200 resamples of the held-out rows); no AUC, F1 or precision is given from fewer than ${MIN_POSITIVES} positives.`,
  ];
}

function unreliable(r: TrainingReport): string[] {
  const ids = r.segments.stability.bootstrap.perSegment.filter((s) => s.verdict === 'unreliable').map((s) => s.id);
  return ids.length > 0 ? [`Segments ${ids.join(', ')} are unreliable (bootstrap Jaccard below 0.6): do not act on them alone.`] : [];
}

/** Groups where the risk classifier does no better than the majority baseline. */
function weakSlices(risk: TrainedRiskSection): string[] {
  const { byTier, byLifecycle, minRows } = risk.slices;
  const weak = [...byTier, ...byLifecycle].filter((s) => s.metrics && s.metrics.macroF1 <= s.metrics.baseline.macroF1).map((s) => s.name);
  const few = [...byTier, ...byLifecycle].filter((s) => !s.metrics).map((s) => `${s.name} (${s.n})`);
  return [
    ...(weak.length > 0 ? [`No better than the baseline for: ${weak.join(', ')}.`] : []),
    ...(few.length > 0 ? [`Too few held-out clients (below ${minRows}) to measure: ${few.join(', ')}.`] : []),
  ];
}

/** The parameters as one JSON block per group (every default filled in) and the need rules as a table. */
function paramLines(p: ModelCardParams): string[] {
  const any = (list: readonly string[] | undefined): string => (list === undefined ? 'any' : list.join(', '));
  return [
    '## Parameters',
    'Every value the fits ran with, defaults included (docs/params.md); a params file with these groups retrains the same way.',
    '',
    '```json',
    JSON.stringify({ segments: p.segments, classifier: p.classifier, needs: p.needs }, null, 2),
    '```',
    '',
    '## Need rules',
    'A need counts as taken up when a transaction in the horizon matches one of its rules and none matched in the feature window.',
    '',
    '| need | transaction types | asset classes | product risk | currency |',
    '|---|---|---|---|---|',
    ...p.needRules.map((rule) => `| ${rule.need} | ${rule.types.join(', ')} | ${any(rule.assetClasses)} | ${any(rule.productRisks)} | ${rule.currency ?? 'any'} |`),
    '',
  ];
}
