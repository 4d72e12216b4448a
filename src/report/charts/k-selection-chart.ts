import { escapeHtml } from '../html-escape.js';
import type { KCurvePoint } from '../../segment/select-k.js';
import { fmt, PALETTE, scale, svgFrame } from './svg-frame.js';

const PANELS: readonly { readonly name: string; readonly y: (p: KCurvePoint) => number; readonly colour: string }[] = [
  { name: 'silhouette ↑', y: (p) => p.silhouette, colour: PALETTE[0]! },
  { name: 'Davies–Bouldin ↓', y: (p) => p.daviesBouldin, colour: PALETTE[1]! },
  { name: 'inertia (elbow)', y: (p) => p.inertia, colour: PALETTE[2]! },
];

/**
 * The curve that chose k: silhouette (higher is better), Davies–Bouldin (lower is better) and
 * inertia (the elbow) in three panels over one k axis, each on its own scale (silhouette lies in
 * [−1, 1], Davies–Bouldin and inertia are unbounded: one shared axis flattens the silhouette),
 * and a rule at the chosen k through all three.
 *
 * @example
 * kSelectionChart(report.segments.curve, 7, { title: 'k selection' });
 */
export function kSelectionChart(curve: readonly KCurvePoint[], chosenK: number, o: { readonly title: string; readonly width?: number; readonly height?: number }): string {
  const width = o.width ?? 460, height = o.height ?? 320, left = 56, right = 16, top = 26, bottom = 30, gap = 14;
  const panelHeight = (height - top - bottom - gap * (PANELS.length - 1)) / PANELS.length;
  const ks = curve.map((p) => p.k);
  const k0 = Math.min(...ks, chosenK), k1 = Math.max(...ks, chosenK);
  // One k only (k fixed): widen the axis so the point sits in the middle.
  const sx = k0 === k1 ? scale(k0 - 1, k1 + 1, left, width - right) : scale(k0, k1, left, width - right);
  const parts: string[] = [
    `<line x1="${left}" y1="${height - bottom}" x2="${width - right}" y2="${height - bottom}" stroke="#333"/>`,
    `<text x="${(left + width - right) / 2}" y="${height - 4}" font-size="11" text-anchor="middle">k</text>`,
  ];
  for (const k of ks) parts.push(`<text x="${fmt(sx(k))}" y="${height - bottom + 14}" font-size="10" text-anchor="middle">${k}</text>`);
  parts.push(`<line x1="${fmt(sx(chosenK))}" y1="${top}" x2="${fmt(sx(chosenK))}" y2="${height - bottom}" stroke="#999" stroke-dasharray="3 3"/>`);
  parts.push(`<text x="${fmt(sx(chosenK) + 3)}" y="${top + 10}" font-size="10" fill="#666">k = ${chosenK}</text>`);
  PANELS.forEach((panel, i) => {
    const y0 = top + i * (panelHeight + gap), y1 = y0 + panelHeight;
    const points = curve.filter((p) => Number.isFinite(panel.y(p)));
    const values = points.map(panel.y);
    const lo = values.length > 0 ? Math.min(...values) : 0, hi = values.length > 0 ? Math.max(...values) : 1;
    const sy = lo === hi ? () => (y0 + y1) / 2 : scale(lo, hi, y1, y0);
    parts.push(`<line x1="${left}" y1="${fmt(y0)}" x2="${left}" y2="${fmt(y1)}" stroke="#333"/>`);
    parts.push(`<text x="${left - 4}" y="${fmt(y0 + 8)}" font-size="10" text-anchor="end">${compact(hi)}</text>`);
    if (lo !== hi) parts.push(`<text x="${left - 4}" y="${fmt(y1)}" font-size="10" text-anchor="end">${compact(lo)}</text>`);
    parts.push(`<text x="${width - right}" y="${fmt(y0 + 10)}" font-size="10" text-anchor="end" fill="${panel.colour}">${escapeHtml(panel.name)}</text>`);
    if (points.length > 1) parts.push(`<path d="${points.map((p, j) => `${j ? 'L' : 'M'}${fmt(sx(p.k))},${fmt(sy(panel.y(p)))}`).join('')}" fill="none" stroke="${panel.colour}" stroke-width="2"/>`);
    for (const p of points) parts.push(`<circle cx="${fmt(sx(p.k))}" cy="${fmt(sy(panel.y(p)))}" r="3" fill="${panel.colour}"><title>${escapeHtml(`${panel.name} at k = ${p.k}: ${panel.y(p).toFixed(3)}`)}</title></circle>`);
  });
  return svgFrame(width, height, o.title, parts);
}

function compact(v: number): string {
  return Math.abs(v) >= 1000 ? `${fmt(v / 1000)}k` : fmt(v);
}
