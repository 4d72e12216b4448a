import { escapeHtml } from '../html-escape.js';
import type { KCurvePoint } from '../../segment/select-k.js';
import { fmt, PALETTE, scale, svgFrame } from './svg-frame.js';

/**
 * The curve that chose k: silhouette (higher is better) and Davies–Bouldin (lower is better) on
 * the left axis, inertia (the elbow) on the right axis, and a rule at the chosen k.
 *
 * @example
 * kSelectionChart(report.segments.curve, 7, { title: 'k selection' });
 */
export function kSelectionChart(curve: readonly KCurvePoint[], chosenK: number, o: { readonly title: string; readonly width?: number; readonly height?: number }): string {
  const width = o.width ?? 460, height = o.height ?? 280, left = 48, right = 70, top = 34, bottom = 40;
  const ks = curve.map((p) => p.k);
  const k0 = Math.min(...ks, chosenK), k1 = Math.max(...ks, chosenK);
  // One k only (k fixed): widen the axis so the point sits in the middle.
  const sx = k0 === k1 ? scale(k0 - 1, k1 + 1, left, width - right) : scale(k0, k1, left, width - right);
  const leftValues = curve.flatMap((p) => [p.silhouette, p.daviesBouldin]).filter(Number.isFinite);
  const l0 = Math.min(0, ...leftValues), l1 = Math.max(1, ...leftValues);
  const syL = scale(l0, l1, height - bottom, top);
  const inertias = curve.map((p) => p.inertia);
  const i0 = Math.min(...inertias), i1 = Math.max(...inertias);
  const syR = i0 === i1 ? () => (top + height - bottom) / 2 : scale(i0, i1, height - bottom, top);
  const parts: string[] = [
    `<line x1="${left}" y1="${height - bottom}" x2="${width - right}" y2="${height - bottom}" stroke="#333"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${height - bottom}" stroke="#333"/>`,
    `<line x1="${width - right}" y1="${top}" x2="${width - right}" y2="${height - bottom}" stroke="#333"/>`,
    `<text x="${(left + width - right) / 2}" y="${height - 8}" font-size="11" text-anchor="middle">k</text>`,
    `<text x="${left - 4}" y="${fmt(syL(l1) + 4)}" font-size="10" text-anchor="end">${fmt(l1)}</text>`,
    `<text x="${left - 4}" y="${fmt(syL(l0))}" font-size="10" text-anchor="end">${fmt(l0)}</text>`,
    `<text x="${width - right + 4}" y="${top + 4}" font-size="10">${compact(i1)}</text>`,
    `<text x="${width - right + 4}" y="${height - bottom}" font-size="10">${compact(i0)}</text>`,
  ];
  for (const k of ks) parts.push(`<text x="${fmt(sx(k))}" y="${height - bottom + 14}" font-size="10" text-anchor="middle">${k}</text>`);
  parts.push(`<line x1="${fmt(sx(chosenK))}" y1="${top}" x2="${fmt(sx(chosenK))}" y2="${height - bottom}" stroke="#999" stroke-dasharray="3 3"/>`);
  parts.push(`<text x="${fmt(sx(chosenK) + 3)}" y="${top + 10}" font-size="10" fill="#666">k = ${chosenK}</text>`);
  const series: { name: string; colour: string; y: (p: KCurvePoint) => number; at: (v: number) => number }[] = [
    { name: 'silhouette ↑', colour: PALETTE[0]!, y: (p) => p.silhouette, at: syL },
    { name: 'Davies–Bouldin ↓', colour: PALETTE[1]!, y: (p) => p.daviesBouldin, at: syL },
    { name: 'inertia (right axis)', colour: PALETTE[2]!, y: (p) => p.inertia, at: syR },
  ];
  series.forEach((s, i) => {
    const points = curve.filter((p) => Number.isFinite(s.y(p)));
    if (points.length > 1) parts.push(`<path d="${points.map((p, j) => `${j ? 'L' : 'M'}${fmt(sx(p.k))},${fmt(s.at(s.y(p)))}`).join('')}" fill="none" stroke="${s.colour}" stroke-width="2"/>`);
    for (const p of points) parts.push(`<circle cx="${fmt(sx(p.k))}" cy="${fmt(s.at(s.y(p)))}" r="3" fill="${s.colour}"><title>${escapeHtml(`${s.name} at k = ${p.k}: ${s.y(p).toFixed(3)}`)}</title></circle>`);
    parts.push(`<text x="${width - right - 4}" y="${top + 12 + 13 * i}" font-size="10" text-anchor="end" fill="${s.colour}">${escapeHtml(s.name)}</text>`);
  });
  return svgFrame(width, height, o.title, parts);
}

function compact(v: number): string {
  return Math.abs(v) >= 1000 ? `${fmt(v / 1000)}k` : fmt(v);
}
