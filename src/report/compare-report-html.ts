import { MIN_POSITIVES } from '../monitor/min-positives.js';
import { t } from './bilingual.js';
import type { CompareResult, CompareSide } from './compare-report.js';
import { honestCell } from './honest-figure.js';
import { escapeHtml } from './html-escape.js';
import { htmlPage } from './html-page.js';
import { htmlTable, type Cell } from './html-table.js';
import { renderSegmentIdentity, segmentAxisLabel } from './segment-identity-html.js';
import { heatmap } from './svg-charts.js';

const num = (x: number | null | undefined, d = 3): Cell => (x === null || x === undefined || !Number.isFinite(x) ? '—' : Number(x.toFixed(d)));
const VERDICT = {
  better: { cls: 'verdict-ok', text: { zh: '更好', en: 'better' } },
  same: { cls: '', text: { zh: '相当', en: 'same' } },
  worse: { cls: 'verdict-alert', text: { zh: '更差', en: 'worse' } },
} as const;

const NO_RISK_MODEL: Cell = { html: t({ zh: '未训练风险模型', en: 'no risk model' }) };
const NO_NEEDS_MODEL: Cell = { html: t({ zh: '未训练需求模型', en: 'no needs model' }) };

function macroF1Cell(side: CompareSide): Cell {
  if (!side.riskModel) return NO_RISK_MODEL;
  if (side.risk === null) return '—';
  return side.risk.macroF1 === null ? honestCell(Number.NaN, side.risk.smallestClass) : honestCell(side.risk.macroF1, MIN_POSITIVES, side.risk.macroF1Interval);
}

function needRows(r: CompareResult): Cell[][] {
  const names = [...new Set([...r.champion.needs, ...r.challenger.needs].map((n) => n.need))];
  const cell = (side: CompareSide, need: string): Cell => {
    if (!side.needsModel) return NO_NEEDS_MODEL;
    const m = side.needs.find((n) => n.need === need);
    if (m === undefined) return '—';
    return m.auc === null ? (m.positives < MIN_POSITIVES ? honestCell(Number.NaN, m.positives) : '—') : honestCell(m.auc, MIN_POSITIVES, m.aucInterval);
  };
  const positives = (need: string) => [...r.champion.needs, ...r.challenger.needs].find((n) => n.need === need)?.positives ?? 0;
  return names.map((need) => [need, positives(need), cell(r.champion, need), cell(r.challenger, need)]);
}

/** The English name of a segment id in the champion ('before') or the challenger ('after'). */
function nameIn(r: CompareResult, side: 'before' | 'after', id: number): string | undefined {
  return r.identity.segments.find((s) => s.id === id)?.[side]?.en;
}

