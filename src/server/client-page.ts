import { DEFAULT_RULES } from '../fuse/rules-config.js';
import { phraseReason } from '../fuse/reason-phrases.js';
import { CONTACT_OUTCOMES, type ContactRecord } from '../store/contact-store.js';
import type { OverrideRecord } from '../store/override-store.js';
import type { OverriddenScore } from '../store/apply-overrides.js';
import type { ClientHistoryEntry, RunRecord, StoredScore } from '../store/store.js';
import { CALL_UI, OUTCOME_LABELS } from './call-sheet-text.js';
import { changesSinceLastRun, type ProfileChange } from './changes-since-last-run.js';
import { clientTimeline, formatCny } from './client-timeline.js';
import { historyChart } from './history-chart.js';
import { riskOverrideClasses, type OverrideError } from './override-input.js';
import { OVERRIDE_TEXT } from './override-text.js';
import { plainText } from './plain-words.js';
import { tierDistance } from './tier-distance.js';
import { pageLayout } from './page-layout.js';
import type { SegmentInfo } from './segment-descriptions.js';
import { unreliableBadge } from './unreliable-badge.js';
import { html, trusted, type SafeHtml } from './safe-html.js';
import { zonedTime } from './zoned-time.js';
import { flagLabel, lifecycleLabel, needLabel, riskLabel, tierLabel, TIER_SERVICE, tr, UI, type Lang } from './ui-text.js';

export interface ClientView {
  readonly lang: Lang;
  readonly user: { readonly id: string; readonly role: string };
  readonly csrfToken: string;
  readonly path: string;
  readonly run: RunRecord;
  /** The profile with its overrides applied: dismissed needs apart, flags recomputed. */
  readonly score: OverriddenScore;
  /** The segment as the run's model describes it; undefined when the model is not at hand. */
  readonly segment: SegmentInfo | undefined;
  readonly history: readonly ClientHistoryEntry[];
  readonly overrides: readonly OverrideRecord[];
  /** Contacts with the client, newest first. */
  readonly contacts?: readonly ContactRecord[];
  /** A rejected form: which message to show. */
  readonly formError?: OverrideError | 'invalidContact';
  /** The override just saved, confirmed at the top of the page. */
  readonly saved?: OverrideRecord;
  /** Set after a contact was recorded (the redirect's `?saved=contact`). */
  readonly notice?: 'contactSaved';
  /** IANA zone the override times are shown in. */
  readonly timeZone: string;
}

const FORM_ERRORS = { reasonRequired: UI.reasonRequired, invalidOverride: UI.invalidOverride, overrideNoChange: OVERRIDE_TEXT.overrideNoChange } as const;

const pct = (p: number | undefined) => `${((p ?? 0) * 100).toFixed(1)}%`;

function reasonList(codes: readonly string[], lang: Lang): SafeHtml {
  if (codes.length === 0) return html`<span>${tr(UI.none, lang)}</span>`;
  return html`<ul>${codes.map((c) => html`<li>${plainText(tr(phraseReason(c), lang), lang)}</li>`)}</ul>`;
}

function suitabilityNotes(s: StoredScore, lang: Lang): SafeHtml {
  const notes: SafeHtml[] = [];
  for (const flag of s.flags) {
    const above = /^need_above_level:(.+)$/.exec(flag);
    if (above) {
      const need = above[1]!;
      const productRisk = (DEFAULT_RULES.suitability.needProductRisk as Record<string, string>)[need] ?? '?';
      notes.push(html`<li class="warn">${tr(needLabel(need), lang)}: ${tr(UI.notOffered, lang)} — ${tr(UI.because, lang)} ${tr(UI.abovePrefix, lang)} ${productRisk}, ${tr(UI.aboveSuffix, lang)} ${s.suitability}</li>`);
    } else if (flag === 'assessment_due') {
      notes.push(html`<li class="warn">${tr(UI.assessmentDue, lang)}</li>`);
    } else if (flag === 'risk_mismatch') {
      notes.push(html`<li class="warn">${tr(UI.mismatch, lang)}</li>`);
    }
  }
  return html`<p>${tr(UI.maxProduct, lang)}: <strong id="suitability">${s.suitability}</strong></p>
${notes.length === 0 ? html`<p>${tr(UI.nothingToFlag, lang)}</p>` : html`<ul id="suitability-notes">${notes}</ul>`}`;
}

