import { z } from 'zod';
import { PipelineError } from '../core/errors.js';

/**
 * How a binary target's decision threshold is chosen on the validation rows: best F1 (the
 * default), the lowest threshold whose precision reaches a target, the highest whose recall
 * reaches one, or the least cost when a missed positive costs `ratio` false alarms.
 */
export const ThresholdRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('f1') }),
  z.strictObject({ kind: z.literal('precision'), target: z.number().gt(0).lte(1) }),
  z.strictObject({ kind: z.literal('recall'), target: z.number().gt(0).lte(1) }),
  z.strictObject({ kind: z.literal('cost'), ratio: z.number().positive().max(1e6) }),
]);
export type ThresholdRule = z.infer<typeof ThresholdRuleSchema>;

export const DEFAULT_THRESHOLD_RULE: ThresholdRule = { kind: 'f1' };

/** The threshold stored in a binary classifier's spec, with what it achieved on the validation rows. */
export const DecisionThresholdSchema = z.strictObject({
  /** The rule as written on the command line: `f1`, `precision=0.8`, `recall=0.7`, `cost=5`. */
  rule: z.string(),
  /** The class predicted when its calibrated probability is at least `value` (the second class). */
  positiveClass: z.string(),
  value: z.number().min(0).max(1),
  /** False when a precision target was out of reach: `value` then gives the best precision seen. */
  reached: z.boolean(),
  validation: z.strictObject({
    rows: z.number().int().nonnegative(),
    positives: z.number().int().nonnegative(),
    precision: z.number(),
    recall: z.number(),
    f1: z.number(),
    /** Share of validation rows predicted positive. */
    predictedShare: z.number(),
  }),
});
export type DecisionThreshold = z.infer<typeof DecisionThresholdSchema>;

/**
 * Reads `f1`, `precision=0.8`, `recall=0.7` or `cost=5` (a missed positive costs five false
 * alarms); anything else is config_invalid with the accepted forms.
 *
 * @example
 * parseThresholdRule('precision=0.8'); // { kind: 'precision', target: 0.8 }
 */
export function parseThresholdRule(text: string): ThresholdRule {
  const m = /^\s*(f1|precision|recall|cost)\s*(?:=\s*([0-9]*\.?[0-9]+(?:e[-+]?\d+)?))?\s*$/i.exec(text);
  const kind = m?.[1]?.toLowerCase();
  const value = m?.[2] === undefined ? undefined : Number(m[2]);
  const candidate = kind === 'f1' ? (value === undefined ? { kind } : undefined)
    : kind === 'cost' ? { kind, ratio: value } : kind === undefined ? undefined : { kind, target: value };
  const parsed = ThresholdRuleSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new PipelineError('config_invalid',
      `threshold rule "${text}" is not one of f1, precision=P, recall=R (P and R in (0, 1]) or cost=C (a missed positive costs C false alarms, C > 0)`,
      { rule: text });
  }
  return parsed.data;
}

/** The rule as `parseThresholdRule` reads it back. */
export function thresholdRuleText(rule: ThresholdRule): string {
  switch (rule.kind) {
    case 'f1': return 'f1';
    case 'precision': return `precision=${rule.target}`;
    case 'recall': return `recall=${rule.target}`;
    case 'cost': return `cost=${rule.ratio}`;
  }
}

interface Candidate { readonly value: number; readonly tp: number; readonly fp: number }

/**
 * Chooses the threshold on calibrated probabilities of the positive class `p` against 0/1 labels
 * `y`: a row is predicted positive when p ≥ value. Candidates sit halfway between consecutive
 * distinct probabilities (and above the highest), so new rows between two validation rows fall
 * on the side nearer to them. Ties go to the higher threshold: fewer positives for the same score.
 *
 * @example
 * chooseThreshold([0.9, 0.7, 0.4, 0.2], [1, 0, 1, 0], { kind: 'recall', target: 1 }).value; // 0.3
 */
export function chooseThreshold(p: ArrayLike<number>, y: ArrayLike<number>, rule: ThresholdRule, positiveClass: string): DecisionThreshold {
  const n = p.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[b]! - p[a]! || a - b);
  const positives = Array.from({ length: n }, (_, i) => (y[i] ? 1 : 0)).reduce<number>((s, v) => s + v, 0);
  const top = n > 0 ? p[order[0]!]! : 1;
  const candidates: Candidate[] = [{ value: Math.min(1, (top + 1) / 2), tp: 0, fp: 0 }];
  let tp = 0, fp = 0;
  for (let i = 0; i < n;) {
    const s = p[order[i]!]!;
    while (i < n && p[order[i]!] === s) { if (y[order[i]!]) tp++; else fp++; i++; }
    const next = i < n ? p[order[i]!]! : 0;
    candidates.push({ value: (s + next) / 2, tp, fp });
  }
  const precision = (c: Candidate) => (c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0);
  const recall = (c: Candidate) => (positives > 0 ? c.tp / positives : 0);
  const f1 = (c: Candidate) => (c.tp > 0 ? (2 * c.tp) / (2 * c.tp + c.fp + (positives - c.tp)) : 0);
  // Candidates run from the highest threshold down; `better` replaces only on a strict gain.
  const pick = (score: (c: Candidate) => number, admissible: (c: Candidate) => boolean = () => true): Candidate | undefined => {
    let best: Candidate | undefined;
    for (const c of candidates) if (admissible(c) && (best === undefined || score(c) > score(best))) best = c;
    return best;
  };
  let chosen: Candidate | undefined;
  let reached = true;
  switch (rule.kind) {
    case 'f1': chosen = pick(f1); break;
    case 'precision':
      chosen = pick(recall, (c) => c.tp + c.fp > 0 && precision(c) >= rule.target);
      if (chosen === undefined) { reached = false; chosen = pick(precision, (c) => c.tp + c.fp > 0); }
      break;
    case 'recall': chosen = pick((c) => -(c.tp + c.fp), (c) => recall(c) >= rule.target); break;
    case 'cost': chosen = pick((c) => -(c.fp + rule.ratio * (positives - c.tp))); break;
  }
  const c = chosen ?? candidates[0]!;
  return {
    rule: thresholdRuleText(rule), positiveClass, value: c.value, reached,
    validation: { rows: n, positives, precision: precision(c), recall: recall(c), f1: f1(c), predictedShare: n > 0 ? (c.tp + c.fp) / n : 0 },
  };
}
