import { REGULATORY_RISK_LEVELS, RISK_LEVELS } from './contract.js';

const ORDER: readonly string[] = [...RISK_LEVELS, ...REGULATORY_RISK_LEVELS];

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

const rank = (risk: string): number => (ORDER.includes(risk) ? ORDER.indexOf(risk) : ORDER.length);
