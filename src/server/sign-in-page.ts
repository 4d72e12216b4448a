import { pageLayout } from './page-layout.js';
import { html } from './safe-html.js';
import { UI, tr, type Lang } from './ui-text.js';

/** The sign-in form; `error` is a message key shown above it. */
export function signInPage(lang: Lang, csrfToken: string, error?: 'signInFailed' | 'tooMany' | 'formExpired'): string {
  const body = html`<form class="signin" method="post" action="/login">
<h1>${tr(UI.signIn, lang)}</h1>
${error === undefined ? '' : html`<p class="error" role="alert">${tr(UI[error], lang)}</p>`}
<input type="hidden" name="_csrf" value="${csrfToken}">
<label>${tr(UI.userId, lang)}<input name="id" id="user-id" autocomplete="username" required maxlength="64"></label>
<label>${tr(UI.password, lang)}<input name="password" id="password" type="password" autocomplete="current-password" required maxlength="256"></label>
<button type="submit" id="sign-in">${tr(UI.signIn, lang)}</button>
</form>`;
  return pageLayout({ lang, title: tr(UI.signIn, lang), path: '/login', body });
}
