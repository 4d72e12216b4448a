import { REGULATORY_RISK_LEVELS, RISK_LEVELS } from '../core/contract.js';
import type { DayNumber } from '../core/days.js';
import { MISSING_DAY } from '../core/records.js';

export interface TargetLabels {
  /** Class names in a fixed order: the contract's order for risk levels, else sorted. */
  readonly classes: readonly string[];
  /** Class index per row; -1 for no label (missing or stale). */
  readonly y: Int32Array;
  readonly labelled: number;
  readonly stale: number;
  readonly missing: number;
}

/**
 * Turns a label column into class indices. Questionnaires assessed more than `maxAgeDays` before
 * as-of are stale: not trained on, because the client may have changed. A label without an
 * assessment date is kept (nothing says it is old).
 *
 * @example
 * targetLabels(['balanced', undefined], Int32Array.of(day, MISSING_DAY), asOf, 1095).y; // Int32Array [1, -1]
 */
export function targetLabels(
  values: readonly (string | undefined)[],
  assessedOn: Int32Array | undefined,
  asOf: DayNumber,
  maxAgeDays: number,
): TargetLabels {
  const present = new Set<string>();
  let stale = 0, missing = 0;
  const keep = values.map((v, i) => {
    if (v === undefined || v === '') { missing++; return false; }
    const on = assessedOn?.[i] ?? MISSING_DAY;
    if (on !== MISSING_DAY && asOf - on > maxAgeDays) { stale++; return false; }
    present.add(v);
    return true;
  });
  const classes = classOrder([...present]);
  const index = new Map(classes.map((c, i) => [c, i]));
  const y = Int32Array.from(values, (v, i) => (keep[i] ? index.get(v!)! : -1));
  return { classes, y, labelled: values.length - stale - missing, stale, missing };
}

function classOrder(present: string[]): string[] {
  for (const vocabulary of [RISK_LEVELS, REGULATORY_RISK_LEVELS] as readonly (readonly string[])[]) {
    if (present.length > 0 && present.every((v) => vocabulary.includes(v))) return vocabulary.filter((v) => present.includes(v));
  }
  return present.sort();
}
