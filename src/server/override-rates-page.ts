import { barChart } from '../report/svg-charts.js';
import type { AdvisorOverrideRate, SegmentOverrideRate } from '../store/override-store.js';
import type { RunRecord } from '../store/store.js';
import { CALL_UI } from './call-sheet-text.js';
import { pageLayout } from './page-layout.js';
import { plainText } from './plain-words.js';
import { html, trusted, type SafeHtml } from './safe-html.js';
import { tr, UI, type Lang } from './ui-text.js';

export interface OverrideRatesView {
  readonly lang: Lang;
  readonly user: { readonly id: string; readonly role: string };
  readonly csrfToken: string;
  readonly path: string;
  readonly run: RunRecord;
  readonly advisors: readonly AdvisorOverrideRate[];
  readonly segments: readonly SegmentOverrideRate[];
}

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

function rateTable(id: string, first: string, rows: readonly { label: string; clients: number; overridden: number; rate: number }[], lang: Lang): SafeHtml {
  return html`<table id="${id}" class="stack"><thead><tr><th>${first}</th><th>${tr(UI.clients, lang)}</th><th>${tr(CALL_UI.overridden, lang)}</th><th>${tr(CALL_UI.rate, lang)}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td data-label="${first}">${r.label}</td><td class="num" data-label="${tr(UI.clients, lang)}">${r.clients}</td>
<td class="num" data-label="${tr(CALL_UI.overridden, lang)}">${r.overridden}</td><td class="num rate" data-label="${tr(CALL_UI.rate, lang)}">${pct(r.rate)}</td></tr>`)}</tbody></table>`;
}

/** Supervisors: how often advisors corrected the latest run's profiles, per advisor and per segment, charted. */
export function overrideRatesPage(v: OverrideRatesView): string {
  const { lang } = v;
  const advisorRows = v.advisors.map((a) => ({ label: a.advisorId ?? tr(CALL_UI.noAdvisor, lang), clients: a.clients, overridden: a.overridden, rate: a.rate }));
  const segmentRows = v.segments.map((s) => ({ label: plainText(`${s.segment} ${lang === 'zh' ? s.nameZh : s.nameEn}`, lang), clients: s.clients, overridden: s.overridden, rate: s.rate }));
  const chart = (title: string, rows: readonly { label: string; rate: number }[], id: string) =>
    html`<figure id="${id}">${trusted(barChart(rows.map((r) => ({ label: r.label.slice(0, 26), value: Number((r.rate * 100).toFixed(1)) })), { title, width: 420 }))}</figure>`;
  const body = html`<h1>${tr(CALL_UI.overrideRates, lang)}</h1>
<p>${tr(UI.asOf, lang)} ${v.run.asOf} · ${tr(UI.model, lang)} ${v.run.modelVersion}</p>
<p class="muted">${tr(CALL_UI.overrideRatesIntro, lang)}</p>
<section class="charts">${chart(`${tr(CALL_UI.rate, lang)} % · ${tr(UI.advisor, lang)}`, advisorRows, 'rate-chart-advisor')}${chart(`${tr(CALL_UI.rate, lang)} % · ${tr(UI.segment, lang)}`, segmentRows, 'rate-chart-segment')}</section>
<h2>${tr(UI.advisor, lang)}</h2>${rateTable('rates-advisor', tr(UI.advisor, lang), advisorRows, lang)}
<h2>${tr(UI.segment, lang)}</h2>${rateTable('rates-segment', tr(UI.segment, lang), segmentRows, lang)}`;
  return pageLayout({ lang, title: tr(CALL_UI.overrideRates, lang), path: v.path, user: v.user, csrfToken: v.csrfToken, body });
}
