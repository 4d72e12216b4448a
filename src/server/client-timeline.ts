import type { ContactRecord } from '../store/contact-store.js';
import type { ClientHistoryEntry } from '../store/store.js';
import { CALL_UI, OUTCOME_LABELS } from './call-sheet-text.js';
import { plainText } from './plain-words.js';
import { html, type SafeHtml } from './safe-html.js';
import { needLabel, riskLabel, tierLabel, tr, UI, type Lang } from './ui-text.js';

export const formatCny = (n: number): string => Math.round(n).toLocaleString('en-US');

/** A stored time as the pages show it: minutes, with its zone named. */
export const shownTime = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/**
 * The client across completed runs, newest first, one row per run: AUM, tier, segment, predicted
 * risk and needs, all in the page's language; then the contacts recorded with the client.
 */
export function clientTimeline(history: readonly ClientHistoryEntry[], contacts: readonly ContactRecord[], lang: Lang): SafeHtml {
  const rows = history.map((h) => html`<tr>
<td>${h.asOf}</td>
<td class="num">${h.aum == null ? '—' : formatCny(h.aum)}</td>
<td>${tr(tierLabel(h.tierCode), lang)}</td>
<td>${plainText(`${h.behaviourSegment} ${lang === 'zh' ? h.behaviourSegmentName : h.behaviourSegmentNameEn}`, lang)}</td>
<td>${tr(riskLabel(h.riskSegment), lang)}</td>
<td>${h.predictedNeeds.length === 0 ? tr(UI.none, lang) : h.predictedNeeds.map((n) => tr(needLabel(n), lang)).join(lang === 'zh' ? '、' : ', ')}</td></tr>`);
  const contactRows = contacts.map((c) => html`<tr><td>${shownTime(c.at)}</td><td>${c.actor}</td><td class="outcome">${tr(OUTCOME_LABELS[c.outcome], lang)}</td><td class="contact-note">${c.note}</td></tr>`);
  return html`<table id="timeline" class="stack"><thead><tr><th>${tr(CALL_UI.run, lang)}</th><th>${tr(CALL_UI.aumShort, lang)} (${tr(CALL_UI.yuan, lang)})</th><th>${tr(UI.tier, lang)}</th>
<th>${tr(UI.segment, lang)}</th><th>${tr(UI.risk, lang)}</th><th>${tr(UI.need, lang)}</th></tr></thead><tbody>${rows}</tbody></table>
<h3>${tr(CALL_UI.contacts, lang)}</h3>
${contactRows.length === 0 ? html`<p id="no-contacts">${tr(UI.none, lang)}</p>` : html`<table id="contacts" class="stack"><tbody>${contactRows}</tbody></table>`}`;
}
