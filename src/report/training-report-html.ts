import { FEATURE_LABELS } from '../features/feature-catalogue.js';
import { ASSET_TIERS, TIER_LABELS } from '../fuse/asset-tier.js';
import { LIFECYCLE_LABELS, LIFECYCLE_STAGES } from '../fuse/lifecycle-stage.js';
import { JACCARD_STABLE, JACCARD_UNRELIABLE, type StabilityVerdict } from '../segment/bootstrap-jaccard.js';
import type { ClassifierSummary } from '../monitor/classifier-summary.js';
import type { Slice } from '../monitor/slice-metrics.js';
import { MIN_POSITIVES } from '../monitor/min-positives.js';
import { t, type Bilingual } from './bilingual.js';
import { confusionMatrixChart } from './charts/confusion-matrix-chart.js';
import { kSelectionChart } from './charts/k-selection-chart.js';
import { reliabilityChart } from './charts/reliability-chart.js';
import { shareBarsChart } from './charts/share-bars-chart.js';
import { honestCell } from './honest-figure.js';
import { escapeHtml } from './html-escape.js';
import { renderIngestSection } from './ingest-section-html.js';
import { htmlPage } from './html-page.js';
import { htmlTable, type Cell } from './html-table.js';
import { barChart, heatmap } from './svg-charts.js';
import { skippedNeedsText, skippedRiskText } from './skipped-part-text.js';
import { thresholdSection } from './threshold-section-html.js';
import { diagnosticsSection } from './diagnostics-section-html.js';
import type { NeedSliceMetrics, TrainingReport } from './training-report.js';

const round = (x: number, d = 3) => (Number.isFinite(x) ? Number(x.toFixed(d)) : NaN);
const num = (x: number | null | undefined, d = 3): Cell => (x === null || x === undefined || !Number.isFinite(x) ? '—' : round(x, d));

export const VERDICT_LABELS: Readonly<Record<StabilityVerdict, Bilingual>> = {
  stable: { zh: '稳定', en: 'stable' },
  watch: { zh: '观察', en: 'watch' },
  unreliable: { zh: '不可靠', en: 'unreliable' },
};
const VERDICT_CLASS: Readonly<Record<StabilityVerdict, string>> = { stable: 'verdict-ok', watch: 'verdict-watch', unreliable: 'verdict-alert' };
const VERDICT_COLOUR: Readonly<Record<StabilityVerdict, string>> = { stable: '#2e7d32', watch: '#b26a00', unreliable: '#c62828' };
const TOO_FEW: Bilingual = { zh: '样本过少', en: 'too few' };

/**
 * The training report as one self-contained page: how k was chosen, segment profiles and their
 * stability, the risk classifier's accuracy and calibration against the majority baseline, needs
 * quality, and every classifier metric per asset tier and life-cycle stage; Chinese and English.
 */
export function renderTrainingReport(r: TrainingReport): string {
  const body = [
    `<h1>${t({ zh: '训练报告', en: 'Training report' })}: ${escapeHtml(r.model.name)}</h1>`,
    `<p>${t({ zh: '基准日', en: 'As of' })} ${escapeHtml(r.model.asOf)} · seed ${escapeHtml(String(r.model.seed))} · ${escapeHtml(r.model.backend)} · ${t({ zh: '特征目录', en: 'feature catalogue' })} ${escapeHtml(r.model.featureCatalogueVersion)}</p>`,
    renderIngestSection(r.data),
    warningsSection(r),
    segmentsSection(r),
    riskSection(r),
    needsSection(r),
  ].join('\n');
  return htmlPage(`clientseg training report: ${r.model.name}`, body);
}

