import type { TrainingReport } from './training-report.js';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const num = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');

/** A short model card (Markdown) for the bundle: what the model is for, how good, and its limits. */
export function renderModelCard(r: TrainingReport): string {
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
    ...r.segments.profiles.map((p) => `- ${p.id}: ${p.zh} / ${p.en}: ${p.size} clients`),
    '',
    `## Risk segment (target \`${r.risk.target}\`)`,
    `Trained on ${r.risk.trainRows} labelled clients${r.risk.sampledFrom ? ` (a seeded sample of ${r.risk.sampledFrom})` : ''} (${r.risk.stale} stale and ${r.risk.missing} missing labels left out), measured on ${r.risk.testRows} held out.`,
    `Macro-F1 ${num(r.risk.test.macroF1)} against ${num(r.risk.test.baseline.macroF1)} for always predicting "${r.risk.test.baseline.class}"; balanced accuracy ${num(r.risk.test.balancedAccuracy)}; ECE ${num(r.risk.calibration.ece)}.`,
    '',
    '## Needs',
    '| need | prevalence | AUC | precision in top decile |',
    '|---|---|---|---|',
    ...r.needs.perNeed.map((m) => `| ${m.need} | ${pct(m.prevalence)} | ${num(m.auc)} | ${pct(m.precisionAtTopDecile)} |`),
    '',
    '## Limits',
    '- Questionnaire labels are noisy: risk accuracy is capped by how often the declared level differs from the client\'s true tolerance.',
    '- Needs are learned from take-ups in one horizon; a need never taken up in the training data cannot be predicted.',
    '- Retrain when the scoring report\'s drift verdict is `alert`.',
    '',
  ];
  return lines.join('\n');
}
