import { ASSET_CLASSES, NEEDS, PRODUCT_RISKS, TXN_TYPES, type Need } from '../core/contract.js';
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

  const sink: TransactionSink = (t) => {
    if (t.day <= window.startExclusive || t.day > lastDay) return;
    const mask = matches[ruleIndex(t.type, t.assetClass, t.productRisk, !t.isCny)]!;
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

const CLASSES = ASSET_CLASSES.length + 1;
const RISKS = PRODUCT_RISKS.length + 1;

/** Index of (type, asset class code or -1, product risk 0–5, foreign or not) in the rule table. */
function ruleIndex(type: number, assetClass: number, productRisk: number, foreign: boolean): number {
  return (((type * CLASSES) + assetClass + 1) * RISKS + productRisk) * 2 + (foreign ? 1 : 0);
}

/** One bitmask of needs per (type, asset class, product risk, currency): a table lookup per row. */
function compileRules(rules: readonly NeedRule[]): Uint8Array {
  const table = new Uint8Array(TXN_TYPES.length * CLASSES * RISKS * 2);
  TXN_TYPES.forEach((type, t) => {
    for (let a = -1; a < ASSET_CLASSES.length; a++) {
      for (let r = 0; r < RISKS; r++) {
        for (const foreign of [false, true]) {
          let mask = 0;
          for (const rule of rules) {
            if (matchesNeedRule(rule, type, a < 0 ? undefined : ASSET_CLASSES[a], !foreign, r === 0 ? undefined : PRODUCT_RISKS[r - 1])) {
              mask |= 1 << NEEDS.indexOf(rule.need);
            }
          }
          table[ruleIndex(t, a, r, foreign)] = mask;
        }
      }
    }
  });
  return table;
}