function segmentsSection(r: TrainingReport): string {
  const s = r.segments;
  const label = (name: string) => FEATURE_LABELS[name]?.zh ?? name;
  const stabilityOf = new Map(s.stability.bootstrap.perSegment.map((p) => [p.id, p]));
  const total = s.profiles.reduce((sum, p) => sum + p.size, 0);
  const rowLabel = (p: TrainingReport['segments']['profiles'][number]) => `${p.id} ${p.zh}`;
  return [
    `<h2>${t({ zh: '行为客群', en: 'Behavioural segments' })}</h2>`,
    `<p>k = ${s.k} (${s.chosenBy === 'silhouette' ? t({ zh: '按轮廓系数选择：取轮廓系数与最优相差 0.01 以内的最小 k', en: 'chosen by silhouette: the smallest k within 0.01 of the best' }) : t({ zh: '固定', en: 'fixed' })})${s.aligned ? ` · ${t({ zh: '客群编号已与上一版本对齐', en: 'ids aligned to the previous version' })}` : ''}</p>`,
    htmlTable([{ html: t({ zh: '指标', en: 'measure' }) }, { html: t({ zh: '数值', en: 'value' }) }, { html: t({ zh: '说明', en: 'reading' }) }], [
      [{ html: t({ zh: '轮廓系数', en: 'silhouette' }) }, num(s.quality.silhouette), { html: t({ zh: '越高越好（抽样计算）', en: 'higher is better (sampled)' }) }],
      ['Davies–Bouldin', num(s.quality.daviesBouldin), { html: t({ zh: '越低越好', en: 'lower is better' }) }],
      [{ html: t({ zh: '惯性（簇内平方和）', en: 'inertia (within-cluster sum of squares)' }) }, num(s.quality.inertia, 1), ''],
      [{ html: t({ zh: '重启间 ARI（均值 / 最小）', en: 'ARI between seeded restarts (mean / min)' }) }, { html: `${round(s.stability.restarts.meanAri)} / ${round(s.stability.restarts.minAri)}` },
        { html: t({ zh: `${s.stability.restarts.restarts} 次随机重启，抽样 ${s.stability.restarts.sampleSize} 人；1 表示每次都得到同一划分`, en: `${s.stability.restarts.restarts} seeded restarts on ${s.stability.restarts.sampleSize} sampled clients; 1 means every start finds the same partition` }) }],
    ]),
    columnsParagraph(s.columns, label),
    '<div class="charts">',
    kSelectionChart(s.curve, s.k, { title: 'k 值选择 / k selection' }),
    heatmap(s.centroids.map((row) => row.map((v) => round(v, 2))), {
      title: '客群画像 (z) / segment profiles (z)', rowLabels: s.profiles.map(rowLabel),
      colLabels: s.features.map(label), diverging: true, cell: 26, clip: 3,
    }),
    '</div>',
    htmlTable(['id', { html: t({ zh: '名称', en: 'name' }) }, { html: t({ zh: '客户数', en: 'clients' }) }, { html: t({ zh: '占比', en: 'share' }) },
      { html: t({ zh: '最显著特征 (z)', en: 'most distinctive features (z)' }) }, { html: t({ zh: '自助法 Jaccard', en: 'bootstrap Jaccard' }) }, { html: t({ zh: '稳定性', en: 'stability' }) }],
    s.profiles.map((p) => {
      const st = stabilityOf.get(p.id);
      return [p.id, { html: t({ zh: p.zh, en: p.en }) }, p.size, `${(100 * p.size / Math.max(1, total)).toFixed(1)}%`,
        { html: p.topFeatures.map((f) => `${escapeHtml(label(f.name))} ${f.z >= 0 ? '+' : ''}${f.z.toFixed(2)}`).join(' · ') },
        num(st?.jaccard), st ? { html: `<span class="${VERDICT_CLASS[st.verdict]}">${t(VERDICT_LABELS[st.verdict])}</span>` } : '—'];
    })),
    `<p>${t({ zh: `稳定性：每个客群在 ${s.stability.bootstrap.bootstraps} 次自助重抽样（抽样 ${s.stability.bootstrap.sampleSize} 人）上重新聚类后与最相似新簇的平均 Jaccard；低于 ${JACCARD_UNRELIABLE} 不可靠，${JACCARD_STABLE} 及以上稳定，其间需观察。`, en: `Stability: each segment's mean best Jaccard with a re-fitted cluster over ${s.stability.bootstrap.bootstraps} bootstrap resamples of ${s.stability.bootstrap.sampleSize} sampled clients; below ${JACCARD_UNRELIABLE} unreliable, ${JACCARD_STABLE} and above stable, in between watch.` })}</p>`,
    '<div class="charts">',
    barChart(s.stability.bootstrap.perSegment.map((p) => ({ label: `${p.id} ${s.profiles.find((q) => q.id === p.id)?.zh ?? ''}`, value: Number.isFinite(p.jaccard) ? round(p.jaccard) : 0, colour: VERDICT_COLOUR[p.verdict] })),
      { title: '客群稳定性 (Jaccard) / segment stability (Jaccard)', thresholds: [JACCARD_UNRELIABLE, JACCARD_STABLE] }),
    shareBarsChart(s.profiles.map((p) => ({ label: rowLabel(p), counts: p.tierMix })), ASSET_TIERS.map((k) => ({ key: k, label: TIER_LABELS[k].zh })), { title: '资产层级构成 / asset tier mix' }),
    shareBarsChart(s.profiles.map((p) => ({ label: rowLabel(p), counts: p.lifecycleMix })), LIFECYCLE_STAGES.map((k) => ({ key: k, label: LIFECYCLE_LABELS[k].zh })), { title: '生命周期构成 / life-cycle mix' }),
    '</div>',
  ].join('\n');
}

