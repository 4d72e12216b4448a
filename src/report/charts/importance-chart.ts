import { escapeHtml } from '../html-escape.js';
import type { FeatureImportance } from '../../monitor/permutation-importance.js';
import { fmt, PALETTE, scale, svgFrame } from './svg-frame.js';

/**
 * Horizontal bars of permutation importance with their interval as a whisker, zero marked: a
 * feature whose whisker crosses zero is not shown to matter.
 *
 * @example
 * importanceChart(d.importance.features.slice(0, 15), { title: 'permutation importance', label: (n) => n });
 */
export function importanceChart(items: readonly FeatureImportance[], o: { readonly title: string; readonly label: (name: string) => string; readonly width?: number }): string {
  const width = o.width ?? 460, left = 170, right = 20, top = 30, row = 18;
  const height = top + items.length * row + 28;
  const lo = Math.min(0, ...items.map((f) => f.low)), hi = Math.max(1e-9, ...items.map((f) => f.high));
  const sx = scale(lo, hi, left, width - right);
  const parts: string[] = [`<line x1="${fmt(sx(0))}" y1="${top - 4}" x2="${fmt(sx(0))}" y2="${top + items.length * row}" stroke="#333"/>`];
  items.forEach((f, i) => {
    const y = top + i * row;
    const x0 = sx(Math.min(0, f.mean)), x1 = sx(Math.max(0, f.mean));
    parts.push(`<text x="${left - 6}" y="${y + 12}" font-size="11" text-anchor="end">${escapeHtml(o.label(f.name))}</text>`);
    parts.push(`<rect x="${fmt(x0)}" y="${y + 3}" width="${fmt(Math.max(0.5, x1 - x0))}" height="${row - 6}" fill="${f.low > 0 ? PALETTE[0] : '#bbb'}"><title>${escapeHtml(`${f.name}: ${f.mean.toFixed(4)} (${f.low.toFixed(4)} – ${f.high.toFixed(4)})`)}</title></rect>`);
    parts.push(`<line x1="${fmt(sx(f.low))}" y1="${y + row / 2}" x2="${fmt(sx(f.high))}" y2="${y + row / 2}" stroke="#333"/>`);
  });
  parts.push(`<text x="${fmt(sx(lo))}" y="${height - 8}" font-size="10">${lo.toFixed(3)}</text>`);
  parts.push(`<text x="${width - right}" y="${height - 8}" font-size="10" text-anchor="end">${hi.toFixed(3)} log-loss</text>`);
  return svgFrame(width, height, o.title, parts);
}
