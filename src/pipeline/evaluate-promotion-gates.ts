import type { PromotionGate } from './pipeline-schema.js';

export interface GateResult {
  readonly metric: string;
  readonly better: 'higher' | 'lower';
  readonly challenger: number | null;
  readonly champion: number | null;
  readonly threshold: number | null;
  readonly maxRegression: number | null;
  readonly passed: boolean;
  /** Why it failed, for people; empty when it passed. */
  readonly reason: string;
}

/**
 * A manifest metric by dotted path (`risk.macroF1`). `needs.meanAuc` is the mean of the per-need
 * AUCs, which the manifest lists but does not average.
 */
export function metricValue(metrics: Readonly<Record<string, unknown>>, dotted: string): number | undefined {
  if (dotted === 'needs.meanAuc') {
    const needs = metrics.needs;
    if (needs === null || typeof needs !== 'object') return undefined;
    const aucs = Object.values(needs as Record<string, unknown>)
      .map((n) => (n !== null && typeof n === 'object' ? (n as { auc?: unknown }).auc : undefined))
      .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    return aucs.length === 0 ? undefined : aucs.reduce((a, b) => a + b, 0) / aucs.length;
  }
  let value: unknown = metrics;
  for (const key of dotted.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Checks a challenger's metrics against each gate: an absolute threshold, and a largest allowed
 * regression from the champion. A metric the challenger lacks fails its gate (a model trained
 * without labels says so: it has no risk or needs model); a champion that lacks it (or no
 * champion) leaves only the threshold to decide.
 *
 * @example
 * evaluatePromotionGates([{ metric: 'risk.macroF1', better: 'higher', maxRegression: 0.01 }], challenger.metrics, champion.metrics);
 */
export function evaluatePromotionGates(
  gates: readonly PromotionGate[],
  challenger: Readonly<Record<string, unknown>>,
  champion: Readonly<Record<string, unknown>> | undefined,
): GateResult[] {
  return gates.map((gate) => {
    const c = metricValue(challenger, gate.metric);
    const base = champion === undefined ? undefined : metricValue(champion, gate.metric);
    const sign = gate.better === 'higher' ? 1 : -1;
    const reasons: string[] = [];
    if (c === undefined) {
      reasons.push(missingReason(challenger, gate.metric));
    } else {
      if (gate.threshold !== undefined && sign * (c - gate.threshold) < 0) {
        reasons.push(`${fmt(c)} is ${gate.better === 'higher' ? 'below' : 'above'} the threshold ${fmt(gate.threshold)}`);
      }
      // A tiny epsilon keeps "equal to the champion minus the allowance" a pass despite rounding.
      if (gate.maxRegression !== undefined && base !== undefined && sign * (c - base) < -gate.maxRegression - 1e-12) {
        reasons.push(`${fmt(c)} is worse than the champion's ${fmt(base)} by more than ${fmt(gate.maxRegression)}`);
      }
    }
    return {
      metric: gate.metric, better: gate.better, challenger: c ?? null, champion: base ?? null,
      threshold: gate.threshold ?? null, maxRegression: gate.maxRegression ?? null,
      passed: reasons.length === 0, reason: reasons.join('; '),
    };
  });
}

const fmt = (x: number): string => x.toFixed(4);

/** A model part training skipped for want of labels has null metrics in the manifest. */
const SKIPPED_PARTS: Readonly<Record<string, string>> = {
  risk: 'no risk model (trained without usable labels: risk_unlabelled)',
  needs: 'no needs model (no take-ups in its training horizon: needs_unlabelled)',
};

function missingReason(metrics: Readonly<Record<string, unknown>>, dotted: string): string {
  const part = dotted.split('.')[0]!;
  if (part in SKIPPED_PARTS && metrics[part] === null) {
    return `the challenger has ${SKIPPED_PARTS[part]}, so ${dotted} cannot be checked: train on labelled data or drop this gate from the pipeline`;
  }
  return `the challenger has no ${dotted}`;
}
