import { FEATURE_LABELS } from '../features/feature-catalogue.js';
import type { CategoricalDrift, DriftReport, NumericDrift } from '../monitor/compare-drift.js';
import type { DriftVerdict } from '../monitor/drift-verdict.js';
import type { RealisedAccuracy } from '../monitor/realised-accuracy.js';
import { t, type Bilingual } from './bilingual.js';
import { binLabels, distributionChart } from './charts/distribution-chart.js';
import { driftChart } from './charts/drift-chart.js';
import { shareChart } from './charts/share-chart.js';
import { htmlTable, type Cell } from './html-table.js';

export const VERDICT_LABELS: Readonly<Record<DriftVerdict, Bilingual>> = {
  ok: { zh: '正常', en: 'ok' }, watch: { zh: '关注', en: 'watch' }, alert: { zh: '警报', en: 'alert' },
};

const CATEGORY_LABELS: Readonly<Record<string, Bilingual>> = {
  asset_tier: { zh: '资产层级', en: 'Asset tier' },
  declared_risk: { zh: '问卷风险等级', en: 'Declared risk' },
  lifecycle_stage: { zh: '生命周期阶段', en: 'Life-cycle stage' },
  marital_status: { zh: '婚姻状况', en: 'Marital status' },
};

const num = (x: number, d = 3): Cell => (Number.isFinite(x) ? Number(x.toFixed(d)) : '∞');
export const verdictCell = (v: DriftVerdict): Cell => ({ html: `<span class="verdict-${v}">${t(VERDICT_LABELS[v])}</span>` });
const labelOf = (name: string): Cell => {
  const label = FEATURE_LABELS[name] ?? CATEGORY_LABELS[name];
  return label === undefined ? name : { html: `${t(label)} <code>${name}</code>` };
};

/**
 * The drift section of the score report: the overall verdict, PSI and normalised Wasserstein per
 * numeric feature (and, for features constant at training, the share of clients away from the
 * training value, which decides), Jensen–Shannon per categorical column, and the segment and
 * prediction mixes against the model's training data.
 */
export function renderDriftSection(
  drift: DriftReport,
  accuracy?: RealisedAccuracy & { readonly training: Readonly<Record<string, unknown>> },
  segmentNames: Readonly<Record<string, string>> = {},
): string {
  const numeric = drift.features.filter((f): f is NumericDrift => f.kind === 'numeric');
  const categorical = drift.features.filter((f): f is CategoricalDrift => f.kind === 'categorical');
  const th = drift.thresholds;
  // A model without a risk classifier has no risk mix: leave it out rather than show an empty row.
  const riskMix = drift.predictions.risk.categories.length === 0 ? [] : [drift.predictions.risk];
  return [
    `<h2>${t({ zh: '数据漂移', en: 'Drift' })}</h2>`,
    `<p class="drift-verdict">${t({ zh: '总体结论', en: 'Overall verdict' })}: <span class="verdict-${drift.verdict}">${t(VERDICT_LABELS[drift.verdict])}</span> · `
      + `${t({ zh: `训练参考 ${drift.rows.reference} 人，本次 ${drift.rows.current} 人`, en: `reference ${drift.rows.reference} clients, this run ${drift.rows.current}` })}`
      + (drift.lowSample ? ` · ${t({ zh: `样本少于 ${th.minRows}，结论仅供参考`, en: `fewer than ${th.minRows} rows: verdicts held at ok` })}` : '') + '</p>',
    renderReferenceSource(drift),
    `<p>${t({ zh: `阈值：PSI ${th.psi[0]} 关注 / ${th.psi[1]} 警报；标准化 Wasserstein ${th.wasserstein[0]} / ${th.wasserstein[1]}；Jensen–Shannon 距离 ${th.jensenShannon[0]} / ${th.jensenShannon[1]}。卡方检验仅作参考，由效应量决定结论。`,
      en: `Thresholds: PSI ${th.psi[0]} watch / ${th.psi[1]} alert; normalised Wasserstein ${th.wasserstein[0]} / ${th.wasserstein[1]}; Jensen–Shannon distance ${th.jensenShannon[0]} / ${th.jensenShannon[1]}. Chi-square is shown for reference; effect sizes decide.` })}</p>`,
    '<div class="charts">',
    driftChart(numeric.map((f) => ({ name: f.name, value: f.psi, verdict: f.verdict })), { title: '各特征 PSI / PSI per feature', thresholds: th.psi }),
    driftChart(numeric.map((f) => ({ name: f.name, value: f.wasserstein, verdict: f.verdict })), { title: '标准化 Wasserstein / normalised Wasserstein', thresholds: th.wasserstein }),
    driftChart([...categorical, drift.segments, ...riskMix].map((f) => ({ name: f.name, value: f.jensenShannon, verdict: f.verdict })),
      { title: 'Jensen–Shannon 距离 / distance', thresholds: th.jensenShannon }),
    shareChart(drift.segments.categories.map((c) => ({ label: `${c.name} ${segmentNames[c.name] ?? ''}`.trim(), reference: c.reference, current: c.current })), { title: '行为客群占比 / segment shares' }),
    shareChart([...drift.predictions.risk.categories.map((c) => ({ label: c.name, reference: c.reference, current: c.current })),
      ...drift.predictions.needs.map((n) => ({ label: `need: ${n.name}`, reference: n.reference, current: n.current }))], { title: '预测分布 / prediction shares' }),
    '</div>',
    htmlTable([{ html: t({ zh: '特征', en: 'feature' }) }, 'PSI', 'Wasserstein', { html: t({ zh: '参考均值', en: 'reference mean' }) }, { html: t({ zh: '本次均值', en: 'current mean' }) }, { html: t({ zh: '结论', en: 'verdict' }) }],
      numeric.map((f) => [labelOf(f.name), num(f.psi), num(f.wasserstein), num(f.reference.mean), num(f.current.mean), verdictCell(f.verdict)])),
    renderConstants(numeric),
    htmlTable([{ html: t({ zh: '类别字段', en: 'column' }) }, 'Jensen–Shannon', 'χ²', 'df', 'p', "Cramér's V", { html: t({ zh: '结论', en: 'verdict' }) }],
      [...categorical, drift.segments, ...riskMix].map((f) => [labelOf(f.name), num(f.jensenShannon), num(f.chiSquare, 1), f.df, num(f.pValue, 4), num(f.cramersV), verdictCell(f.verdict)])),
    renderExcluded(drift),
    renderDistributions([...numeric, ...categorical]),
    accuracy === undefined ? '' : renderAccuracy(accuracy),
  ].join('\n');
}

