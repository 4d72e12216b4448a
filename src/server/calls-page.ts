import type { RunRecord } from '../store/store.js';
import { CONTACT_OUTCOMES } from '../store/contact-store.js';
import { advisorPicker } from './advisor-picker.js';
import type { CallEntry } from './call-priority.js';
import { CALL_UI, OUTCOME_LABELS } from './call-sheet-text.js';
import { formatCny, shownTime } from './client-timeline.js';
import { pageLayout } from './page-layout.js';
import { html } from './safe-html.js';
import { flagLabel, tierLabel, tr, UI, type Lang } from './ui-text.js';
import { isOpenFlag } from './call-priority.js';

export interface CallsView {
  readonly lang: Lang;
  readonly user: { readonly id: string; readonly role: string };
  readonly csrfToken: string;
  readonly path: string;
  readonly run: RunRecord;
  /** Whose calls these are. */
  readonly advisor: string;
  /** For a supervisor: the run's advisors, for the picker. */
  readonly advisors?: readonly string[];
  readonly calls: readonly CallEntry[];
  readonly skippedRecent: number;
  /** The client whose contact was just recorded. */
  readonly saved?: string;
}

/** This week's calls: the advisor's clients ranked by priority, each with its top reason and a "contacted" form. */
export function callsPage(v: CallsView): string {
  const { lang } = v;
  const supervisor = v.user.role === 'supervisor';
  const rows = v.calls.map((c, i) => {
    const s = c.score;
    return html`<tr>
<td class="num" data-label="#">${i + 1}</td>
<td data-label="${tr(UI.search, lang)}"><a class="client-link" href="/clients/${encodeURIComponent(s.clientId)}">${s.clientId}</a></td>
<td data-label="${tr(UI.tier, lang)}">${tr(tierLabel(s.tierCode), lang)}</td>
<td class="num" data-label="${tr(CALL_UI.aumShort, lang)}">${s.aum == null ? '—' : formatCny(s.aum)}</td>
<td class="num priority" data-label="${tr(CALL_UI.priority, lang)}">${c.priority.toFixed(2)}</td>
<td class="reason" data-label="${tr(CALL_UI.topReason, lang)}">${tr(c.reason, lang)}</td>
<td data-label="${tr(UI.flags, lang)}">${s.flags.filter(isOpenFlag).map((f) => html`<span class="flag">${tr(flagLabel(f), lang)}</span>`)}</td>
<td data-label="${tr(CALL_UI.lastContact, lang)}">${c.lastContact === undefined ? tr(CALL_UI.never, lang) : `${shownTime(c.lastContact.at)} · ${tr(OUTCOME_LABELS[c.lastContact.outcome], lang)}`}</td>
<td data-label="${tr(CALL_UI.recordContact, lang)}"><form class="inline" method="post" action="/clients/${encodeURIComponent(s.clientId)}/contacts">
<input type="hidden" name="_csrf" value="${v.csrfToken}"><input type="hidden" name="from" value="calls">${supervisor ? html`<input type="hidden" name="advisor" value="${v.advisor}">` : ''}
<select name="outcome" aria-label="${tr(CALL_UI.outcome, lang)}">${CONTACT_OUTCOMES.map((o) => html`<option value="${o}">${tr(OUTCOME_LABELS[o], lang)}</option>`)}</select>
<button type="submit" class="contacted">${tr(CALL_UI.recordContact, lang)}</button></form></td>
</tr>`;
  });
  const picker = supervisor && v.advisors !== undefined
    ? html`<form class="filters" method="get" action="/calls" id="calls-advisor">${advisorPicker(v.advisors, v.advisor, lang, false)}<button type="submit" id="apply-advisor">${tr(UI.filter, lang)}</button></form>`
    : '';
  const body = html`<h1>${tr(CALL_UI.calls, lang)}${supervisor ? html` · <span id="calls-advisor-id">${v.advisor}</span>` : ''}</h1>
<p>${tr(UI.asOf, lang)} ${v.run.asOf} · ${tr(UI.model, lang)} ${v.run.modelVersion}</p>
<p class="muted" id="calls-policy">${tr(CALL_UI.callsIntro, lang)}</p>
${picker}
${v.saved === undefined ? '' : html`<p class="notice" role="status" id="notice">${v.saved}: ${tr(CALL_UI.contactSaved, lang)}</p>`}
<p id="calls-skipped"><strong>${v.skippedRecent}</strong> ${tr(CALL_UI.skippedRecent, lang)}</p>
${rows.length === 0 ? html`<p id="no-calls">${tr(CALL_UI.noCalls, lang)}</p>` : html`<table id="calls" class="calls stack"><thead><tr><th>#</th><th>${tr(UI.search, lang)}</th><th>${tr(UI.tier, lang)}</th>
<th>${tr(CALL_UI.aumShort, lang)} (${tr(CALL_UI.yuan, lang)})</th><th>${tr(CALL_UI.priority, lang)}</th><th>${tr(CALL_UI.topReason, lang)}</th><th>${tr(UI.flags, lang)}</th>
<th>${tr(CALL_UI.lastContact, lang)}</th><th>${tr(CALL_UI.recordContact, lang)}</th></tr></thead><tbody>${rows}</tbody></table>`}`;
  return pageLayout({ lang, title: tr(CALL_UI.calls, lang), path: v.path, user: v.user, csrfToken: v.csrfToken, body });
}
