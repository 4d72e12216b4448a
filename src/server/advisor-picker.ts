import { CALL_UI } from './call-sheet-text.js';
import { html, type SafeHtml } from './safe-html.js';
import { tr, UI, type Lang } from './ui-text.js';

/**
 * A supervisor's choice of advisor, from the advisors present in the run (never free text).
 * `allowAll` offers "all advisors" as the empty value.
 */
export function advisorPicker(advisors: readonly string[], current: string | undefined, lang: Lang, allowAll: boolean): SafeHtml {
  return html`<label>${tr(UI.advisor, lang)}<select name="advisor" id="filter-advisor">${allowAll ? html`<option value="">${tr(CALL_UI.allAdvisors, lang)}</option>` : ''}${advisors.map((a) =>
    html`<option value="${a}"${a === current ? html` selected` : ''}>${a}</option>`)}</select></label>`;
}
