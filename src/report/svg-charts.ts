import { escapeHtml } from './html-escape.js';

/** Inline SVG charts: no script library, no network, the same bytes for the same data. */

export interface Series {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
}

export interface LineChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly width?: number;
  readonly height?: number;
  /** An x to mark with a vertical rule (e.g. the chosen k). */
  readonly markX?: number;
  /** A diagonal y = x reference (reliability curves). */
  readonly diagonal?: boolean;
}

const COLOURS = ['#1f6fb2', '#d9822b', '#2e8b57', '#b03a48', '#6a51a3', '#7f7f7f'];
const fmt = (n: number) => (Math.round(n * 100) / 100).toString();

export function lineChart(series: readonly Series[], o: LineChartOptions): string {
  const width = o.width ?? 420, height = o.height ?? 260, pad = 44;
  const all = series.flatMap((s) => s.points);
  const xs = all.map((p) => p[0]), ys = all.map((p) => p[1]);
  const x0 = Math.min(...xs, o.diagonal ? 0 : Infinity), x1 = Math.max(...xs, o.diagonal ? 1 : -Infinity);
  const y0 = Math.min(0, ...ys), y1 = Math.max(...ys, o.diagonal ? 1 : -Infinity);
  const sx = (x: number) => pad + ((x - x0) / (x1 - x0 || 1)) * (width - 2 * pad);
  const sy = (y: number) => height - pad - ((y - y0) / (y1 - y0 || 1)) * (height - 2 * pad);
  const parts: string[] = [axes(width, height, pad, o.xLabel, o.yLabel, [x0, x1], [y0, y1])];
  if (o.diagonal) parts.push(`<line x1="${fmt(sx(0))}" y1="${fmt(sy(0))}" x2="${fmt(sx(1))}" y2="${fmt(sy(1))}" stroke="#bbb" stroke-dasharray="4 3"/>`);
  if (o.markX !== undefined) parts.push(`<line x1="${fmt(sx(o.markX))}" y1="${pad}" x2="${fmt(sx(o.markX))}" y2="${height - pad}" stroke="#999" stroke-dasharray="3 3"/>`);
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const d = s.points.map((p, j) => `${j ? 'L' : 'M'}${fmt(sx(p[0]))},${fmt(sy(p[1]))}`).join('');
    parts.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    for (const p of s.points) parts.push(`<circle cx="${fmt(sx(p[0]))}" cy="${fmt(sy(p[1]))}" r="3" fill="${colour}"><title>${escapeHtml(s.name)}: ${fmt(p[0])}, ${fmt(p[1])}</title></circle>`);
    parts.push(`<text x="${width - pad}" y="${pad + 14 * i}" text-anchor="end" font-size="11" fill="${colour}">${escapeHtml(s.name)}</text>`);
  });
  return svg(width, height, o.title, parts);
}

export interface HeatmapOptions {
  readonly title: string;
  readonly rowLabels: readonly string[];
  readonly colLabels: readonly string[];
  /** Diverging colours around 0 (z-scores) instead of a 0→max scale (counts). */
  readonly diverging?: boolean;
  readonly cell?: number;
  readonly decimals?: number;
  /** Colours saturate at this |value| so one extreme cell does not wash out the rest (z-scores: 3). */
  readonly clip?: number;
}

export function heatmap(values: readonly (readonly number[])[], o: HeatmapOptions): string {
  const cell = o.cell ?? 34, left = 150, top = 110;
  const width = left + cell * o.colLabels.length + 10, height = top + cell * o.rowLabels.length + 10;
  const flat = values.flat();
  const max = Math.min(o.clip ?? Infinity, Math.max(1e-12, ...flat.map((v) => Math.abs(v))));
  const parts: string[] = [];
  o.colLabels.forEach((label, j) => {
    const x = left + cell * j + cell / 2;
    parts.push(`<text transform="translate(${x},${top - 6}) rotate(-50)" font-size="10">${escapeHtml(label)}</text>`);
  });
  o.rowLabels.forEach((label, i) => {
    parts.push(`<text x="${left - 6}" y="${top + cell * i + cell / 2 + 4}" text-anchor="end" font-size="11">${escapeHtml(label)}</text>`);
    (values[i] ?? []).forEach((v, j) => {
      const x = left + cell * j, y = top + cell * i;
      parts.push(`<rect x="${x}" y="${y}" width="${cell - 1}" height="${cell - 1}" fill="${colourFor(v, max, o.diverging === true)}"><title>${escapeHtml(`${label} × ${o.colLabels[j]}: ${v}`)}</title></rect>`);
      parts.push(`<text x="${x + cell / 2}" y="${y + cell / 2 + 4}" text-anchor="middle" font-size="9">${v.toFixed(o.decimals ?? 1)}</text>`);
    });
  });
  return svg(width, height, o.title, parts);
}

