import { escapeHtml } from '../html-escape.js';
import type { ReliabilityBin } from '../../monitor/classification-metrics.js';
import { fmt, PALETTE, scale, svgFrame } from './svg-frame.js';

/**
 * The reliability diagram: observed accuracy against stated confidence per bin, the diagonal a
 * calibrated model would follow, and under it the share of rows in each bin (so a bin far from
 * the diagonal with few rows is read as such).
 *
 * @example
 * reliabilityChart(report.risk.calibration.bins, { title: 'reliability', ece: 0.03 });
 */
export function reliabilityChart(bins: readonly ReliabilityBin[], o: { readonly title: string; readonly ece?: number; readonly size?: number }): string {
  const size = o.size ?? 300, left = 48, top = 30, plot = size - left - 20, histogram = 50;
  const height = top + plot + 24 + histogram + 24, width = size;
  const sx = scale(0, 1, left, left + plot);
  const sy = scale(0, 1, top + plot, top);
  const parts: string[] = [
    `<rect x="${left}" y="${top}" width="${plot}" height="${plot}" fill="#fafafa" stroke="#333"/>`,
    `<line x1="${fmt(sx(0))}" y1="${fmt(sy(0))}" x2="${fmt(sx(1))}" y2="${fmt(sy(1))}" stroke="#999" stroke-dasharray="4 3"/>`,
  ];
  for (const t of [0, 0.5, 1]) {
    parts.push(`<text x="${fmt(sx(t))}" y="${top + plot + 12}" font-size="10" text-anchor="middle">${t}</text>`);
    parts.push(`<text x="${left - 4}" y="${fmt(sy(t) + 3)}" font-size="10" text-anchor="end">${t}</text>`);
  }
  parts.push(`<text x="${left + plot / 2}" y="${top + plot + 24}" font-size="11" text-anchor="middle">confidence</text>`);
  parts.push(`<text transform="translate(12,${top + plot / 2}) rotate(-90)" font-size="11" text-anchor="middle">accuracy</text>`);
  const used = bins.filter((b) => b.count > 0);
  if (used.length > 0) {
    const d = used.map((b, j) => `${j ? 'L' : 'M'}${fmt(sx(b.confidence))},${fmt(sy(b.accuracy))}`).join('');
    parts.push(`<path d="${d}" fill="none" stroke="${PALETTE[0]}" stroke-width="2"/>`);
    for (const b of used) {
      parts.push(`<circle cx="${fmt(sx(b.confidence))}" cy="${fmt(sy(b.accuracy))}" r="3.5" fill="${PALETTE[0]}"><title>${escapeHtml(`${fmt(b.lower)}–${fmt(b.upper)}: confidence ${b.confidence.toFixed(3)}, accuracy ${b.accuracy.toFixed(3)}, ${b.count} rows`)}</title></circle>`);
    }
  }
  // Share of rows per bin, under the diagram.
  const total = bins.reduce((s, b) => s + b.count, 0);
  const base = top + plot + 30 + histogram;
  const maxShare = Math.max(1e-12, ...bins.map((b) => b.count / Math.max(1, total)));
  for (const b of bins) {
    const h = total > 0 ? (b.count / total / maxShare) * histogram : 0;
    parts.push(`<rect x="${fmt(sx(b.lower) + 1)}" y="${fmt(base - h)}" width="${fmt(Math.max(1, sx(b.upper) - sx(b.lower) - 2))}" height="${fmt(Math.max(0.5, h))}" fill="#9bbbd9"><title>${escapeHtml(`${fmt(b.lower)}–${fmt(b.upper)}: ${b.count} rows`)}</title></rect>`);
  }
  parts.push(`<line x1="${left}" y1="${base}" x2="${left + plot}" y2="${base}" stroke="#333"/>`);
  parts.push(`<text x="${left - 4}" y="${base}" font-size="10" text-anchor="end">rows</text>`);
  if (o.ece !== undefined) parts.push(`<text x="${left + 6}" y="${top + 14}" font-size="11">ECE ${o.ece.toFixed(3)}</text>`);
  return svgFrame(width, height, o.title, parts);
}
