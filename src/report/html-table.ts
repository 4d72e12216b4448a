import { escapeHtml } from './html-escape.js';

export type Cell = string | number | { readonly html: string };

/** A plain table; numbers right-aligned, text left, `{ html }` cells passed through as markup. */
export function htmlTable(header: readonly Cell[], rows: readonly (readonly Cell[])[]): string {
  const cell = (tag: 'th' | 'td', c: Cell) => {
    if (typeof c === 'number') return `<${tag}>${Number.isInteger(c) ? c : c.toFixed(3)}</${tag}>`;
    if (typeof c === 'string') return `<${tag} class="text">${escapeHtml(c)}</${tag}>`;
    return `<${tag} class="text">${c.html}</${tag}>`;
  };
  return `<table><thead><tr>${header.map((h) => cell('th', h)).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => cell('td', c)).join('')}</tr>`)
    .join('')}</tbody></table>`;
}
