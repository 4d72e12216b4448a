import { html, type SafeHtml } from './safe-html.js';
import { tr, UI, type Lang } from './ui-text.js';

/** The mark beside a segment name whose bootstrap Jaccard at training was below 0.6. */
export function unreliableBadge(lang: Lang): SafeHtml {
  return html` <span class="flag unreliable" title="${tr(UI.unreliableHint, lang)}">${tr(UI.unreliable, lang)}</span>`;
}