/** Most plots shown; a run where everything moved still gives a page of a readable size. */
const MAX_DISTRIBUTION_PLOTS = 24;

/**
 * One small plot per feature whose verdict is not ok, alerts first: reference against this run
 * on the reference's bins (numeric) or categories (client columns).
 */
function renderDistributions(features: readonly (NumericDrift | CategoricalDrift)[]): string {
  const rank = (f: NumericDrift | CategoricalDrift) => (f.verdict === 'alert' ? 0 : 1);
  const moved = features.filter((f) => f.verdict !== 'ok').sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  if (moved.length === 0) return '';
  const plots = moved.slice(0, MAX_DISTRIBUTION_PLOTS).flatMap((f) => {
    const title = `${f.name} · ${f.verdict}${f.excluded === true ? ' (excluded)' : ''}`;
    if (f.kind === 'categorical') {
      return [distributionChart({ title, labels: f.categories.map((c) => c.name), reference: f.categories.map((c) => c.reference), current: f.categories.map((c) => c.current) })];
    }
    // Documents stored before the distributions were kept have none to draw.
    return f.distribution === undefined ? [] : [distributionChart({ title, labels: binLabels(f.distribution.edges), reference: f.distribution.reference, current: f.distribution.current })];
  });
  const more = moved.length - MAX_DISTRIBUTION_PLOTS;
  return [
    `<h3>${t({ zh: '漂移特征的分布', en: 'Distributions of the features that moved' })}</h3>`,
    `<div class="charts distributions">${plots.join('')}</div>`,
    more > 0 ? `<p>${t({ zh: `另有 ${more} 个特征未画出（见上表）。`, en: `${more} more not drawn (see the tables above).` })}</p>` : '',
  ].join('\n');
}

/** What the run was compared with, when it is not the model's training data (or was meant not to be). */
function renderReferenceSource(drift: DriftReport): string {
  const ref = drift.reference;
  if (ref === undefined || (ref.kind === 'model' && ref.fallback === undefined)) return '';
  if (ref.fallback !== undefined) {
    return `<p class="drift-reference">${t({ zh: `参考：模型训练数据（${ref.fallback}）`, en: `Reference: the model's training data (${ref.fallback})` })}</p>`;
  }
  const runs = (ref.runs ?? []).map((r) => r.asOf).join(', ');
  const kind = ref.kind === 'seasonal' ? { zh: '同期历史运行', en: 'the run at the same calendar phase' } : { zh: '多期运行合并', en: 'runs pooled' };
  return `<p class="drift-reference">${t({ zh: `参考：${kind.zh}（基准日 ${runs}），而非模型训练数据`, en: `Reference: ${kind.en} (as of ${runs}), not the model's training data` })}</p>`;
}