const CHANGE_PREFIX: Partial<Record<ProfileChange['what'], keyof typeof CALL_UI>> = {
  need_added: 'needAdded', need_removed: 'needRemoved', flag_added: 'flagAdded', flag_removed: 'flagRemoved',
};
const CHANGE_LABEL: Partial<Record<ProfileChange['what'], keyof typeof UI>> = { tier: 'tier', segment: 'segment', risk: 'risk', declared: 'declared' };

/** The top of the call sheet: what moved since the previous completed run. */
function changesBox(v: ClientView): SafeHtml {
  const { lang } = v;
  const { previous, changes } = changesSinceLastRun(v.score, v.history);
  const items = changes.map((c) => {
    const prefix = CHANGE_PREFIX[c.what];
    const label = CHANGE_LABEL[c.what];
    return html`<li class="change-${c.what}">${prefix !== undefined ? `${tr(CALL_UI[prefix], lang)}: ` : label !== undefined ? `${tr(UI[label], lang)}: ` : ''}${tr(c.text, lang)}</li>`;
  });
  return html`<section id="changes" class="changes"><h2>${tr(CALL_UI.changedSince, lang)}${previous === undefined ? '' : html` <span class="muted">(${tr(CALL_UI.previousRun, lang)} ${previous.asOf})</span>`}</h2>
${previous === undefined ? html`<p>${tr(CALL_UI.firstRun, lang)}</p>` : items.length === 0 ? html`<p>${tr(CALL_UI.noChange, lang)}</p>` : html`<ul>${items}</ul>`}</section>`;
}

/** AUM with the distance to the next tier's threshold, amount and share. */
function aumCard(s: StoredScore, lang: Lang): SafeHtml {
  if (s.aum == null) return html`<div class="card"><div class="label">${tr(CALL_UI.aum, lang)}</div><div class="value" id="aum">—</div><div class="label">${tr(CALL_UI.aumUnknown, lang)}</div></div>`;
  const d = tierDistance(s.aum);
  const distance = d.amount === undefined || d.threshold === undefined || d.nextTierCode === undefined
    ? tr(CALL_UI.topTier, lang)
    : lang === 'zh'
      ? `${tr(CALL_UI.toNextTier, lang)}（${tr(tierLabel(d.nextTierCode), lang)}）还差 ${formatCny(d.amount)} 元，${tr(CALL_UI.belowThreshold, lang)} ${formatCny(d.threshold)} 元 ${((d.shareOfThreshold ?? 0) * 100).toFixed(1)}%`
      : `${tr(CALL_UI.toNextTier, lang)} (${tr(tierLabel(d.nextTierCode), lang)}): ${formatCny(d.amount)} CNY more, ${((d.shareOfThreshold ?? 0) * 100).toFixed(1)}% ${tr(CALL_UI.belowThreshold, lang)} ${formatCny(d.threshold)} CNY`;
  return html`<div class="card"><div class="label">${tr(CALL_UI.aum, lang)}</div><div class="value" id="aum">${formatCny(s.aum)} ${tr(CALL_UI.yuan, lang)}</div>
<div class="label" id="tier-distance">${distance}</div></div>`;
}

function contactForm(v: ClientView, hidden: SafeHtml): SafeHtml {
  const { lang } = v;
  return html`<form class="override" method="post" action="/clients/${encodeURIComponent(v.score.clientId)}/contacts" id="record-contact">${hidden}
<label>${tr(CALL_UI.outcome, lang)}<select name="outcome" id="contact-outcome">${CONTACT_OUTCOMES.map((o) => html`<option value="${o}">${tr(OUTCOME_LABELS[o], lang)}</option>`)}</select></label>
<label>${tr(CALL_UI.note, lang)}<textarea name="note" id="contact-note" maxlength="500"></textarea></label>
<button type="submit" id="contact-save">${tr(CALL_UI.recordContact, lang)}</button></form>`;
}