function warningsSection(r: TrainingReport): string {
  if (r.warnings.length === 0) return '';
  return `<div class="warnings"><h2>${t({ zh: '警告', en: 'Warnings' })}</h2><ul>${r.warnings.map((w) => `<li><code>${escapeHtml(w.code)}</code> ${escapeHtml(w.message)}</li>`).join('')}</ul></div>`;
}

function columnsParagraph(c: TrainingReport['segments']['columns'], label: (name: string) => string): string {
  if (!c) return '';
  const weightOf = new Map<string, { n: number; total: number }>();
  c.blocks.forEach((b, j) => {
    const e = weightOf.get(b) ?? { n: 0, total: 0 };
    weightOf.set(b, { n: e.n + 1, total: e.total + c.weights[j]! ** 2 });
  });
  const blocks = [...weightOf].map(([b, e]) => `${escapeHtml(b)} ${e.n} (${e.total.toFixed(2)})`).join(' · ');
  const lines = [
    `<p>${t({ zh: `聚类特征：${c.weights.length} 列；按块（列数，权重平方和）：`, en: `Segmentation columns: ${c.weights.length}; by block (columns, sum of squared weights): ` })}${blocks}. ${t({ zh: `剔除近似重复列 ${c.duplicates.length} 个（|r| ≥ 0.98）。`, en: `${c.duplicates.length} near-duplicate columns left out (|r| ≥ 0.98).` })}</p>`,
  ];
  if (c.constant.length > 0) {
    lines.push(`<p class="verdict-watch">${t({ zh: '警告：以下特征在训练数据中为常数，未参与聚类，也不用于客群命名：', en: 'Warning: these features are constant on the training rows, so they are left out of the segments and never name one: ' })}${c.constant.map((f) => escapeHtml(label(f))).join('、')} <code>segment_features_constant</code></p>`);
  }
  return lines.join('\n');
}

