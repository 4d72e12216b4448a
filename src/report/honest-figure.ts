import type { BootstrapInterval } from '../monitor/bootstrap-interval.js';
import { MIN_POSITIVES } from '../monitor/min-positives.js';
import { t, type Bilingual } from './bilingual.js';
import type { Cell } from './html-table.js';

/** What stands in for a figure measured on too few positives. */
export const tooFew = (n: number): Bilingual => ({ zh: `过少: ${n}`, en: `too few: ${n}` });

const fixed = (x: number, d: number): string => (Number.isFinite(x) ? x.toFixed(d) : '—');
const range = (ci: BootstrapInterval | null | undefined, d: number): string => (ci ? ` (${fixed(ci.low, d)}–${fixed(ci.high, d)})` : '');

/**
 * An AUC, F1 or precision as a report cell: the figure with its bootstrap 95% interval when
 * there is one, or "too few: n" when it was measured on fewer than MIN_POSITIVES positives.
 *
 * @example
 * honestCell(0.612, 45, { low: 0.55, high: 0.67, level: 0.95, resamples: 200 }); // { html: '0.612 (0.550–0.670)' }
 */
export function honestCell(value: number, positives: number, interval?: BootstrapInterval | null, d = 3): Cell {
  if (positives < MIN_POSITIVES) return { html: `<span class="too-few">${t(tooFew(positives))}</span>` };
  return { html: `${fixed(value, d)}${range(interval, d)}` };
}

/** honestCell as plain English text, for the model card and the command line. */
export function honestText(value: number, positives: number, interval?: BootstrapInterval | null, d = 3): string {
  if (positives < MIN_POSITIVES) return tooFew(positives).en;
  return `${fixed(value, d)}${ci95(interval, d)}`;
}

function ci95(ci: BootstrapInterval | null | undefined, d: number): string {
  return ci ? ` (95% CI ${fixed(ci.low, d)}–${fixed(ci.high, d)})` : '';
}
