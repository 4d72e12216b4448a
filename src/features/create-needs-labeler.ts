import { ASSET_CLASSES, NEEDS, TXN_TYPES, type Need } from '../core/contract.js';
import type { DayNumber } from '../core/days.js';
import { DEFAULT_NEED_RULES, matchesNeedRule, type NeedRule } from '../core/needs.js';
import type { TransactionSink } from '../core/records.js';
import { featureWindow } from './feature-window.js';

export interface NeedsLabelerOptions {
  asOf: DayNumber;
  /** Days after as-of in which a take-up counts; default 90. */
  horizonDays?: number;
  /** The feature window, in months; a need already served in it is not a new take-up. Default 12. */
  windowMonths?: number;
  /** Which transactions show a need taken up; default DEFAULT_NEED_RULES. */
  rules?: readonly NeedRule[];
}

/** Multi-hot labels, row-major: `labels[client * needs.length + k]` is 1 when need k was newly taken up. */
export interface NeedsLabels {
  readonly needs: readonly Need[];
  readonly labels: Uint8Array;
  /** Clients with at least one transaction in the horizon: with none, "no take-up" is not evidence. */
  readonly observedInHorizon: Uint8Array;
}

export interface NeedsLabeler {
  readonly sink: TransactionSink;
  finish(): NeedsLabels;
}

/**
 * Labels for the needs model from the data itself: a need is taken up when a matching
 * transaction falls in the horizon after as-of and none fell in the feature window before it.
 * Labels come only from after as-of and features only from before it, so nothing leaks.
 *
 * @example
 * const labeler = createNeedsLabeler(clients.size, { asOf });
 * // feed labeler.sink beside the feature builder, then:
 * const { labels } = labeler.finish();
 */
export function createNeedsLabeler(clientCount: number, options: NeedsLabelerOptions): NeedsLabeler {
  const window = featureWindow(options.asOf, options.windowMonths ?? 12);
  const lastDay = options.asOf + (options.horizonDays ?? 90);
  const matches = compileRules(options.rules ?? DEFAULT_NEED_RULES);
  const before = new Uint8Array(clientCount);
  const after = new Uint8Array(clientCount);
  const observed = new Uint8Array(clientCount);
  const classes = ASSET_CLASSES.length + 1;

  const sink: TransactionSink = (t) => {
    if (t.day <= window.startExclusive || t.day > lastDay) return;
    const mask = matches[((t.type * classes) + t.assetClass + 1) * 2 + (t.isCny ? 0 : 1)]!;
    if (t.day <= options.asOf) {
      before[t.clientIndex]! |= mask;
    } else {
      observed[t.clientIndex] = 1;
      after[t.clientIndex]! |= mask;
    }
  };

  return {
    sink,
    finish() {
      const k = NEEDS.length;
      const labels = new Uint8Array(clientCount * k);
      for (let i = 0; i < clientCount; i++) {
        const fresh = after[i]! & ~before[i]!;
        for (let j = 0; j < k; j++) labels[i * k + j] = (fresh >> j) & 1;
      }
      return { needs: NEEDS, labels, observedInHorizon: observed };
    },
  };
}

/** One bitmask of needs per (type, asset class or none, foreign or not): a table lookup per row. */
function compileRules(rules: readonly NeedRule[]): Uint8Array {
  const classes = ASSET_CLASSES.length + 1;
  const table = new Uint8Array(TXN_TYPES.length * classes * 2);
  TXN_TYPES.forEach((type, t) => {
    for (let a = -1; a < ASSET_CLASSES.length; a++) {
      for (const foreign of [false, true]) {
        let mask = 0;
        for (const rule of rules) {
          if (matchesNeedRule(rule, type, a < 0 ? undefined : ASSET_CLASSES[a], !foreign)) mask |= 1 << NEEDS.indexOf(rule.need);
        }
        table[((t * classes) + a + 1) * 2 + (foreign ? 1 : 0)] = mask;
      }
    }
  });
  return table;
}
