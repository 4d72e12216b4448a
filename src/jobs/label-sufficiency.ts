import type { NeedsLabels } from '../features/create-needs-labeler.js';

/**
 * Fewer usable labels than this (or fewer than two classes) and training skips the classifier
 * with `risk_unlabelled` instead of failing: 50 labels leave 10 held out, the least a figure can
 * be read from at all, and a network fitted on fewer learns the sample, not the clients.
 */
export const MIN_LABELLED_ROWS = 50;

/** Fewer clients with a take-up in the horizon than this and training skips the needs model (`needs_unlabelled`). */
export const MIN_NEED_TAKE_UPS = 10;

/** What the label check reads of a target's labels. */
export interface LabelCounts {
  readonly column: string;
  readonly classes: readonly string[];
  readonly labelled: number;
  readonly stale: number;
  readonly missing: number;
}

/**
 * Why the classifier cannot be trained on these labels, for the log and the report; undefined
 * when it can.
 *
 * @example
 * riskUnlabelled({ column: 'declared_risk', classes: [], labelled: 0, stale: 0, missing: 1500 }, 50);
 * // 'the target declared_risk has no usable labels (0 stale, 1500 missing) …'
 */
export function riskUnlabelled(t: LabelCounts, minLabelledRows = MIN_LABELLED_ROWS): string | undefined {
  const counts = `${t.stale} stale, ${t.missing} missing`;
  const skip = 'the risk classifier is skipped: no risk segment or probabilities are scored';
  if (t.labelled === 0) return `the target ${t.column} has no usable labels (${counts}); ${skip}`;
  if (t.classes.length < 2) return `the target ${t.column} has one class only (${t.classes[0]}) among ${t.labelled} usable labels (${counts}); ${skip}`;
  if (t.labelled < minLabelledRows) return `the target ${t.column} has ${t.labelled} usable labels (${counts}), fewer than the ${minLabelledRows} a classifier needs; ${skip}`;
  return undefined;
}

/** Clients who took up any need in the horizon. */
export function needTakeUps(labels: NeedsLabels): number {
  const k = labels.needs.length;
  let n = 0;
  for (let i = 0; i * k < labels.labels.length; i++) {
    for (let j = 0; j < k; j++) {
      if (labels.labels[i * k + j] === 1) { n++; break; }
    }
  }
  return n;
}

/** Why the needs model cannot be trained, or undefined when it can. */
export function needsUnlabelled(takeUps: number, minTakeUps = MIN_NEED_TAKE_UPS): string | undefined {
  if (takeUps >= minTakeUps) return undefined;
  return `${takeUps} clients took up a need in the label horizon, fewer than the ${minTakeUps} the needs model needs; the needs model is skipped: no needs are predicted (lengthen --horizon-days or pass transactions after the as-of date)`;
}