/** Champion against challenger as one self-contained page, in Chinese and English. */
export function renderCompareReport(r: CompareResult): string {
  const promote = r.recommendation.decision === 'promote';
  const side = (s: CompareSide) => `${escapeHtml(s.ref)} (${escapeHtml(s.version)})`;
  const body = [
    `<h1>${t({ zh: '冠军模型 vs 挑战者模型', en: 'Champion vs challenger' })}</h1>`,
    `<p>${t({ zh: '冠军', en: 'Champion' })}: ${side(r.champion)} · ${t({ zh: '挑战者', en: 'challenger' })}: ${side(r.challenger)}</p>`,
    `<p>${t({ zh: `基准日 ${r.asOf}，${r.clients} 位客户；有效风险标签 ${r.labels.riskLabelled}（过期 ${r.labels.riskStale}，缺失 ${r.labels.riskMissing}）；观察期内有交易 ${r.labels.needsObserved}。`, en: `As of ${r.asOf}, ${r.clients} clients; ${r.labels.riskLabelled} usable ${r.labels.riskTarget} labels (${r.labels.riskStale} stale, ${r.labels.riskMissing} missing); ${r.labels.needsObserved} clients with transactions in the horizon.` })}</p>`,
    `<p class="${promote ? 'verdict-ok' : 'verdict-watch'}"><b>${t(promote ? { zh: '建议：晋升挑战者', en: 'Recommendation: promote the challenger' } : { zh: '建议：保留冠军', en: 'Recommendation: keep the champion' })}</b>: ${escapeHtml(r.recommendation.reason)}</p>`,
    ...(r.warnings.length > 0 ? [`<ul>${r.warnings.map((w) => `<li class="verdict-watch">${escapeHtml(w)}</li>`).join('')}</ul>`] : []),
    `<h2>${t({ zh: '逐项检查', en: 'Checks' })}</h2>`,
    htmlTable([{ html: t({ zh: '指标', en: 'metric' }) }, { html: t({ zh: '冠军', en: 'champion' }) }, { html: t({ zh: '挑战者', en: 'challenger' }) }, 'Δ', { html: t({ zh: '容差', en: 'tolerance' }) }, { html: t({ zh: '结论', en: 'verdict' }) }],
      r.checks.map((c) => [c.metric, num(c.champion), num(c.challenger), num(c.delta), num(c.tolerance), { html: `<span class="${VERDICT[c.verdict].cls}">${t(VERDICT[c.verdict].text)}</span>` }])),
    `<h2>${t({ zh: '风险分类', en: 'Risk segment' })}</h2>`,
    htmlTable(['', { html: t({ zh: '冠军', en: 'champion' }) }, { html: t({ zh: '挑战者', en: 'challenger' }) }], [
      ['macro-F1 (95% CI)', macroF1Cell(r.champion), macroF1Cell(r.challenger)],
      ['balanced accuracy', num(r.champion.risk?.balancedAccuracy), num(r.challenger.risk?.balancedAccuracy)],
      ['accuracy', num(r.champion.risk?.accuracy), num(r.challenger.risk?.accuracy)],
      ['log-loss', num(r.champion.risk?.logLoss), num(r.challenger.risk?.logLoss)],
      ['ECE', num(r.champion.risk?.ece), num(r.challenger.risk?.ece)],
      [{ html: t({ zh: '多数类基线 macro-F1', en: 'majority baseline macro-F1' }) }, num(r.champion.risk?.baseline.macroF1), num(r.challenger.risk?.baseline.macroF1)],
    ]),
    `<h2>${t({ zh: '需求预测 AUC', en: 'Needs AUC' })}</h2>`,
    htmlTable(['need', { html: t({ zh: '正例', en: 'positives' }) }, { html: t({ zh: '冠军', en: 'champion' }) }, { html: t({ zh: '挑战者', en: 'challenger' }) }],
      needRows(r)),
    `<p>${t({ zh: `括号内为 200 次自助重抽样的 95% 区间（两模型用同一批重抽样）；正例少于 ${MIN_POSITIVES} 个时不给 AUC 或 F1，显示“过少: n”。`, en: `In brackets: the 95% interval from 200 bootstrap resamples (the same resamples for both models). With fewer than ${MIN_POSITIVES} positives no AUC or F1 is given, only "too few: n".` })}</p>`,
    `<h2>${t({ zh: '行为客群', en: 'Behavioural segments' })}</h2>`,
    htmlTable(['', { html: t({ zh: '冠军', en: 'champion' }) }, { html: t({ zh: '挑战者', en: 'challenger' }) }], [
      ['k', r.champion.segments.k, r.challenger.segments.k],
      [{ html: t({ zh: '轮廓系数', en: 'silhouette' }) }, num(r.champion.segments.silhouette), num(r.challenger.segments.silhouette)],
      ['Davies–Bouldin', num(r.champion.segments.daviesBouldin), num(r.challenger.segments.daviesBouldin)],
    ]),
    `<p>ARI ${num(r.segments.ari)} · ${t({ zh: `按匈牙利算法对齐后，${r.segments.changed} 位客户（${(100 * r.segments.changedShare).toFixed(1)}%）更换客群。`, en: `after Hungarian alignment, ${r.segments.changed} clients (${(100 * r.segments.changedShare).toFixed(1)}%) change segment.` })}</p>`,
    `<h3>${t({ zh: '客群编号的含义', en: 'Segment identity' })}</h3>`,
    renderSegmentIdentity(r.identity, { before: { zh: '冠军中的名称', en: 'champion\'s name' }, after: { zh: '挑战者中的名称', en: 'challenger\'s name' } }),
    `<p>${t({ zh: '客群对应：行为冠军的客群，列为挑战者的客群，格中为共同客户数。', en: 'Segment overlap: rows are the champion\'s segments, columns the challenger\'s, cells the clients they share.' })}</p>`,
    '<div class="charts">',
    heatmap(r.segments.counts, {
      title: '客群对应 / segment overlap',
      rowLabels: r.segments.idsA.map((id) => segmentAxisLabel(id, nameIn(r, 'before', id))),
      colLabels: r.segments.idsB.map((id) => segmentAxisLabel(id, nameIn(r, 'after', id))), decimals: 0,
    }),
    '</div>',
  ].join('\n');
  return htmlPage('clientseg: champion vs challenger', body);
}
