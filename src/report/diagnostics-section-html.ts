import { t } from './bilingual.js';
import { dependenceChart } from './charts/dependence-chart.js';
import { importanceChart } from './charts/importance-chart.js';
import { htmlTable, type Cell } from './html-table.js';
import type { RiskDiagnostics, RiskReport } from './training-report.js';

/** Features shown in the importance chart (the table in report.json has them all). */
const SHOWN = 15;

/**
 * The risk section's diagnostics: the network against a logistic-regression baseline on the same
 * held-out rows, permutation importance with intervals, and partial dependence charts.
 *
 * @example
 * diagnosticsSection(report.risk, (name) => FEATURE_LABELS[name]?.zh ?? name);
 */
export function diagnosticsSection(risk: RiskReport, label: (name: string) => string): string {
  const d: RiskDiagnostics | undefined = risk.diagnostics;
  if (d === undefined) return '';
  const b = d.baseline;
  const num = (x: number | undefined): Cell => (x === undefined || !Number.isFinite(x) ? '—' : Number(x.toFixed(3)));
  const binary = d.partialDependence.classes.length === 2;
  return [
    `<h3>${t({ zh: '诊断：基线模型、特征重要性与部分依赖', en: 'Diagnostics: baseline, importance, partial dependence' })}</h3>`,
    `<p>${t({ zh: '逻辑回归在同一批训练行、同样的标准化输入上拟合（TensorFlow.js，零初始化，按种子打乱的小批量）；两者都在留出测试集上评估。', en: 'Logistic regression fitted on the same training rows and standardised inputs (TensorFlow.js, started at zero, mini-batches shuffled by the seed); both measured on the held-out rows.' })}</p>`,
    htmlTable([{ html: t({ zh: '指标', en: 'metric' }) }, { html: t({ zh: '神经网络', en: 'network' }) }, { html: t({ zh: '逻辑回归', en: 'logistic regression' }) }], [
      ['macro-F1', num(risk.test.macroF1), num(b.macroF1)],
      ...(risk.rocAuc === undefined ? [] : [['ROC AUC', num(risk.rocAuc), num(b.rocAuc)] as Cell[]]),
      ['balanced accuracy', num(risk.test.balancedAccuracy), num(b.balancedAccuracy)],
      ['accuracy', num(risk.test.accuracy), num(b.accuracy)],
      ['log-loss', num(risk.logLoss), num(b.logLoss)],
      ...(risk.threshold === undefined ? [] : [[{ html: t({ zh: '决策阈值', en: 'decision threshold' }) }, num(risk.threshold.value), num(b.threshold)] as Cell[]]),
    ]),
    `<p>${t({
      zh: `置换重要性：打乱一个特征（分类列的全部指示列一起）后留出集 log-loss 的上升；${d.importance.repeats} 次重复（最多 10 次，特征多时减少，使预测行数不超过 50 万，至少 3 次），每次对 ${d.importance.rows} 个留出行（至多 1000 行的随机样本）自助重抽样并重新打乱；区间为均值 ± 1.96 倍标准差。区间跨过 0 的特征（灰色）未显示出作用。`,
      en: `Permutation importance: the rise in held-out log-loss when one feature (a categorical column's indicators together) is shuffled; ${d.importance.repeats} repeats (10, fewer when many features would pass 500,000 row predictions, never under 3), each a bootstrap resample of ${d.importance.rows} held-out rows (a seeded sample of at most 1,000) with its own shuffle; interval mean ± 1.96 sd. A feature whose interval crosses 0 (grey) is not shown to matter.`,
    })}</p>`,
    '<div class="charts">',
    importanceChart(d.importance.features.slice(0, SHOWN), { title: `置换重要性 / permutation importance (top ${Math.min(SHOWN, d.importance.features.length)})`, label }),
    '</div>',
    `<p>${t({
      zh: `部分依赖：对 ${d.partialDependence.rows} 个留出行，将该特征统一设为网格上的每个值（5%–95% 分位数，或分类列的各水平），取预测概率的平均。`,
      en: `Partial dependence: over ${d.partialDependence.rows} held-out rows, the feature set to each grid value in turn (its 5%–95% quantiles, or each level of a categorical column), the mean predicted probability.`,
    })}</p>`,
    '<div class="charts">',
    ...d.partialDependence.features.map((pd) => dependenceChart(pd, binary ? [1] : d.partialDependence.classes.map((_, k) => k), d.partialDependence.classes, { title: label(pd.name) })),
    '</div>',
  ].join('\n');
}