function riskSection(r: TrainingReport): string {
  const risk = r.risk;
  if (risk.skipped !== undefined) {
    return `<h2>${t({ zh: '风险分类', en: 'Risk segment' })} (${escapeHtml(risk.target)})</h2>\n<p id="risk-skipped">${t(skippedRiskText(risk))}</p>`;
  }
  const b = risk.test.baseline;
  const cal = risk.calibration;
  // macro-F1 averages every class's F1, so it is only as solid as the rarest class's.
  const smallestClass = Math.min(...risk.test.perClass.map((c) => c.support));
  return [
    `<h2>${t({ zh: '风险分类', en: 'Risk segment' })} (${escapeHtml(risk.target)})</h2>`,
    `<p>${t({ zh: `训练 ${risk.trainRows} 人，留出测试 ${risk.testRows} 人；过期问卷 ${risk.stale}，缺失 ${risk.missing}。基线：总是预测“${b.class}”。`, en: `Trained on ${risk.trainRows}, tested on ${risk.testRows} held out; ${risk.stale} stale and ${risk.missing} missing labels left out. Baseline: always "${b.class}".` })}</p>`,
    htmlTable([{ html: t({ zh: '指标', en: 'metric' }) }, { html: t({ zh: '模型', en: 'model' }) }, { html: t({ zh: '多数类基线', en: 'majority baseline' }) }], [
      ['macro-F1', honestCell(risk.test.macroF1, smallestClass, risk.intervals.macroF1), num(b.macroF1)],
      ...(risk.rocAuc === undefined ? [] : [['ROC AUC', honestCell(risk.rocAuc, smallestClass, risk.intervals.rocAuc), '—'] as Cell[]]),
      ['accuracy', num(risk.test.accuracy), num(b.accuracy)],
      ['balanced accuracy', num(risk.test.balancedAccuracy), num(b.balancedAccuracy)],
      ['log-loss', num(risk.logLoss), num(risk.baselineLogLoss)],
      ['ECE', { html: `${round(cal.ece)} <span class="${cal.miscalibrated ? 'verdict-alert' : 'verdict-ok'}">${t(cal.miscalibrated ? { zh: '校准不佳', en: 'miscalibrated' } : { zh: '校准良好', en: 'calibrated' })}</span>` }, '—'],
    ]),
    `<p>${t({ zh: `ECE 超过 0.05 且超过本测试集的随机噪声底（${round(cal.noiseFloor)}）两倍时判为校准不佳。温度 ${round(cal.temperature)}。`, en: `ECE is flagged above 0.05 and above twice the noise floor of this test set (${round(cal.noiseFloor)}). Temperature ${round(cal.temperature)}.` })}</p>`,
    htmlTable(['class', 'precision', 'recall', 'F1', 'support'], risk.test.perClass.map((c) => [c.class, honestCell(c.precision, c.support), honestCell(c.recall, c.support), honestCell(c.f1, c.support), c.support])),
    honestNote(),
    '<div class="charts">',
    confusionMatrixChart(risk.test.confusion, risk.classes, { title: '混淆矩阵 / confusion matrix' }),
    reliabilityChart(cal.bins, { title: '校准曲线 / reliability curve', ece: cal.ece }),
    '</div>',
    thresholdSection(risk.threshold),
    diagnosticsSection(risk, (name) => FEATURE_LABELS[name]?.zh ?? name),
    `<h3>${t({ zh: '分组表现（数据偏差）', en: 'By group (data bias)' })}</h3>`,
    slicesNote(risk.slices.minRows),
    riskSliceTable(risk.slices.byTier, (name) => TIER_LABELS[name as keyof typeof TIER_LABELS]),
    riskSliceTable(risk.slices.byLifecycle, (name) => LIFECYCLE_LABELS[name as keyof typeof LIFECYCLE_LABELS]),
  ].join('\n');
}

