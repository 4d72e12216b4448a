import { html, type SafeHtml } from './safe-html.js';
import { CALL_UI } from './call-sheet-text.js';
import { UI, tr, type Lang } from './ui-text.js';

/** The signed-in user's pages: the book, this week's calls, and for supervisors the override rates. */
function navLinks(role: string, lang: Lang): SafeHtml {
  return html`<nav><a id="nav-book" href="/book">${tr(UI.book, lang)}</a> <a id="nav-calls" href="/calls">${tr(CALL_UI.calls, lang)}</a>${role === 'supervisor'
    ? html` <a id="nav-override-rates" href="/supervisor/override-rates">${tr(CALL_UI.overrideRates, lang)}</a>` : ''}</nav>`;
}

export interface LayoutOptions {
  readonly lang: Lang;
  readonly title: string;
  /** The page's own path and query, so the language switch comes back here. */
  readonly path: string;
  /** The signed-in user and the CSRF token for the sign-out form; absent on the sign-in page. */
  readonly user?: { readonly id: string; readonly role: string };
  readonly csrfToken?: string;
  readonly body: SafeHtml;
}

/** Every page's frame: header with the user, the language switch (one click) and sign-out. */
export function pageLayout(o: LayoutOptions): string {
  const other: Lang = o.lang === 'zh' ? 'en' : 'zh';
  const switchHref = `/lang/${other}?back=${encodeURIComponent(o.path)}`;
  const signOut = o.user && o.csrfToken
    ? html`<span>${o.user.id} · ${o.user.role}</span>
      <form method="post" action="/logout"><input type="hidden" name="_csrf" value="${o.csrfToken}"><button type="submit" id="sign-out">${tr(UI.signOut, o.lang)}</button></form>`
    : '';
  return html`<!doctype html>
<html lang="${o.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · ${tr(UI.app, o.lang)}</title>
<link rel="stylesheet" href="/assets/app.css">
</head>
<body>
<header><a href="/book">${tr(UI.app, o.lang)}</a>${o.user ? navLinks(o.user.role, o.lang) : ''}<span class="spacer"></span>
<a id="lang-switch" href="${switchHref}">${other === 'en' ? 'English' : '中文'}</a>
${signOut}</header>
<main>
${o.body}
</main>
</body>
</html>
`.value;
}
