import { describe, expect, it } from 'vitest';
import { assetTier, TIER_CODES } from '../../src/fuse/asset-tier.js';
import { lifecycleStage } from '../../src/fuse/lifecycle-stage.js';
import { DEFAULT_RULES, RulesConfigSchema } from '../../src/fuse/rules-config.js';
import { suitability } from '../../src/fuse/suitability.js';

describe('asset tiers', () => {
  const tiers = DEFAULT_RULES.tiers;
  it('splits at 500k and 100M inclusive, with service codes C/B/A', () => {
    expect(assetTier(0, tiers)).toStrictEqual({ tier: 'mass', nearBoundary: false });
    expect(assetTier(449_999, tiers)).toStrictEqual({ tier: 'mass', nearBoundary: false });
    expect(assetTier(450_000, tiers)).toStrictEqual({ tier: 'mass', nearBoundary: true });
    expect(assetTier(500_000, tiers)).toStrictEqual({ tier: 'hnw', nearBoundary: false });
    expect(assetTier(95_000_000, tiers)).toStrictEqual({ tier: 'hnw', nearBoundary: true });
    expect(assetTier(100_000_000, tiers)).toStrictEqual({ tier: 'uhnw', nearBoundary: false });
    expect([TIER_CODES.mass, TIER_CODES.hnw, TIER_CODES.uhnw]).toStrictEqual(['C', 'B', 'A']);
  });

  it('takes thresholds from config', () => {
    const rules = RulesConfigSchema.parse({ tiers: { hnwMin: 1_000_000 } });
    expect(assetTier(600_000, rules.tiers).tier).toBe('mass');
    expect(rules.tiers.uhnwMin).toBe(100_000_000);
    expect(RulesConfigSchema.safeParse({ tiers: { hnwMin: 1, typo: 2 } }).success).toBe(false);
  });
});

describe('life-cycle stages', () => {
  const rules = DEFAULT_RULES.lifecycle;
  const facts = { age: 30, marital: 0, dependants: 0, pensionRegularity: 0 };
  it('applies retirement, mature, family formation, single in that order', () => {
    expect(lifecycleStage(facts, rules)).toBe('single');
    expect(lifecycleStage({ ...facts, marital: 1 }, rules)).toBe('family_formation');
    expect(lifecycleStage({ ...facts, dependants: 2 }, rules)).toBe('family_formation');
    expect(lifecycleStage({ ...facts, marital: -1, dependants: -1 }, rules)).toBe('single');
    expect(lifecycleStage({ ...facts, age: 45, marital: 1 }, rules)).toBe('mature');
    expect(lifecycleStage({ ...facts, age: 60 }, rules)).toBe('retirement');
    expect(lifecycleStage({ ...facts, age: 55, pensionRegularity: 0.5 }, rules)).toBe('retirement');
  });

  it('stages a client under minorAge (default 18) as minor, never single, whatever else is known', () => {
    expect(lifecycleStage({ ...facts, age: 17 }, rules)).toBe('minor');
    expect(lifecycleStage({ ...facts, age: 11, pensionRegularity: 1 }, rules)).toBe('minor');
    expect(lifecycleStage({ ...facts, age: 18 }, rules)).toBe('single');
    const sixteen = RulesConfigSchema.parse({ lifecycle: { minorAge: 16 } }).lifecycle;
    expect([lifecycleStage({ ...facts, age: 16 }, sixteen), lifecycleStage({ ...facts, age: 15 }, sixteen)]).toStrictEqual(['single', 'minor']);
  });
});

describe('suitability', () => {
  const rules = DEFAULT_RULES.suitability;
  it('flags needs whose products exceed the client level', () => {
    expect(suitability('balanced', true, ['growth', 'education', 'wealth_transfer'], rules))
      .toStrictEqual({ maxProductRisk: 'R3', assessed: true, aboveLevel: ['growth'] });
    expect(suitability('C5', true, ['growth', 'global_allocation'], rules).aboveLevel).toStrictEqual([]);
    expect(suitability('C1', true, ['education'], rules).aboveLevel).toStrictEqual(['education']);
  });

  it('allows only R1 until a missing or stale questionnaire is renewed', () => {
    expect(suitability(undefined, false, ['liquidity', 'education'], rules))
      .toStrictEqual({ maxProductRisk: 'R1', assessed: false, aboveLevel: ['education'] });
    expect(suitability('aggressive', false, ['growth'], rules).maxProductRisk).toBe('R1');
  });

  it('allows a minor R1 products only, even with a valid aggressive questionnaire', () => {
    expect(suitability('aggressive', true, ['growth', 'liquidity'], rules, true))
      .toStrictEqual({ maxProductRisk: 'R1', assessed: true, aboveLevel: ['growth'] });
  });
});