function needsSection(r: TrainingReport): string {
  const needs = r.needs;
  if (needs.skipped !== undefined) return `<h2>${t({ zh: '需求预测', en: 'Predicted needs' })}</h2>\n<p id="needs-skipped">${t(skippedNeedsText(needs))}</p>`;
  return [
    `<h2>${t({ zh: '需求预测', en: 'Predicted needs' })}</h2>`,
    `<p>${t({ zh: `留出测试 ${needs.testRows} 人。`, en: `Measured on ${needs.testRows} held-out clients.` })}</p>`,
    htmlTable(['need', { html: t({ zh: '正例', en: 'positives' }) }, 'prevalence', 'AUC (95% CI)', 'precision@top 10%', 'threshold', 'precision', 'recall', 'F1'],
      needs.perNeed.map((m, j) => [m.need, m.positives, num(m.prevalence), honestCell(m.auc, m.positives, needs.aucIntervals[j]), honestCell(m.precisionAtTopDecile, m.positives),
        num(m.threshold), honestCell(m.precision, m.positives), honestCell(m.recall, m.positives), honestCell(m.f1, m.positives)])),
    honestNote(),
    barChart(needs.perNeed.map((m) => ({ label: m.need, value: Number.isFinite(m.auc) && m.positives >= MIN_POSITIVES ? round(m.auc) : 0 })), { title: '各需求 AUC / AUC per need', thresholds: [0.75] }),
    `<h3>${t({ zh: '分组表现（数据偏差）', en: 'By group (data bias)' })}</h3>`,
    slicesNote(needs.slices.minRows),
    `<p>${t({ zh: `每格：AUC / 前 10% 精确率；正例少于 ${MIN_POSITIVES} 个时显示“过少: n”，负例少于 ${MIN_POSITIVES} 个时 AUC 记为 —。`, en: `Each cell: AUC / precision in the top 10%; "too few: n" with fewer than ${MIN_POSITIVES} positives, AUC — with fewer than ${MIN_POSITIVES} negatives.` })}</p>`,
    needsSliceTable(needs.slices.byTier, needs.perNeed.map((m) => m.need), (name) => TIER_LABELS[name as keyof typeof TIER_LABELS]),
    needsSliceTable(needs.slices.byLifecycle, needs.perNeed.map((m) => m.need), (name) => LIFECYCLE_LABELS[name as keyof typeof LIFECYCLE_LABELS]),
  ].join('\n');
}

function honestNote(): string {
  return `<p>${t({ zh: `括号内为留出样本 200 次自助重抽样的 95% 区间；正例少于 ${MIN_POSITIVES} 个时不给 AUC、F1 或精确率，显示“过少: n”。`, en: `In brackets: the 95% interval from 200 bootstrap resamples of the held-out rows. With fewer than ${MIN_POSITIVES} positives no AUC, F1 or precision is shown, only "too few: n".` })}</p>`;
}

function slicesNote(minRows: number): string {
  return `<p>${t({ zh: `留出测试集按资产层级和生命周期分组；少于 ${minRows} 人的分组显示“样本过少”而不给数字。`, en: `The held-out rows by asset tier and by life-cycle stage; a group with fewer than ${minRows} rows shows "too few" instead of numbers.` })}</p>`;
}

function riskSliceTable(slices: readonly Slice<ClassifierSummary>[], labelOf: (name: string) => Bilingual | undefined): string {
  const header: Cell[] = [{ html: t({ zh: '分组', en: 'group' }) }, 'n', 'macro-F1', { html: t({ zh: '基线 macro-F1', en: 'baseline macro-F1' }) }, 'balanced accuracy', 'accuracy', 'log-loss', 'ECE'];
  return htmlTable(header, slices.map((s) => {
    const name: Cell = { html: t(labelOf(s.name) ?? { zh: s.name, en: s.name }) };
    const m = s.metrics;
    if (!m) return [name, s.n, ...new Array<Cell>(6).fill({ html: t(TOO_FEW) })];
    return [name, s.n, num(m.macroF1), num(m.baseline.macroF1), num(m.balancedAccuracy), num(m.accuracy), num(m.logLoss),
      { html: `${round(m.ece)}${m.miscalibrated ? ` <span class="verdict-alert">${t({ zh: '校准不佳', en: 'miscalibrated' })}</span>` : ''}` }];
  }));
}

function needsSliceTable(slices: readonly Slice<readonly NeedSliceMetrics[]>[], needs: readonly string[], labelOf: (name: string) => Bilingual | undefined): string {
  const header: Cell[] = [{ html: t({ zh: '分组', en: 'group' }) }, 'n', ...needs];
  return htmlTable(header, slices.map((s) => {
    const name: Cell = { html: t(labelOf(s.name) ?? { zh: s.name, en: s.name }) };
    if (!s.metrics) return [name, s.n, ...needs.map((): Cell => ({ html: t(TOO_FEW) }))];
    return [name, s.n, ...s.metrics.map((m): Cell => (m.positives < MIN_POSITIVES ? honestCell(Number.NaN, m.positives) : { html: `${m.auc === null ? '—' : round(m.auc)} / ${round(m.precisionAtTopDecile)}` }))];
  }));
}
