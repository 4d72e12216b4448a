import { FEATURE_CATALOGUE, FEATURE_CATALOGUE_VERSION, type FeatureDefinition } from './feature-catalogue.js';

/**
 * The catalogue as a Markdown table (name, group, block, zh-CN, en, formula, unit), the one in
 * docs/features.md and in model cards.
 *
 * @example
 * renderFeatureCatalogue().split('\n')[0]; // '_Feature catalogue version 2.0.0, 83 features._'
 */
export function renderFeatureCatalogue(catalogue: readonly FeatureDefinition[] = FEATURE_CATALOGUE): string {
  const cell = (text: string): string => text.replaceAll('|', '\\|');
  const lines = [
    `_Feature catalogue version ${FEATURE_CATALOGUE_VERSION}, ${catalogue.length} features._`,
    '',
    '| name | group | block | zh-CN | en | formula | unit |',
    '|---|---|---|---|---|---|---|',
    ...catalogue.map((f) =>
      `| \`${f.name}\` | ${f.group} | ${f.block} | ${cell(f.label.zh)} | ${cell(f.label.en)} | ${cell(f.formula)} | ${cell(f.unit)} |`),
  ];
  return lines.join('\n') + '\n';
}
