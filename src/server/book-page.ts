import { NEEDS } from '../core/contract.js';
import type { BookFacets, BookMix } from '../store/book-store.js';
import type { ContactRecord } from '../store/contact-store.js';
import { barChart } from '../report/svg-charts.js';
import { advisorPicker } from './advisor-picker.js';
import { CALL_UI, OUTCOME_LABELS } from './call-sheet-text.js';
import { plainText } from './plain-words.js';
import { trusted } from './safe-html.js';
import { BOOK_FLAGS, BOOK_SORTS, type BookSort } from '../store/book-query.js';
import type { RunRecord, StoredScore } from '../store/store.js';
import { bookQueryString, PAGE_SIZES, type BookParams } from './book-params.js';
import { pageLayout } from './page-layout.js';
import { unreliableBadge } from './unreliable-badge.js';
import { html, type SafeHtml } from './safe-html.js';
import { flagLabel, lifecycleLabel, needLabel, riskLabel, tierLabel, tr, UI, type Lang } from './ui-text.js';

export interface BookView {
  readonly lang: Lang;
  readonly user: { readonly id: string; readonly role: string };
  readonly csrfToken: string;
  readonly path: string;
  readonly run: RunRecord;
  readonly params: BookParams;
  readonly facets: BookFacets;
  readonly total: number;
  readonly rows: readonly StoredScore[];
  /** Clients on this page with at least one override. */
  readonly overridden: ReadonlySet<string>;
  /** Segments of the run's model that training found unreliable (bootstrap Jaccard < 0.6). */
  readonly unreliable?: ReadonlySet<number>;
  /** The latest contact of each client on this page that has one. */
  readonly lastContacts?: ReadonlyMap<string, ContactRecord>;
  /** The filtered book's make-up, drawn above the table. */
  readonly mix?: BookMix;
  /** For a supervisor: the run's advisors, for the picker. */
  readonly advisors?: readonly string[];
}

/** Three small bar charts of the filtered book: tier, segment and predicted-need mix. */
function mixCharts(mix: BookMix, lang: Lang): SafeHtml {
  const chart = (title: string, bars: { label: string; value: number }[], id: string) =>
    html`<figure id="${id}">${trusted(barChart(bars, { title, width: 380 }))}</figure>`;
  return html`<section class="charts" id="book-mix" aria-label="${tr(CALL_UI.mix, lang)}">
${chart(tr(CALL_UI.byTier, lang), mix.tiers.map((t) => ({ label: tr(tierLabel(t.code), lang), value: t.n })), 'mix-tier')}
${chart(tr(CALL_UI.bySegment, lang), mix.segments.map((g) => ({ label: plainText(`${g.id} ${lang === 'zh' ? g.zh : g.en}`, lang).slice(0, 26), value: g.n })), 'mix-segment')}
${chart(tr(CALL_UI.byNeed, lang), mix.needs.map((n) => ({ label: tr(needLabel(n.need), lang), value: n.n })), 'mix-need')}
</section>`;
}

const SORT_LABELS: Readonly<Record<BookSort, keyof typeof UI>> = {
  client_id: 'search', tier: 'tier', lifecycle: 'lifecycle', segment: 'segment', risk: 'risk', declared: 'declared',
};

function select(name: string, label: string, current: string | number | undefined, options: readonly { value: string; text: string }[], lang: Lang): SafeHtml {
  return html`<label>${label}<select name="${name}" id="filter-${name}"><option value="">${tr(UI.any, lang)}</option>${options.map((o) =>
    html`<option value="${o.value}"${String(current ?? '') === o.value ? html` selected` : ''}>${o.text}</option>`)}</select></label>`;
}

