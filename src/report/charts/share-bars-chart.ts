import { escapeHtml } from '../html-escape.js';
import { fmt, PALETTE, svgFrame } from './svg-frame.js';

/**
 * One horizontal bar per row split into the shares of each category (e.g. a segment's asset-tier
 * mix), with a legend: the mix of every segment at a glance.
 *
 * @example
 * shareBarsChart([{ label: '0 frequent trader', counts: { mass: 80, hnw: 20 } }], ['mass', 'hnw'], { title: 'tier mix' });
 */
export function shareBarsChart(
  rows: readonly { readonly label: string; readonly counts: Readonly<Record<string, number>> }[],
  categories: readonly { readonly key: string; readonly label: string }[],
  o: { readonly title: string; readonly width?: number },
): string {
  const width = o.width ?? 460, left = 170, right = 14, top = 44, row = 20;
  const height = top + row * rows.length + 10;
  const span = width - left - right;
  const parts: string[] = [];
  let lx = left;
  categories.forEach((c, j) => {
    parts.push(`<rect x="${lx}" y="${top - 22}" width="10" height="10" fill="${PALETTE[j % PALETTE.length]}"/>`);
    parts.push(`<text x="${lx + 13}" y="${top - 13}" font-size="10">${escapeHtml(c.label)}</text>`);
    lx += 18 + 7 * c.label.length;
  });
  rows.forEach((r, i) => {
    const y = top + row * i;
    const total = categories.reduce((s, c) => s + (r.counts[c.key] ?? 0), 0);
    parts.push(`<text x="${left - 6}" y="${y + 13}" font-size="11" text-anchor="end">${escapeHtml(r.label)}</text>`);
    parts.push(`<rect x="${left}" y="${y + 2}" width="${span}" height="${row - 5}" fill="#eee"/>`);
    let x = left;
    categories.forEach((c, j) => {
      const v = r.counts[c.key] ?? 0;
      if (total === 0 || v === 0) return;
      const w = (v / total) * span;
      parts.push(`<rect x="${fmt(x)}" y="${y + 2}" width="${fmt(w)}" height="${row - 5}" fill="${PALETTE[j % PALETTE.length]}"><title>${escapeHtml(`${r.label}: ${c.label} ${v} (${(100 * v / total).toFixed(1)}%)`)}</title></rect>`);
      x += w;
    });
  });
  return svgFrame(width, height, o.title, parts);
}
