import { z } from 'zod';
import { NEEDS, PRODUCT_RISKS } from '../core/contract.js';

const productRisk = z.enum(PRODUCT_RISKS);

/**
 * The rule side of a profile: tier thresholds, life-cycle ages, suitability levels. Plain data
 * with the domain's defaults; a bank overrides any part in its config file.
 */
export const RulesConfigSchema = z.strictObject({
  tiers: z.strictObject({
    /** AUM (CNY) from which a client is HNW (高净值, service code B). */
    hnwMin: z.number().positive().default(500_000),
    /** AUM (CNY) from which a client is UHNW (超高净值, service code A). */
    uhnwMin: z.number().positive().default(100_000_000),
    /** A client within this share below a threshold is flagged near_tier_boundary. */
    boundaryBand: z.number().min(0).max(1).default(0.1),
  }).prefault({}),
  lifecycle: z.strictObject({
    /** Under this age a client is a minor (未成年): flagged `minor`, suitability R1, staged `minor`, never `single`. */
    minorAge: z.number().int().min(0).default(18),
    /** From this age, or with regular pension inflows, a client is in retirement (退休期). */
    retirementAge: z.number().int().default(60),
    /** Share of window months with a pension credit that counts as living on a pension. */
    pensionRegularity: z.number().min(0).max(1).default(0.5),
    /** From this age a client without young dependants is mature (成熟期). */
    matureAge: z.number().int().default(45),
  }).prefault({}),
  suitability: z.strictObject({
    /** The highest product risk each client risk level may hold (投资者适当性: Ck → up to Rk). */
    maxProductRisk: z.record(z.string(), productRisk).default({
      conservative: 'R2', balanced: 'R3', aggressive: 'R5', C1: 'R1', C2: 'R2', C3: 'R3', C4: 'R4', C5: 'R5',
    }),
    /** The risk of the products that typically serve each need. */
    needProductRisk: z.record(z.enum(NEEDS), productRisk).default({
      education: 'R2', retirement: 'R2', protection: 'R1', wealth_transfer: 'R3',
      global_allocation: 'R4', liquidity: 'R1', growth: 'R4',
    }),
    /** Questionnaires older than this are stale: not trained on, and due for renewal. */
    assessmentMaxAgeDays: z.number().int().positive().default(3 * 365),
  }).prefault({}),
});
export type RulesConfig = z.infer<typeof RulesConfigSchema>;

export const DEFAULT_RULES: RulesConfig = RulesConfigSchema.parse({});
