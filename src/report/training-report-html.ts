import { FEATURE_LABELS } from '../features/feature-catalogue.js';
import { t } from './bilingual.js';
import { escapeHtml } from './html-escape.js';
import { htmlPage } from './html-page.js';
import { htmlTable } from './html-table.js';
import { barChart, heatmap, lineChart } from './svg-charts.js';
import type { TrainingReport } from './training-report.js';

const round = (x: number, d = 3) => (Number.isFinite(x) ? Number(x.toFixed(d)) : NaN);

/**
 * The training report as one self-contained page: k-selection curve, segment profiles, the risk
 * confusion matrix and reliability curve, and needs quality, in Chinese and English.
 */
export function renderTrainingReport(r: TrainingReport): string {
  const label = (name: string) => FEATURE_LABELS[name]?.zh ?? name;
  const body = [
    `<h1>${t({ zh: '训练报告', en: 'Training report' })}: ${escapeHtml(r.model.name)}</h1>`,
    `<p>${t({ zh: '基准日', en: 'As of' })} ${escapeHtml(r.model.asOf)} · seed ${escapeHtml(String(r.model.seed))} · ${escapeHtml(r.model.backend)} · ${t({ zh: '特征目录', en: 'feature catalogue' })} ${escapeHtml(r.model.featureCatalogueVersion)}</p>`,
    htmlTable(['', { html: t({ zh: '读取', en: 'read' }) }, { html: t({ zh: '接受', en: 'accepted' }) }, { html: t({ zh: '拒绝', en: 'rejected' }) }], [
      [{ html: t({ zh: '客户', en: 'clients' }) }, r.data.clients.read, r.data.clients.accepted, r.data.clients.rejected],
      [{ html: t({ zh: '交易', en: 'transactions' }) }, r.data.transactions.read, r.data.transactions.accepted, r.data.transactions.rejected],
    ]),

    `<h2>${t({ zh: '行为客群', en: 'Behavioural segments' })}</h2>`,
    `<p>k = ${r.segments.k} (${r.segments.chosenBy === 'silhouette' ? t({ zh: '按轮廓系数选择', en: 'chosen by silhouette' }) : t({ zh: '固定', en: 'fixed' })})${r.segments.aligned ? ` · ${t({ zh: '客群编号已与上一版本对齐', en: 'ids aligned to the previous version' })}` : ''}</p>`,
    '<div class="charts">',
    lineChart([
      { name: 'silhouette', points: r.segments.curve.map((p) => [p.k, round(p.silhouette)]) },
      { name: 'Davies–Bouldin', points: r.segments.curve.map((p) => [p.k, round(p.daviesBouldin)]) },
    ], { title: 'k 值选择 / k selection', xLabel: 'k', yLabel: 'score', markX: r.segments.k }),
    heatmap(r.segments.centroids.map((row) => row.map((v) => round(v, 2))), {
      title: '客群画像 (z) / segment profiles (z)', rowLabels: r.segments.profiles.map((p) => `${p.id} ${p.zh}`),
      colLabels: r.segments.features.map(label), diverging: true, cell: 26, clip: 3,
    }),
    '</div>',
    htmlTable(['id', { html: t({ zh: '名称', en: 'name' }) }, { html: t({ zh: '客户数', en: 'clients' }) }, { html: t({ zh: '描述', en: 'description' }) }],
      r.segments.profiles.map((p) => [p.id, { html: t({ zh: p.zh, en: p.en }) }, p.size, { html: t(p.description) }])),

    `<h2>${t({ zh: '风险分类', en: 'Risk segment' })} (${escapeHtml(r.risk.target)})</h2>`,
    `<p>${t({ zh: `训练 ${r.risk.trainRows} 人，留出测试 ${r.risk.testRows} 人；过期问卷 ${r.risk.stale}，缺失 ${r.risk.missing}。`, en: `Trained on ${r.risk.trainRows}, tested on ${r.risk.testRows} held out; ${r.risk.stale} stale and ${r.risk.missing} missing labels left out.` })}</p>`,
    htmlTable([{ html: t({ zh: '指标', en: 'metric' }) }, { html: t({ zh: '模型', en: 'model' }) }, { html: t({ zh: '多数类基线', en: 'majority baseline' }) }], [
      ['macro-F1', round(r.risk.test.macroF1), round(r.risk.test.baseline.macroF1)],
      ['accuracy', round(r.risk.test.accuracy), round(r.risk.test.baseline.accuracy)],
      ['balanced accuracy', round(r.risk.test.balancedAccuracy), round(1 / r.risk.classes.length)],
      ['log-loss', round(r.risk.logLoss), NaN],
      ['ECE', round(r.risk.calibration.ece), NaN],
    ].map((row) => row.map((c) => (typeof c === 'number' && Number.isNaN(c) ? '—' : c)))),
    htmlTable(['class', 'precision', 'recall', 'F1', 'support'], r.risk.test.perClass.map((c) => [c.class, round(c.precision), round(c.recall), round(c.f1), c.support])),
    '<div class="charts">',
    heatmap(r.risk.test.confusion, { title: '混淆矩阵 / confusion matrix (rows: true, columns: predicted)', rowLabels: r.risk.classes.map(String), colLabels: r.risk.classes.map(String), decimals: 0 }),
    lineChart([{ name: 'reliability', points: r.risk.calibration.bins.filter((b) => b.count > 0).map((b) => [round(b.confidence), round(b.accuracy)]) }],
      { title: '校准曲线 / reliability curve', xLabel: 'confidence', yLabel: 'accuracy', diagonal: true }),
    '</div>',

    `<h2>${t({ zh: '需求预测', en: 'Predicted needs' })}</h2>`,
    htmlTable(['need', 'prevalence', 'AUC', 'precision@top 10%', 'threshold', 'F1'],
      r.needs.perNeed.map((m) => [m.need, round(m.prevalence), round(m.auc), round(m.precisionAtTopDecile), round(m.threshold), round(m.f1)])),
    barChart(r.needs.perNeed.map((m) => ({ label: m.need, value: round(m.auc) })), { title: '各需求 AUC / AUC per need', thresholds: [0.75] }),
  ].join('\n');
  return htmlPage(`clientseg training report: ${r.model.name}`, body);
}
