import { escapeHtml } from '../html-escape.js';
import { fmt, svgFrame } from './svg-frame.js';

export interface DistributionChartInput {
  readonly title: string;
  /** One label per bin (a range of a numeric feature, or a category). */
  readonly labels: readonly string[];
  readonly reference: readonly number[];
  readonly current: readonly number[];
}

/**
 * A small plot of one drifting feature: per bin (or category) the share of clients in the
 * reference (grey) and in this run (blue), side by side. Shares, not counts, so a run of
 * another size reads the same.
 *
 * @example
 * distributionChart({ title: 'recency_days · alert', labels: ['< 3', '3–10', '≥ 10'], reference: [50, 30, 20], current: [10, 30, 60] });
 */
export function distributionChart(o: DistributionChartInput): string {
  const width = 300, height = 160, left = 34, bottom = 128, top = 46;
  const share = (counts: readonly number[]) => {
    const n = counts.reduce((s, c) => s + c, 0);
    return counts.map((c) => (n > 0 ? c / n : 0));
  };
  const ref = share(o.reference), cur = share(o.current);
  const max = Math.max(1e-12, ...ref, ...cur);
  const slot = (width - left - 6) / Math.max(1, o.labels.length);
  const bar = Math.max(1, slot / 2 - 1);
  const y = (v: number) => bottom - (v / max) * (bottom - top);
  const parts = [
    `<rect x="${left}" y="22" width="8" height="8" fill="#9e9e9e"/><text x="${left + 11}" y="30" font-size="9">reference 参考</text>`,
    `<rect x="${left + 90}" y="22" width="8" height="8" fill="#1f6fb2"/><text x="${left + 101}" y="30" font-size="9">current 本次</text>`,
    `<line x1="${left}" y1="${bottom}" x2="${width - 4}" y2="${bottom}" stroke="#999"/>`,
    `<text x="${left - 3}" y="${top + 4}" text-anchor="end" font-size="9">${(max * 100).toFixed(0)}%</text>`,
  ];
  o.labels.forEach((label, i) => {
    const x = left + slot * i;
    const tip = `${label}: ${(ref[i]! * 100).toFixed(1)}% → ${(cur[i]! * 100).toFixed(1)}%`;
    parts.push(`<rect x="${fmt(x + 1)}" y="${fmt(y(ref[i]!))}" width="${fmt(bar)}" height="${fmt(bottom - y(ref[i]!))}" fill="#9e9e9e"><title>${escapeHtml(tip)}</title></rect>`);
    parts.push(`<rect x="${fmt(x + 1 + bar)}" y="${fmt(y(cur[i]!))}" width="${fmt(bar)}" height="${fmt(bottom - y(cur[i]!))}" fill="#1f6fb2"><title>${escapeHtml(tip)}</title></rect>`);
    // Every bin is labelled when there is room; otherwise every other one, counted back from the last.
    if (o.labels.length <= 6 || (o.labels.length - 1 - i) % 2 === 0) {
      parts.push(`<text x="${fmt(x + slot / 2)}" y="${bottom + 12}" text-anchor="middle" font-size="8">${escapeHtml(label)}</text>`);
    }
  });
  return svgFrame(width, height, o.title, parts);
}

/** Bin labels for interior edges: `< e0`, `e0–e1`, …, `≥ eN`, each edge to three significant digits. */
export function binLabels(edges: readonly number[]): string[] {
  const e = edges.map((v) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(3)))));
  if (e.length === 0) return ['all'];
  return [`< ${e[0]}`, ...e.slice(1).map((v, i) => `${e[i]}–${v}`), `≥ ${e[e.length - 1]}`];
}
