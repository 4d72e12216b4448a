import { escapeHtml } from './html-escape.js';

/** A phrase in both report languages. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/**
 * Both languages side by side; the page's language switch shows one (CSS on `html[lang]`), so
 * the report needs no server and no network to change language.
 */
export function t(text: Bilingual): string {
  return `<span lang="zh">${escapeHtml(text.zh)}</span><span lang="en">${escapeHtml(text.en)}</span>`;
}
