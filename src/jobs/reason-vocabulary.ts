import type { LoadedModel } from './load-model.js';

/**
 * Every reason code a model can give, numbered, so per-client reasons travel as small integers:
 * `seg_<feature>_high|low` per segment feature, `risk_<feature>_up|down` per risk feature, then
 * `need_<need>_<feature>_up|down` per need and needs feature. Index of a code: base + 2 × column
 * (+ 1 for low/down).
 *
 * @example
 * const v = reasonVocabulary(model); v.codes[v.risk + 2 * 3] // 'risk_trades_per_month_up'
 */
export interface ReasonVocabulary {
  readonly codes: readonly string[];
  readonly segment: number;
  readonly risk: number;
  /** Base of need n: needs + 2 × n × (needs features). */
  readonly needs: number;
  readonly needFeatures: number;
}

export function reasonVocabulary(model: Pick<LoadedModel, 'segments' | 'risk' | 'needs'>): ReasonVocabulary {
  const codes: string[] = [];
  const pair = (prefix: string, names: readonly string[], hi: string, lo: string): void => {
    for (const n of names) codes.push(`${prefix}_${n}_${hi}`, `${prefix}_${n}_${lo}`);
  };
  pair('seg', model.segments.features, 'high', 'low');
  const risk = codes.length;
  pair('risk', model.risk?.spec.featureNames ?? [], 'up', 'down');
  const needs = codes.length;
  const needFeatures = model.needs?.spec.featureNames ?? [];
  for (const need of model.needs?.needs ?? []) pair(`need_${need}`, needFeatures, 'up', 'down');
  if (codes.length > 65_535) throw new Error(`${codes.length} reason codes do not fit 16 bits`);
  return { codes, segment: 0, risk, needs, needFeatures: needFeatures.length };
}
