import { escapeHtml } from '../html-escape.js';

export interface SharePair {
  readonly label: string;
  readonly reference: number;
  readonly current: number;
}

/**
 * Reference and current share side by side per category (grey: the model's training data,
 * blue: this run), for segment and prediction mixes.
 *
 * @example
 * shareChart([{ label: '0 频繁交易型', reference: 0.14, current: 0.2 }], { title: 'segment shares' });
 */
export function shareChart(pairs: readonly SharePair[], o: { readonly title: string }): string {
  const width = 520, left = 170, row = 26, top = 44;
  const height = top + row * pairs.length + 12;
  const max = Math.max(1e-12, ...pairs.flatMap((p) => [p.reference, p.current]));
  const w = (v: number) => Math.max(1, (v / max) * (width - left - 110));
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const parts = [
    `<rect x="${left}" y="22" width="10" height="8" fill="#9e9e9e"/><text x="${left + 14}" y="30" font-size="10">reference 训练</text>`,
    `<rect x="${left + 110}" y="22" width="10" height="8" fill="#1f6fb2"/><text x="${left + 124}" y="30" font-size="10">current 本次</text>`,
  ];
  pairs.forEach((p, i) => {
    const y = top + row * i;
    parts.push(`<text x="${left - 6}" y="${y + 15}" text-anchor="end" font-size="11">${escapeHtml(p.label)}</text>`);
    parts.push(`<rect x="${left}" y="${y + 2}" width="${w(p.reference).toFixed(1)}" height="10" fill="#9e9e9e"><title>${escapeHtml(p.label)} reference ${pct(p.reference)}</title></rect>`);
    parts.push(`<rect x="${left}" y="${y + 13}" width="${w(p.current).toFixed(1)}" height="10" fill="#1f6fb2"><title>${escapeHtml(p.label)} current ${pct(p.current)}</title></rect>`);
    parts.push(`<text x="${(left + Math.max(w(p.reference), w(p.current)) + 4).toFixed(1)}" y="${y + 16}" font-size="10">${pct(p.reference)} → ${pct(p.current)}</text>`);
  });
  const caption = `<text x="4" y="14" font-size="12" font-weight="bold">${escapeHtml(o.title)}</text>`;
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(o.title)}"><title>${escapeHtml(o.title)}</title>${caption}${parts.join('')}</svg>`;
}
