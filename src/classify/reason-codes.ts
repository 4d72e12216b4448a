import type { TopAttributions } from './gradient-attributions.js';

/**
 * Reason codes for each row: `<prefix>_<feature>_up` when the feature raises the explained score
 * (the predicted risk class, or a need's propensity), `_down` when it lowers it; strongest first.
 *
 * @example
 * reasonCodes(attr, ['turnover', 'age'], 'risk'); // [['risk_turnover_up', 'risk_age_down'], …]
 */
export function reasonCodes(attr: TopAttributions, names: readonly string[], prefix: string): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < attr.rows; i++) {
    const codes: string[] = [];
    for (let r = 0; r < attr.top; r++) {
      const j = attr.feature[i * attr.top + r]!;
      if (j < 0) break;
      codes.push(`${prefix}_${names[j]}_${attr.value[i * attr.top + r]! > 0 ? 'up' : 'down'}`);
    }
    out.push(codes);
  }
  return out;
}
