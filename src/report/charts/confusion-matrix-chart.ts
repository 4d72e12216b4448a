import { escapeHtml } from '../html-escape.js';
import { fmt, svgFrame } from './svg-frame.js';

/**
 * The confusion matrix with true classes on rows and predictions on columns; each cell shows its
 * count and its share of the row (the recall on the diagonal), coloured by that share so classes
 * of different sizes read alike.
 *
 * @example
 * confusionMatrixChart([[50, 5], [10, 35]], ['low', 'high'], { title: 'confusion matrix' });
 */
export function confusionMatrixChart(confusion: readonly (readonly number[])[], classes: readonly string[], o: { readonly title: string; readonly cell?: number }): string {
  const cell = o.cell ?? 64, left = 120, top = 60;
  const n = classes.length;
  const width = left + cell * n + 16, height = top + cell * n + 34;
  const parts: string[] = [
    `<text x="${left + (cell * n) / 2}" y="${top - 26}" font-size="11" text-anchor="middle">predicted →</text>`,
    `<text transform="translate(14,${top + (cell * n) / 2}) rotate(-90)" font-size="11" text-anchor="middle">true →</text>`,
  ];
  classes.forEach((name, j) => parts.push(`<text x="${left + cell * j + cell / 2}" y="${top - 8}" font-size="11" text-anchor="middle">${escapeHtml(name)}</text>`));
  classes.forEach((name, i) => {
    const row = confusion[i] ?? [];
    const total = row.reduce((s, v) => s + v, 0);
    parts.push(`<text x="${left - 6}" y="${top + cell * i + cell / 2 + 4}" font-size="11" text-anchor="end">${escapeHtml(name)}</text>`);
    for (let j = 0; j < n; j++) {
      const v = row[j] ?? 0;
      const share = total > 0 ? v / total : 0;
      const x = left + cell * j, y = top + cell * i;
      const fill = i === j ? shade(share, [46, 125, 50]) : shade(share, [198, 40, 40]);
      parts.push(`<rect x="${x}" y="${y}" width="${cell - 2}" height="${cell - 2}" fill="${fill}" stroke="#ccc"><title>${escapeHtml(`true ${name}, predicted ${classes[j]}: ${v} (${(100 * share).toFixed(1)}% of the row)`)}</title></rect>`);
      parts.push(`<text x="${x + cell / 2}" y="${y + cell / 2 - 2}" font-size="12" text-anchor="middle">${v}</text>`);
      parts.push(`<text x="${x + cell / 2}" y="${y + cell / 2 + 12}" font-size="10" text-anchor="middle" fill="#444">${fmt(100 * share)}%</text>`);
    }
  });
  return svgFrame(width, height, o.title, parts);
}

function shade(share: number, rgb: readonly [number, number, number]): string {
  const s = Math.min(1, Math.max(0, share)) * 0.75;
  const mix = (c: number) => Math.round(255 + (c - 255) * s);
  return `rgb(${mix(rgb[0])},${mix(rgb[1])},${mix(rgb[2])})`;
}
