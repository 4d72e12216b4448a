import { DEFAULT_RULES } from '../fuse/rules-config.js';

/** How far a client's AUM is from the next tier up. */
export interface TierDistance {
  /** The next tier's service code (B from C, A from B); undefined at the top tier. */
  readonly nextTierCode: 'A' | 'B' | undefined;
  /** The next tier's threshold (CNY). */
  readonly threshold: number | undefined;
  /** CNY still missing to reach it (0 at or above it). */
  readonly amount: number | undefined;
  /** That amount as a share of the threshold: the measure the near_tier_boundary flag uses (within 10%). */
  readonly shareOfThreshold: number | undefined;
}

/**
 * The distance from AUM to the next tier's threshold, on the domain's default thresholds
 * (500,000 and 100,000,000 CNY, DESIGN.md). The share is of the threshold, as the
 * near-boundary flag's band is, so "6% below" and the flag agree.
 *
 * @example
 * tierDistance(440_000); // { nextTierCode: 'B', threshold: 500000, amount: 60000, shareOfThreshold: 0.12 }
 */
export function tierDistance(aum: number, tiers = DEFAULT_RULES.tiers): TierDistance {
  const next = aum < tiers.hnwMin ? { code: 'B' as const, at: tiers.hnwMin } : aum < tiers.uhnwMin ? { code: 'A' as const, at: tiers.uhnwMin } : undefined;
  if (next === undefined) return { nextTierCode: undefined, threshold: undefined, amount: undefined, shareOfThreshold: undefined };
  const amount = next.at - aum;
  return { nextTierCode: next.code, threshold: next.at, amount, shareOfThreshold: amount / next.at };
}
