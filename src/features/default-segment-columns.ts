import { FEATURE_BLOCK, FEATURE_CATALOGUE, type FeatureBlock } from './feature-catalogue.js';

/**
 * The blocks behavioural segments run on by default: what a client does, as shares — the mix of
 * transaction types, of purchases by asset class and by product risk level. Hand-made and activity
 * features carry within-segment spread (volatilities, trends, holding periods) that blurs
 * segments of a client base we did not generate (docs/segments.md, "Which columns").
 */
export const DEFAULT_SEGMENT_BLOCKS: readonly FeatureBlock[] = ['type_mix', 'asset_mix', 'risk_mix'];

/** The default segment columns, in catalogue order. */
export const DEFAULT_SEGMENT_COLUMNS: readonly string[] = FEATURE_CATALOGUE
  .filter((f) => DEFAULT_SEGMENT_BLOCKS.includes(f.block)).map((f) => f.name);

/** Every behavioural feature: what segment names are chosen from, by the segments' means. */
export const SEGMENT_NAME_COLUMNS: readonly string[] = FEATURE_CATALOGUE.filter((f) => f.group === 'behaviour').map((f) => f.name);

/**
 * A feature's block for the balance: the default mix blocks count as one block, so each share
 * weighs the same, as in a plain k-means over the three mixes; other blocks balance as they are.
 */
export function segmentBlockOf(feature: string): string {
  const block = FEATURE_BLOCK[feature];
  if (block === undefined) return feature;
  return DEFAULT_SEGMENT_BLOCKS.includes(block) ? 'mix' : block;
}
