import type { TopAttributions } from './dense-network.js';

/**
 * Reason codes for each row: `<prefix>_<feature>_up` when the feature raises the explained score
 * (the predicted risk class, or a need's propensity), `_down` when it lowers it; strongest first.
 *
 * @example
 * reasonCodes(attr, ['turnover', 'age'], 'risk'); // [['risk_turnover_up', 'risk_age_down'], …]
 */
export function reasonCodes(attr: TopAttributions, names: readonly string[], prefix: string): string[][] {
  // One string per (feature, direction), shared by every row: a million clients, no new strings.
  const up = names.map((n) => `${prefix}_${n}_up`);
  const down = names.map((n) => `${prefix}_${n}_down`);
  const out: string[][] = [];
  for (let i = 0; i < attr.rows; i++) {
    const codes: string[] = [];
    for (let r = 0; r < attr.top; r++) {
      const j = attr.feature[i * attr.top + r]!;
      if (j < 0) break;
      codes.push(attr.value[i * attr.top + r]! > 0 ? up[j]! : down[j]!);
    }
    out.push(codes);
  }
  return out;
}
