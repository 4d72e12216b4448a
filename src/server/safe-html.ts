import { escapeHtml } from '../report/html-escape.js';

/** Markup that is already safe: built by `html` or from constants. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string { return this.value; }
}

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return (part as readonly Part[]).map(render).join('');
  return escapeHtml(String(part));
}

/**
 * A template tag that escapes every interpolated value unless it is SafeHtml, so a page can
 * only show data as text: a client id or a reason typed by an advisor never becomes markup.
 *
 * @example
 * html`<td>${clientId}</td>`; // '<td>&lt;script&gt;…</td>' for a hostile id
 */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => { out += render(v) + strings[i + 1]!; });
  return new SafeHtml(out);
}

/** Trusted markup made by our own code (e.g. an SVG chart whose text is already escaped). */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
