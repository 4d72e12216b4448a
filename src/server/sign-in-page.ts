import { pageLayout } from './page-layout.js';
import { html } from './safe-html.js';
import { DEFAULT_RETURN_PATH } from './safe-path.js';
import { SIGN_IN_TEXT } from './sign-in-text.js';
import { UI, tr, type Lang } from './ui-text.js';

const ERRORS = { signInFailed: SIGN_IN_TEXT.signInFailed, accountHeld: SIGN_IN_TEXT.accountHeld, tooMany: UI.tooMany, formExpired: UI.formExpired } as const;

/** The sign-in form; `error` is a message key shown above it, `next` (already checked) where sign-in leads. */
export function signInPage(lang: Lang, csrfToken: string, error?: keyof typeof ERRORS, next: string = DEFAULT_RETURN_PATH): string {
  const body = html`<form class="signin" method="post" action="/login">
<h1>${tr(UI.signIn, lang)}</h1>
${error === undefined ? '' : html`<p class="error" role="alert" id="sign-in-error">${tr(ERRORS[error], lang)}</p>`}
<input type="hidden" name="_csrf" value="${csrfToken}">
${next === DEFAULT_RETURN_PATH ? '' : html`<input type="hidden" name="next" id="next" value="${next}">`}
<label>${tr(UI.userId, lang)}<input name="id" id="user-id" autocomplete="username" required maxlength="64"></label>
<label>${tr(UI.password, lang)}<input name="password" id="password" type="password" autocomplete="current-password" required maxlength="256"></label>
<button type="submit" id="sign-in">${tr(UI.signIn, lang)}</button>
</form>`;
  const path = next === DEFAULT_RETURN_PATH ? '/login' : `/login?next=${encodeURIComponent(next)}`;
  return pageLayout({ lang, title: tr(UI.signIn, lang), path, body });
}
