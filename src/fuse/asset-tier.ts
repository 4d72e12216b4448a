import type { RulesConfig } from './rules-config.js';

export const ASSET_TIERS = ['mass', 'hnw', 'uhnw'] as const;
export type AssetTier = (typeof ASSET_TIERS)[number];

/** Service codes by tier: A bespoke global allocation, B diversified allocation, C low-risk stable products. */
export const TIER_CODES: Readonly<Record<AssetTier, 'A' | 'B' | 'C'>> = { uhnw: 'A', hnw: 'B', mass: 'C' };

export const TIER_LABELS: Readonly<Record<AssetTier, { zh: string; en: string }>> = {
  mass: { zh: '大众客户', en: 'mass' },
  hnw: { zh: '高净值客户', en: 'high net worth' },
  uhnw: { zh: '超高净值客户', en: 'ultra high net worth' },
};

export interface TierAssignment {
  readonly tier: AssetTier;
  /** True when AUM is within the boundary band below the next tier's threshold. */
  readonly nearBoundary: boolean;
}

/**
 * The asset tier from AUM by rule (thresholds inclusive: exactly 500,000 CNY is HNW).
 *
 * @example
 * assetTier(480_000, DEFAULT_RULES.tiers); // { tier: 'mass', nearBoundary: true }
 */
export function assetTier(aum: number, tiers: RulesConfig['tiers']): TierAssignment {
  const tier: AssetTier = aum >= tiers.uhnwMin ? 'uhnw' : aum >= tiers.hnwMin ? 'hnw' : 'mass';
  const next = tier === 'mass' ? tiers.hnwMin : tier === 'hnw' ? tiers.uhnwMin : undefined;
  const nearBoundary = next !== undefined && aum >= next * (1 - tiers.boundaryBand);
  return { tier, nearBoundary };
}
