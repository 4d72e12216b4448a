import { escapeHtml } from '../html-escape.js';
import type { PartialDependence } from '../../monitor/partial-dependence.js';
import { fmt, PALETTE, scale, svgFrame } from './svg-frame.js';

/**
 * One small partial-dependence chart: the mean predicted probability of each shown class along
 * the feature's grid (points evenly spaced, labelled with their values: quantiles or levels).
 *
 * @example
 * dependenceChart(pd, [1], ['no', 'yes'], { title: 'income' });
 */
export function dependenceChart(pd: PartialDependence, shown: readonly number[], classes: readonly string[], o: { readonly title: string }): string {
  const width = 240, height = 170, left = 40, right = 22, top = 28, bottom = 36;
  const n = pd.grid.length;
  const values = shown.flatMap((k) => pd.mean[k] ?? []);
  const lo = Math.max(0, Math.min(...values) - 0.02), hi = Math.min(1, Math.max(...values) + 0.02);
  const sx = scale(0, Math.max(1, n - 1), left, width - right);
  const sy = scale(lo, hi, height - bottom, top);
  const parts: string[] = [`<rect x="${left}" y="${top}" width="${width - left - right}" height="${height - top - bottom}" fill="#fafafa" stroke="#333"/>`];
  parts.push(`<text x="${left - 3}" y="${fmt(sy(hi) + 8)}" font-size="9" text-anchor="end">${hi.toFixed(2)}</text>`);
  parts.push(`<text x="${left - 3}" y="${fmt(sy(lo))}" font-size="9" text-anchor="end">${lo.toFixed(2)}</text>`);
  const every = Math.max(1, Math.ceil(n / 5));
  pd.grid.forEach((g, i) => {
    if (i % every === 0 || i === n - 1) parts.push(`<text x="${fmt(sx(i))}" y="${height - bottom + 12}" font-size="9" text-anchor="middle">${escapeHtml(g.label.slice(0, 10))}</text>`);
  });
  let legendX = left;
  shown.forEach((k, s) => {
    const m = pd.mean[k] ?? [];
    const colour = PALETTE[s % PALETTE.length]!;
    parts.push(`<path d="${m.map((v, i) => `${i ? 'L' : 'M'}${fmt(sx(i))},${fmt(sy(v))}`).join('')}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    m.forEach((v, i) => parts.push(`<circle cx="${fmt(sx(i))}" cy="${fmt(sy(v))}" r="2.5" fill="${colour}"><title>${escapeHtml(`${pd.grid[i]!.label}: p(${classes[k]}) ${v.toFixed(3)}`)}</title></circle>`));
    parts.push(`<text x="${legendX}" y="${height - 6}" font-size="9" fill="${colour}">p(${escapeHtml(classes[k] ?? '')})</text>`);
    legendX += 5 * ((classes[k] ?? '').length + 4);
  });
  return svgFrame(width, height, o.title, parts);
}
