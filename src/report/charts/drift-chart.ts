import type { DriftVerdict } from '../../monitor/drift-verdict.js';
import { barChart } from '../svg-charts.js';

export const VERDICT_COLOURS: Readonly<Record<DriftVerdict, string>> = { ok: '#2e7d32', watch: '#d9822b', alert: '#c62828' };

export interface DriftBar {
  readonly name: string;
  readonly value: number;
  readonly verdict: DriftVerdict;
}

/**
 * One statistic per feature as horizontal bars coloured by verdict, with the watch and alert
 * thresholds as dashed rules. Values past twice the alert threshold are drawn at that cap (the
 * label keeps the true value), so one runaway feature leaves the others readable.
 *
 * @example
 * driftChart(features.map((f) => ({ name: f.name, value: f.psi, verdict: f.verdict })), { title: 'PSI', thresholds: [0.1, 0.25] });
 */
export function driftChart(bars: readonly DriftBar[], o: { readonly title: string; readonly thresholds: readonly [number, number] }): string {
  const cap = o.thresholds[1] * 2;
  return barChart(bars.map((b) => ({
    label: Number.isFinite(b.value) && b.value <= cap ? b.name : `${b.name} (${Number.isFinite(b.value) ? b.value.toFixed(2) : '∞'})`,
    value: Number.isFinite(b.value) ? Math.min(b.value, cap) : cap,
    colour: VERDICT_COLOURS[b.verdict],
  })), { title: o.title, thresholds: o.thresholds, width: 520 });
}
