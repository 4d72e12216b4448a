import { REGULATORY_RISK_LEVELS, RISK_LEVELS } from './contract.js';

/** Every risk class in its order, the most cautious first: the three segments, then C1–C5. */
export const RISK_ORDER: readonly string[] = [...RISK_LEVELS, ...REGULATORY_RISK_LEVELS];

/**
 * Risk classes from the most cautious up (conservative → balanced → aggressive, then C1 → C5),
 * as every table, chart and filter shows them; classes outside both scales after them, by name.
 *
 * @example
 * ['aggressive', 'conservative', 'balanced'].sort(compareRisk); // conservative, balanced, aggressive
 */
export function compareRisk(a: string, b: string): number {
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

const rank = (risk: string): number => (RISK_ORDER.includes(risk) ? RISK_ORDER.indexOf(risk) : RISK_ORDER.length);
