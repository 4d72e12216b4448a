/** A feature's display name in both languages. */
export interface FeatureLabel {
  readonly zh: string;
  readonly en: string;
}

/**
 * The label of `name` from `labels` (the feature catalogue's, passed in by the caller), else the raw name.
 *
 * @example
 * featureLabel('holding_days', { holding_days: { zh: '平均持有期', en: 'holding period' } }); // { zh: '平均持有期', … }
 */
export function featureLabel(name: string, labels?: Readonly<Record<string, FeatureLabel>>): FeatureLabel {
  return labels?.[name] ?? { zh: name, en: name };
}
