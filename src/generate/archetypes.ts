import type { RiskLevel } from '../core/contract.js';

export const ARCHETYPE_NAMES = [
  'frequent_trader', 'steady_holder', 'conservative_saver', 'education_saver',
  'retiree', 'uhnw_global_allocator', 'young_professional',
] as const;
export type ArchetypeName = (typeof ARCHETYPE_NAMES)[number];

/**
 * One behaviour archetype of the synthetic client base: who the clients are (age, wealth, income,
 * risk tolerance) and how common they are. How they transact lives in `archetype-activity.ts`.
 *
 * @example
 * const trader = ARCHETYPES.find((a) => a.name === 'frequent_trader')!;
 * trader.defaultShare; // 0.14
 */
export interface ArchetypeDefinition {
  readonly name: ArchetypeName;
  readonly label: { readonly en: string; readonly zh: string };
  readonly description: string;
  /** Share of the client base when `archetypeShares` does not override it. */
  readonly defaultShare: number;
  /** Inclusive age range at the as-of date. */
  readonly ageRange: readonly [number, number];
  /** Median AUM in CNY and its log-scale spread. */
  readonly aumMedian: number;
  readonly aumSigma: number;
  /** Median monthly salary in CNY (0 when the archetype lives on other income) and its spread. */
  readonly incomeMedian: number;
  /** Chance that a client of this archetype receives a salary at all. */
  readonly salaryShare: number;
  /** Weights of conservative, balanced, aggressive before the age tilt. */
  readonly riskWeights: Readonly<Record<RiskLevel, number>>;
}

export const ARCHETYPES: readonly ArchetypeDefinition[] = [
  {
    name: 'frequent_trader', label: { en: 'frequent trader', zh: '频繁交易型' },
    description: 'Many buys and sells of equities, funds and derivatives (R4–R5), high turnover.',
    defaultShare: 0.14, ageRange: [25, 60], aumMedian: 1_200_000, aumSigma: 0.9,
    incomeMedian: 30_000, salaryShare: 0.6,
    riskWeights: { conservative: 0, balanced: 0.25, aggressive: 0.75 },
  },
  {
    name: 'steady_holder', label: { en: 'steady holder', zh: '稳健持有型' },
    description: 'A few large buys of funds, bonds and wealth products held for months (R2–R3).',
    defaultShare: 0.18, ageRange: [40, 66], aumMedian: 2_500_000, aumSigma: 0.8,
    incomeMedian: 40_000, salaryShare: 0.35,
    riskWeights: { conservative: 0.2, balanced: 0.7, aggressive: 0.1 },
  },
  {
    name: 'conservative_saver', label: { en: 'conservative saver', zh: '保守储蓄型' },
    description: 'Salary in, time deposits, money-market funds and R1–R2 wealth products.',
    defaultShare: 0.2, ageRange: [28, 59], aumMedian: 300_000, aumSigma: 0.8,
    incomeMedian: 15_000, salaryShare: 0.92,
    riskWeights: { conservative: 0.8, balanced: 0.2, aggressive: 0 },
  },
  {
    name: 'education_saver', label: { en: 'education saver', zh: '子女教育型' },
    description: 'Married with children: monthly salary, school fees at term starts, education-insurance premiums.',
    defaultShare: 0.15, ageRange: [32, 50], aumMedian: 450_000, aumSigma: 0.8,
    incomeMedian: 22_000, salaryShare: 1,
    riskWeights: { conservative: 0.4, balanced: 0.55, aggressive: 0.05 },
  },
  {
    name: 'retiree', label: { en: 'retiree', zh: '退休养老型' },
    description: 'Aged 60+, monthly pension, interest, deposits and bonds, low risk.',
    defaultShare: 0.15, ageRange: [60, 82], aumMedian: 800_000, aumSigma: 0.9,
    incomeMedian: 0, salaryShare: 0,
    riskWeights: { conservative: 0.75, balanced: 0.25, aggressive: 0 },
  },
  {
    name: 'uhnw_global_allocator', label: { en: 'UHNW global allocator', zh: '超高净值全球配置型' },
    description: 'Private-bank clients: large infrequent moves into USD/HKD assets, trusts and alternatives.',
    defaultShare: 0.008, ageRange: [40, 72], aumMedian: 160_000_000, aumSigma: 0.35,
    incomeMedian: 0, salaryShare: 0,
    riskWeights: { conservative: 0.05, balanced: 0.5, aggressive: 0.45 },
  },
  {
    name: 'young_professional', label: { en: 'young professional', zh: '年轻白领型' },
    description: 'Mostly single, salary in, heavy card spending, rent, small fund buys.',
    defaultShare: 0.172, ageRange: [22, 34], aumMedian: 70_000, aumSigma: 0.9,
    incomeMedian: 14_000, salaryShare: 1,
    riskWeights: { conservative: 0.15, balanced: 0.5, aggressive: 0.35 },
  },
];

export function archetypeByName(name: ArchetypeName): ArchetypeDefinition {
  return ARCHETYPES.find((a) => a.name === name)!;
}
