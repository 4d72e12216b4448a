import { escapeHtml } from '../html-escape.js';
import type { PrPoint } from '../../monitor/precision-recall-curve.js';
import { fmt, PALETTE, scale, svgFrame } from './svg-frame.js';

/**
 * Precision against recall, the base rate as the dashed line a random ranking would follow, and
 * the chosen threshold's operating point marked, so the reader sees what the threshold trades.
 *
 * @example
 * precisionRecallChart(t.curve, { title: 'precision–recall', baseRate: 0.08, point: { precision: 0.4, recall: 0.6, threshold: 0.21 } });
 */
export function precisionRecallChart(curve: readonly PrPoint[], o: {
  readonly title: string; readonly baseRate: number; readonly point?: PrPoint; readonly size?: number;
}): string {
  const size = o.size ?? 300, left = 48, top = 30, plot = size - left - 20;
  const sx = scale(0, 1, left, left + plot);
  const sy = scale(0, 1, top + plot, top);
  const parts: string[] = [
    `<rect x="${left}" y="${top}" width="${plot}" height="${plot}" fill="#fafafa" stroke="#333"/>`,
    `<line x1="${fmt(sx(0))}" y1="${fmt(sy(o.baseRate))}" x2="${fmt(sx(1))}" y2="${fmt(sy(o.baseRate))}" stroke="#999" stroke-dasharray="4 3"><title>${escapeHtml(`base rate ${o.baseRate.toFixed(3)}`)}</title></line>`,
  ];
  for (const t of [0, 0.5, 1]) {
    parts.push(`<text x="${fmt(sx(t))}" y="${top + plot + 12}" font-size="10" text-anchor="middle">${t}</text>`);
    parts.push(`<text x="${left - 4}" y="${fmt(sy(t) + 3)}" font-size="10" text-anchor="end">${t}</text>`);
  }
  parts.push(`<text x="${left + plot / 2}" y="${top + plot + 24}" font-size="11" text-anchor="middle">recall</text>`);
  parts.push(`<text transform="translate(12,${top + plot / 2}) rotate(-90)" font-size="11" text-anchor="middle">precision</text>`);
  if (curve.length > 0) {
    const d = curve.map((p, j) => `${j ? 'L' : 'M'}${fmt(sx(p.recall))},${fmt(sy(p.precision))}`).join('');
    parts.push(`<path d="${d}" fill="none" stroke="${PALETTE[0]}" stroke-width="2"/>`);
  }
  if (o.point) {
    const p = o.point;
    parts.push(`<circle cx="${fmt(sx(p.recall))}" cy="${fmt(sy(p.precision))}" r="5" fill="${PALETTE[1]}" stroke="#333"><title>${escapeHtml(`threshold ${p.threshold.toFixed(3)}: precision ${p.precision.toFixed(3)}, recall ${p.recall.toFixed(3)}`)}</title></circle>`);
    parts.push(`<text x="${fmt(Math.min(sx(p.recall) + 8, left + plot - 70))}" y="${fmt(Math.max(sy(p.precision) - 8, top + 12))}" font-size="10">t = ${p.threshold.toFixed(3)}</text>`);
  }
  return svgFrame(size, top + plot + 32, o.title, parts);
}