/** The advisor's book: filters, a sortable table of one page, paging and export links. */
export function bookPage(v: BookView): string {
  const { lang, params } = v;
  const pages = Math.max(1, Math.ceil(v.total / params.size));
  const supervisor = v.user.role === 'supervisor';
  const filters = html`<form class="filters" method="get" action="/book" id="book-filters">
${select('tier', tr(UI.tier, lang), params.tier, ['A', 'B', 'C'].map((c) => ({ value: c, text: tr(tierLabel(c), lang) })), lang)}
${select('stage', tr(UI.lifecycle, lang), params.stage, v.facets.lifecycleStages.map((s) => ({ value: s, text: tr(lifecycleLabel(s), lang) })), lang)}
${select('segment', tr(UI.segment, lang), params.segment, v.facets.segments.map((s) => ({ value: String(s.id), text: `${s.id} ${lang === 'zh' ? s.zh : s.en}` })), lang)}
${select('risk', tr(UI.risk, lang), params.risk, v.facets.riskSegments.map((r) => ({ value: r, text: tr(riskLabel(r), lang) })), lang)}
${select('need', tr(UI.need, lang), params.need, NEEDS.map((n) => ({ value: n, text: tr(needLabel(n), lang) })), lang)}
<fieldset><legend>${tr(UI.flags, lang)}</legend>${BOOK_FLAGS.map((f) =>
    html`<label><span><input type="checkbox" name="flag" value="${f}" id="flag-${f}"${params.flag.includes(f) ? html` checked` : ''}> ${tr(flagLabel(f), lang)}</span></label>`)}</fieldset>
<label>${tr(UI.search, lang)}<input name="q" id="filter-q" value="${params.q ?? ''}" maxlength="64"></label>
${supervisor ? advisorPicker(v.advisors ?? [], params.advisor, lang, true) : ''}
${select('sort', tr(UI.sort, lang), params.sort, BOOK_SORTS.map((s) => ({ value: s, text: tr(UI[SORT_LABELS[s]], lang) })), lang)}
<label>&nbsp;<select name="dir" id="filter-dir"><option value="asc"${params.dir === 'asc' ? html` selected` : ''}>${tr(UI.ascending, lang)}</option><option value="desc"${params.dir === 'desc' ? html` selected` : ''}>${tr(UI.descending, lang)}</option></select></label>
<label>${tr(UI.pageSize, lang)}<select name="size" id="filter-size">${PAGE_SIZES.map((s) => html`<option value="${s}"${params.size === s ? html` selected` : ''}>${s}</option>`)}</select></label>
<button type="submit" id="apply-filters">${tr(UI.filter, lang)}</button> <a href="/book">${tr(UI.clear, lang)}</a>
</form>`;

  const sortLink = (key: BookSort, label: string) => {
    const dir = params.sort === key && params.dir === 'asc' ? 'desc' : 'asc';
    const mark = params.sort === key ? (params.dir === 'asc' ? ' ▲' : ' ▼') : '';
    return html`<a href="/book?${bookQueryString(params, { sort: key, dir, page: 1 })}">${label}${mark}</a>`;
  };
  const label = (key: keyof typeof UI) => tr(UI[key], lang);
  const rows = v.rows.map((s) => {
    const contact = v.lastContacts?.get(s.clientId);
    return html`<tr>
<td data-label="${label('search')}"><a class="client-link" href="/clients/${encodeURIComponent(s.clientId)}">${s.clientId}</a>${v.overridden.has(s.clientId) ? html` <span class="override">✎</span>` : ''}</td>
${supervisor ? html`<td class="advisor" data-label="${label('advisor')}">${s.advisorId ?? tr(CALL_UI.noAdvisor, lang)}</td>` : ''}
<td data-label="${label('tier')}">${tr(tierLabel(s.tierCode), lang)}</td>
<td data-label="${label('lifecycle')}">${tr(lifecycleLabel(s.lifecycleStage), lang)}</td>
<td data-label="${label('segment')}">${s.behaviourSegment} ${plainText(lang === 'zh' ? s.behaviourSegmentName : s.behaviourSegmentNameEn, lang)}${v.unreliable?.has(s.behaviourSegment) ? unreliableBadge(lang) : ''}</td>
<td class="risk" data-label="${label('risk')}">${tr(riskLabel(s.riskSegment), lang)}${s.riskSegment === '' ? '' : html` <span class="num">${((s.riskProbabilities[s.riskSegment] ?? 0) * 100).toFixed(0)}%</span>`}</td>
<td data-label="${label('declared')}">${tr(riskLabel(s.declaredRisk), lang)}</td>
<td data-label="${label('need')}">${s.predictedNeeds.length === 0 ? tr(UI.none, lang) : s.predictedNeeds.map((n) => tr(needLabel(n), lang)).join(lang === 'zh' ? '、' : ', ')}</td>
<td data-label="${label('flags')}">${s.flags.map((f) => html`<span class="flag">${tr(flagLabel(f), lang)}</span>`)}</td>
<td class="last-contact" data-label="${tr(CALL_UI.lastContact, lang)}">${contact === undefined ? '—' : `${contact.at.slice(0, 10)} ${tr(OUTCOME_LABELS[contact.outcome], lang)}`}</td>
</tr>`;
  });
  const qs = bookQueryString(params);
  const pager = html`<div class="pager">
${params.page > 1 ? html`<a id="page-prev" href="/book?${bookQueryString(params, { page: params.page - 1 })}">${tr(UI.previous, lang)}</a>` : ''}
<span id="page-of">${params.page} / ${pages}</span>
${params.page < pages ? html`<a id="page-next" href="/book?${bookQueryString(params, { page: params.page + 1 })}">${tr(UI.next, lang)}</a>` : ''}
<span class="spacer"></span>
<a id="export-csv" href="/book/export.csv?${qs}">${tr(UI.exportCsv, lang)}</a>
<a id="export-xlsx" href="/book/export.xlsx?${qs}">${tr(UI.exportXlsx, lang)}</a>
</div>`;
  const body = html`<h1>${tr(supervisor ? UI.allClients : UI.book, lang)}</h1>
<p>${tr(UI.asOf, lang)} ${v.run.asOf} · ${tr(UI.model, lang)} ${v.run.modelVersion} · <strong id="book-total">${v.total}</strong> ${tr(UI.clients, lang)}</p>
${filters}
${v.mix === undefined ? '' : mixCharts(v.mix, lang)}
${pager}
<table id="book" class="stack"><thead><tr>
<th>${sortLink('client_id', tr(UI.search, lang))}</th>${supervisor ? html`<th>${tr(UI.advisor, lang)}</th>` : ''}<th>${sortLink('tier', tr(UI.tier, lang))}</th><th>${sortLink('lifecycle', tr(UI.lifecycle, lang))}</th>
<th>${sortLink('segment', tr(UI.segment, lang))}</th><th>${sortLink('risk', tr(UI.risk, lang))}</th><th>${sortLink('declared', tr(UI.declared, lang))}</th>
<th>${tr(UI.need, lang)}</th><th>${tr(UI.flags, lang)}</th><th>${tr(CALL_UI.lastContact, lang)}</th></tr></thead>
<tbody>${rows}</tbody></table>
${pager}`;
  return pageLayout({ lang, title: tr(UI.book, lang), path: v.path, user: v.user, csrfToken: v.csrfToken, body });
}
