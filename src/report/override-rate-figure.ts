import type { SegmentOverrideRate } from '../store/override-store.js';
import { t } from './bilingual.js';
import { htmlTable } from './html-table.js';
import { barChart } from './svg-charts.js';

/**
 * The override rate per behavioural segment, for the monitoring report: a bar per segment (share
 * of its clients whose profile an advisor corrected) and the counts behind it. A segment whose
 * rate stands out is one the model serves badly, and its overrides are the next labels.
 *
 * @example
 * const html = overrideRateFigure(await store.overrides.ratePerSegment(run.id), '<p>…</p>');
 */
export function overrideRateFigure(rates: readonly SegmentOverrideRate[], note = ''): string {
  const chart = barChart(rates.map((r) => ({ label: `${r.segment} ${r.nameEn}`, value: Number(r.rate.toFixed(4)) })), { title: 'override rate per segment' });
  const table = htmlTable(
    [{ html: t({ zh: '行为客群', en: 'segment' }) }, { html: t({ zh: '客户数', en: 'clients' }) }, { html: t({ zh: '被调整客户', en: 'overridden' }) },
      { html: t({ zh: '风险调整', en: 'risk overrides' }) }, { html: t({ zh: '排除需求', en: 'needs dismissed' }) }, { html: t({ zh: '调整率', en: 'rate' }) }],
    rates.map((r) => [{ html: t({ zh: `${r.segment} ${r.nameZh}`, en: `${r.segment} ${r.nameEn}` }) }, r.clients, r.overridden, r.riskOverrides, r.needDismissals, r.rate]),
  );
  return `<h2>${t({ zh: '各客群人工调整率', en: 'Override rate per segment' })}</h2>\n${note}<div class="charts">${chart}</div>\n${table}`;
}
