import { pageLayout } from './page-layout.js';
import { html } from './safe-html.js';
import { UI, tr, type Lang } from './ui-text.js';
import type { SignedInUser } from './app-context.js';

const MESSAGES = {
  notFound: UI.notFound,
  noRun: UI.noRun,
  formExpired: UI.formExpired,
  tooMany: UI.tooMany,
  badRequest: { zh: '请求无效，请返回后重试。', en: 'That request is not valid; go back and try again.' },
  invalidFilter: { zh: '筛选条件无效。', en: 'That filter is not valid.' },
  error: { zh: '出错了，请稍后再试。', en: 'Something went wrong; try again later.' },
} as const;

/** A page with one message (not found, no run yet, an expired form, …). */
export function messagePage(lang: Lang, key: keyof typeof MESSAGES, path: string, user?: SignedInUser, csrfToken?: string): string {
  const body = html`<p class="error" role="alert" id="message">${tr(MESSAGES[key], lang)}</p><p><a href="/book">${tr(UI.back, lang)}</a></p>`;
  return pageLayout({ lang, title: tr(MESSAGES[key], lang), path, body, ...(user ? { user } : {}), ...(csrfToken ? { csrfToken } : {}) });
}