export interface BarChartOptions {
  readonly title: string;
  readonly width?: number;
  /** Vertical rules at these values (e.g. drift thresholds). */
  readonly thresholds?: readonly number[];
  readonly colours?: readonly string[];
}

/** Horizontal bars, one per label. */
export function barChart(bars: readonly { label: string; value: number; colour?: string }[], o: BarChartOptions): string {
  const width = o.width ?? 460, left = 170, row = 18, top = 30;
  const height = top + row * bars.length + 20;
  const max = Math.max(1e-12, ...bars.map((b) => b.value), ...(o.thresholds ?? []));
  const sx = (v: number) => left + (v / max) * (width - left - 50);
  const parts: string[] = [];
  bars.forEach((b, i) => {
    const y = top + row * i;
    parts.push(`<text x="${left - 6}" y="${y + 12}" text-anchor="end" font-size="11">${escapeHtml(b.label)}</text>`);
    parts.push(`<rect x="${left}" y="${y + 2}" width="${fmt(Math.max(1, sx(b.value) - left))}" height="${row - 5}" fill="${b.colour ?? COLOURS[0]}"><title>${escapeHtml(b.label)}: ${b.value}</title></rect>`);
    parts.push(`<text x="${fmt(sx(b.value) + 4)}" y="${y + 12}" font-size="10">${fmt(b.value)}</text>`);
  });
  for (const th of o.thresholds ?? []) parts.push(`<line x1="${fmt(sx(th))}" y1="${top - 4}" x2="${fmt(sx(th))}" y2="${height - 16}" stroke="#b03a48" stroke-dasharray="3 3"/>`);
  return svg(width, height, o.title, parts);
}

function colourFor(v: number, max: number, diverging: boolean): string {
  const s = Math.min(1, Math.abs(v) / max);
  const mix = (a: number, b: number) => Math.round(a + (b - a) * s);
  if (!diverging || v >= 0) return `rgb(${mix(247, 31)},${mix(251, 111)},${mix(255, 178)})`;
  return `rgb(${mix(255, 217)},${mix(247, 130)},${mix(240, 43)})`;
}

function axes(width: number, height: number, pad: number, xLabel: string, yLabel: string, xr: [number, number], yr: [number, number]): string {
  return [
    `<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="#333"/>`,
    `<line x1="${pad}" y1="${pad}" x2="${pad}" y2="${height - pad}" stroke="#333"/>`,
    `<text x="${width / 2}" y="${height - 8}" text-anchor="middle" font-size="11">${escapeHtml(xLabel)}</text>`,
    `<text transform="translate(12,${height / 2}) rotate(-90)" text-anchor="middle" font-size="11">${escapeHtml(yLabel)}</text>`,
    `<text x="${pad}" y="${height - pad + 14}" font-size="10" text-anchor="middle">${fmt(xr[0])}</text>`,
    `<text x="${width - pad}" y="${height - pad + 14}" font-size="10" text-anchor="middle">${fmt(xr[1])}</text>`,
    `<text x="${pad - 4}" y="${height - pad}" font-size="10" text-anchor="end">${fmt(yr[0])}</text>`,
    `<text x="${pad - 4}" y="${pad + 4}" font-size="10" text-anchor="end">${fmt(yr[1])}</text>`,
  ].join('');
}

function svg(width: number, height: number, title: string, parts: readonly string[]): string {
  const caption = `<text x="4" y="14" font-size="12" font-weight="bold">${escapeHtml(title)}</text>`;
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title>${caption}${parts.join('')}</svg>`;
}
