import { t } from './bilingual.js';
import { precisionRecallChart } from './charts/precision-recall-chart.js';
import { escapeHtml } from './html-escape.js';
import { htmlTable } from './html-table.js';
import type { ThresholdReport } from './training-report.js';

/**
 * A binary target's decision threshold: the rule, the value, what it gave on the validation rows
 * it was chosen on and on the held-out rows, and the held-out precision–recall curve.
 *
 * @example
 * thresholdSection(report.risk.threshold);
 */
export function thresholdSection(th: ThresholdReport | undefined): string {
  if (th === undefined) return '';
  const v = th.validation, s = th.test;
  const share = (x: number) => `${(100 * x).toFixed(1)}%`;
  return [
    `<h3>${t({ zh: '决策阈值', en: 'Decision threshold' })}</h3>`,
    `<p>${t({
      zh: `“${th.positiveClass}”的校准概率 ≥ ${th.value.toFixed(4)} 时预测为“${th.positiveClass}”。阈值按规则 ${th.rule} 在验证集（${v.rows} 行，正例 ${v.positives}）上选定，温度缩放之后。${th.reached ? '' : '没有阈值达到该目标：采用精确率最高者。'}`,
      en: `"${th.positiveClass}" is predicted when its calibrated probability is at least ${th.value.toFixed(4)}: chosen by the rule ${th.rule} on the validation rows (${v.rows} rows, ${v.positives} positive), after temperature scaling.${th.reached ? '' : ' No threshold reaches the target: the one with the best precision is used.'}`,
    })} <code id="threshold-rule">${escapeHtml(th.rule)}</code></p>`,
    htmlTable(['', 'precision', 'recall', 'F1', { html: t({ zh: '预测为正的占比', en: 'predicted positive share' }) }, { html: t({ zh: '正例占比', en: 'base rate' }) }], [
      [{ html: t({ zh: '验证集（选阈值）', en: 'validation (chose it)' }) }, v.precision, v.recall, v.f1, share(v.predictedShare), share(v.positives / Math.max(1, v.rows))],
      [{ html: t({ zh: '留出测试集', en: 'held out' }) }, s.precision, s.recall, s.f1, share(s.predictedShare), share(s.baseRate)],
    ]),
    '<div class="charts">',
    precisionRecallChart(th.curve, {
      title: `精确率–召回率 / precision–recall (AP ${Number.isFinite(th.averagePrecision) ? th.averagePrecision.toFixed(3) : '—'})`,
      baseRate: s.baseRate, point: { threshold: th.value, precision: s.precision, recall: s.recall },
    }),
    '</div>',
  ].join('\n');
}
