import { escapeHtml } from '../html-escape.js';

/** Colours shared by the charts (colour-blind-safe enough for two to four series). */
export const PALETTE = ['#1f6fb2', '#d9822b', '#2e8b57', '#b03a48', '#6a51a3', '#7f7f7f', '#17becf', '#bcbd22'];

/** A number as chart markup writes it: two decimals at most, so the bytes are stable. */
export const fmt = (n: number): string => (Math.round(n * 100) / 100).toString();

/**
 * The outer `<svg>` every chart shares: explicit width, height and viewBox (so it has a size
 * before any CSS), an accessible title, and a caption in the top-left corner.
 */
export function svgFrame(width: number, height: number, title: string, parts: readonly string[]): string {
  const caption = `<text x="4" y="14" font-size="12" font-weight="bold">${escapeHtml(title)}</text>`;
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title>${caption}${parts.join('')}</svg>`;
}

/** A linear scale from a domain onto a pixel range (a flat domain maps to the range's start). */
export function scale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0 || 1;
  return (v: number) => r0 + ((v - d0) / span) * (r1 - r0);
}