/** One client's profile, its reasons, its history and its overrides, with the override forms. */
export function clientPage(v: ClientView): string {
  const { lang, score: s, run } = v;
  const risk = s.riskOverride ?? undefined;
  const byPropensity = [...s.predictedNeeds].sort((a, b) => (s.needPropensities[b] ?? 0) - (s.needPropensities[a] ?? 0));
  const needRow = (need: string, rank: number | undefined) => html`<tr${rank === undefined ? html` class="dismissed"` : ''}>
<td class="num">${rank === undefined ? '—' : rank + 1}</td><td>${tr(needLabel(need), lang)}${rank === undefined ? html` <span class="override">${tr(UI.dismissed, lang)}</span>` : ''}</td>
<td class="num">${pct(s.needPropensities[need])}</td>
<td>${reasonList(s.reasons.filter((c) => c.startsWith(`need_${need}_`)), lang)}</td></tr>`;
  // Dismissed needs leave the ranking and follow it, greyed, so the advisor still sees what the model said.
  const needRows = [...byPropensity.map((need, rank) => needRow(need, rank)), ...s.dismissedNeeds.map((need) => needRow(need, undefined))];
  const probabilities = run.riskClasses.map((c) => html`<tr><td>${tr(riskLabel(c), lang)}</td><td class="num">${pct(s.riskProbabilities[c])}</td></tr>`);
  const change = (o: OverrideRecord) => (o.kind === 'risk_segment'
    ? html`${tr(UI.overrideRisk, lang)}: ${tr(riskLabel(o.previous), lang)} → ${tr(riskLabel(o.value), lang)}`
    : html`${tr(UI.dismissNeed, lang)}: ${tr(needLabel(o.value), lang)}`);
  const overrideRows = v.overrides.map((o) => html`<tr><td class="override-time">${zonedTime(o.at, v.timeZone)}</td><td>${o.actor}</td>
<td>${change(o)}</td>
<td class="override-reason">${o.reason}</td></tr>`);
  const overrideHead = html`<thead><tr><th>${tr(OVERRIDE_TEXT.time, lang)} (${v.timeZone})</th><th>${tr(OVERRIDE_TEXT.by, lang)}</th><th>${tr(OVERRIDE_TEXT.change, lang)}</th><th>${tr(OVERRIDE_TEXT.reason, lang)}</th></tr></thead>`;
  const dismissable = s.predictedNeeds;
  // The risk the client is treated as is not offered: choosing it would change nothing.
  const riskChoices = riskOverrideClasses(run).filter((c) => c !== (risk ?? s.riskSegment));
  const hidden = html`<input type="hidden" name="_csrf" value="${v.csrfToken}">`;
  const action = `/clients/${encodeURIComponent(s.clientId)}/overrides`;

  const body = html`${v.saved === undefined ? '' : html`<p class="saved" role="status" id="override-saved">${tr(OVERRIDE_TEXT.saved, lang)}: ${change(v.saved)} · ${zonedTime(v.saved.at, v.timeZone)} (${v.timeZone})</p>`}
<p><a href="/book">← ${tr(UI.back, lang)}</a></p>
<h1 id="client-id">${s.clientId}</h1>
<p>${tr(UI.asOf, lang)} ${run.asOf} · ${tr(UI.model, lang)} ${run.modelVersion}</p>
${v.notice === undefined ? '' : html`<p class="notice" role="status" id="notice">${tr(CALL_UI[v.notice], lang)}</p>`}
${changesBox(v)}
<div class="cards">
<div class="card"><div class="label">${tr(UI.tier, lang)}</div><div class="value" id="tier">${tr(tierLabel(s.tierCode), lang)}</div>
<div class="label">${tr(UI.service, lang)}: <span id="service">${tr(TIER_SERVICE[s.tierCode] ?? { zh: '', en: '' }, lang)}</span></div></div>
${aumCard(s, lang)}
<div class="card"><div class="label">${tr(UI.lifecycle, lang)}</div><div class="value" id="lifecycle">${tr(lifecycleLabel(s.lifecycleStage), lang)}</div></div>
<div class="card"><div class="label">${tr(UI.segment, lang)}</div><div class="value" id="segment">${s.behaviourSegment} ${plainText(lang === 'zh' ? s.behaviourSegmentName : s.behaviourSegmentNameEn, lang)}${v.segment?.reliable === false ? unreliableBadge(lang) : ''}</div>
<div class="label" id="segment-description">${v.segment === undefined ? tr(UI.noDescription, lang) : plainText(tr(v.segment.description, lang), lang)}</div></div>
<div class="card"><div class="label">${tr(UI.risk, lang)}</div><div class="value" id="risk">${tr(riskLabel(s.riskSegment), lang)}${risk === undefined ? '' : html` <span class="override" id="risk-override">${tr(UI.overriddenTo, lang)} ${tr(riskLabel(risk), lang)}</span>`}</div>
<div class="label">${tr(UI.declared, lang)}: <span id="declared">${tr(riskLabel(s.declaredRisk), lang)}</span></div>
${probabilities.length === 0 ? '' : html`<table id="probabilities"><thead><tr><th>${tr(UI.probabilities, lang)}</th><th></th></tr></thead><tbody>${probabilities}</tbody></table>`}</div>
</div>
${s.flags.length === 0 ? '' : html`<p>${s.flags.map((f) => html`<span class="flag">${tr(flagLabel(f), lang)}</span>`)}</p>`}
<h2>${tr(UI.needsRanked, lang)}</h2>
${needRows.length === 0 ? html`<p>${tr(UI.none, lang)}</p>` : html`<table id="needs"><thead><tr><th>#</th><th>${tr(UI.need, lang)}</th><th>${tr(UI.propensity, lang)}</th><th>${tr(UI.reasons, lang)}</th></tr></thead><tbody>${needRows}</tbody></table>`}
<h2>${tr(UI.segmentReasons, lang)}</h2>${reasonList(s.reasons.filter((c) => c.startsWith('seg_')), lang)}
<h2>${tr(UI.riskReasons, lang)}</h2>${reasonList(s.reasons.filter((c) => c.startsWith('risk_')), lang)}
<h2>${tr(UI.suitability, lang)}</h2>${suitabilityNotes(s, lang)}
<h2>${tr(CALL_UI.timeline, lang)}</h2>${trusted(historyChart(v.history, lang))}
${clientTimeline(v.history, v.contacts ?? [], lang)}
${v.formError === 'invalidContact' ? html`<p class="error" role="alert" id="contact-error">${tr(CALL_UI.invalidContact, lang)}</p>` : ''}
${contactForm(v, html`<input type="hidden" name="_csrf" value="${v.csrfToken}">`)}
<h2>${tr(UI.overrides, lang)}</h2>
${v.formError === undefined || v.formError === 'invalidContact' ? '' : html`<p class="error" role="alert" id="override-error">${tr(FORM_ERRORS[v.formError], lang)}</p>`}
${overrideRows.length === 0 ? html`<p id="no-overrides">${tr(UI.none, lang)}</p>` : html`<table id="overrides">${overrideHead}<tbody>${overrideRows}</tbody></table>`}
<form class="override" method="post" action="${action}" id="override-risk">${hidden}<input type="hidden" name="kind" value="risk_segment">
<label>${tr(UI.overrideRisk, lang)}<select name="value" id="override-risk-value" required><option value="" selected disabled>${tr(OVERRIDE_TEXT.choose, lang)}</option>${riskChoices.map((c) => html`<option value="${c}">${tr(riskLabel(c), lang)}</option>`)}</select></label>
<label>${tr(UI.reason, lang)}<textarea name="reason" id="override-risk-reason" maxlength="500" required></textarea></label>
<button type="submit" id="override-risk-save">${tr(UI.save, lang)}</button></form>
${dismissable.length === 0 ? '' : html`<form class="override" method="post" action="${action}" id="dismiss-need">${hidden}<input type="hidden" name="kind" value="dismiss_need">
<label>${tr(UI.dismissNeed, lang)}<select name="value" id="dismiss-need-value" required><option value="" selected disabled>${tr(OVERRIDE_TEXT.choose, lang)}</option>${dismissable.map((n) => html`<option value="${n}">${tr(needLabel(n), lang)}</option>`)}</select></label>
<label>${tr(UI.reason, lang)}<textarea name="reason" id="dismiss-need-reason" maxlength="500" required></textarea></label>
<button type="submit" id="dismiss-need-save">${tr(UI.save, lang)}</button></form>`}`;
  return pageLayout({ lang, title: s.clientId, path: v.path, user: v.user, csrfToken: v.csrfToken, body });
}