/** Features the drift settings leave out of the verdict, and features judged on their own bands. */
function renderExcluded(drift: DriftReport): string {
  const all = [...drift.features, drift.segments, drift.predictions.risk];
  const excluded = all.filter((f) => f.excluded === true);
  const own = all.filter((f) => f.thresholds !== undefined);
  if (excluded.length + own.length === 0) return '';
  const band = (b: readonly [number, number]) => `${b[0]} / ${b[1]}`;
  return [
    excluded.length === 0 ? '' : `<p>${t({ zh: '按漂移设置排除（仍计算并显示，不计入总体结论）：', en: 'Excluded by the drift settings (measured and shown, not counted in the overall verdict): ' })}`
      + `${excluded.map((f) => `<code>${f.name}</code> (${t(VERDICT_LABELS[f.verdict])})`).join(', ')}</p>`,
    own.length === 0 ? '' : htmlTable([{ html: t({ zh: '自定阈值的特征', en: 'feature with its own bands' }) }, 'PSI', 'Wasserstein', 'Jensen–Shannon'],
      own.map((f) => [labelOf(f.name), band(f.thresholds!.psi), band(f.thresholds!.wasserstein), band(f.thresholds!.jensenShannon)])),
  ].join('\n');
}

/** Features with one value at training, or all but a few clients (documents written before this was measured have none). */
function renderConstants(numeric: readonly NumericDrift[]): string {
  const constants = numeric.flatMap((f) => {
    const shift = f.constantAtTraining ?? f.nearlyConstantAtTraining;
    return shift === undefined ? [] : [{ f, shift, awayAtTraining: f.nearlyConstantAtTraining?.shareAwayAtTraining ?? 0 }];
  });
  if (constants.length === 0) return '';
  const pct = (share: number): string => `${(100 * share).toFixed(2)}%`;
  return [
    `<p>${t({ zh: '以下特征在训练时所有客户（或除不足最小样本数的少数客户外）取值相同，没有可靠的离散度可用于标准化距离：由偏离该值的客户占比判定（按类别占比的 Jensen–Shannon 阈值），上表的 PSI 和 Wasserstein 仅供参考。',
      en: 'Every training client (or all but fewer than the minimum sample) had the same value of these features, so there is no reliable spread to scale a distance by: the share of clients away from that value decides (on the Jensen–Shannon bands of a category\'s share); PSI and Wasserstein above are shown but do not decide.' })}</p>`,
    htmlTable([{ html: t({ zh: '特征', en: 'feature' }) }, { html: t({ zh: '训练时取值', en: 'training value' }) }, { html: t({ zh: '训练时偏离的客户', en: 'away at training' }) }, { html: t({ zh: '偏离该值的客户', en: 'clients away from it' }) }, 'Jensen–Shannon', { html: t({ zh: '结论', en: 'verdict' }) }],
      constants.map(({ f, shift, awayAtTraining }) => [labelOf(f.name), num(shift.value), pct(awayAtTraining), pct(shift.shareAway), num(shift.jensenShannon), verdictCell(f.verdict)])),
  ].join('\n');
}

function renderAccuracy(a: RealisedAccuracy & { readonly training: Readonly<Record<string, unknown>> }): string {
  const trained = (key: string): Cell => (typeof a.training[key] === 'number' ? num(a.training[key] as number) : '—');
  return [
    `<h3>${t({ zh: '新问卷上的实际准确率', en: 'Realised accuracy on fresh questionnaires' })}</h3>`,
    `<p>${t({ zh: `${a.labelled} 位客户在模型训练基准日之后完成了风险问卷。`, en: `${a.labelled} clients answered the risk questionnaire after the model's training as-of date.` })}</p>`,
    htmlTable([{ html: t({ zh: '指标', en: 'metric' }) }, { html: t({ zh: '本次（新标签）', en: 'this run (fresh labels)' }) }, { html: t({ zh: '训练（留出测试）', en: 'training (held out)' }) }], [
      ['macro-F1', num(a.metrics.macroF1), trained('macroF1')],
      ['balanced accuracy', num(a.metrics.balancedAccuracy), trained('balancedAccuracy')],
      ['accuracy', num(a.metrics.accuracy), trained('accuracy')],
      [{ html: t({ zh: '多数类基线 macro-F1', en: 'majority baseline macro-F1' }) }, num(a.metrics.baseline.macroF1), trained('baselineMacroF1')],
    ]),
  ].join('\n');
}
