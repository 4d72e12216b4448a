// The second generator's archetypes, invented from the data contract alone (README "Data
// contract", DESIGN.md) without reading src/generate: a client base nobody tuned clientseg to.

export type TxnType =
  | 'salary' | 'deposit' | 'withdrawal' | 'transfer_in' | 'transfer_out' | 'buy' | 'sell' | 'dividend'
  | 'interest' | 'fee' | 'loan_repayment' | 'insurance_premium' | 'tuition' | 'pension' | 'card_spend' | 'other';

export type AssetClass =
  | 'cash' | 'deposit' | 'wealth_product' | 'money_market' | 'bond' | 'fund' | 'equity' | 'reit'
  | 'insurance' | 'trust' | 'fx' | 'derivative' | 'alternative';

/** One kind of transaction a client of the archetype makes. */
export interface Stream {
  readonly type: TxnType;
  /** Mean events per month (Poisson); for a `regular` stream, the chance the client has it at all. */
  readonly rate: number;
  /** Monthly on a fixed day (salary, pension, premiums) rather than at random. */
  readonly regular?: boolean;
  readonly medianAmount: number;
  /** Log-scale spread of the amount. */
  readonly sigma: number;
  /** Asset classes with weights, for buy/sell/dividend and premiums. */
  readonly assets?: Readonly<Partial<Record<AssetClass, number>>>;
  /** Centre of the product risk level (1–5) of the stream's products; the client's own risk moves it. */
  readonly riskCentre?: number;
}

export interface Archetype {
  readonly name: string;
  /** Share of the client base. */
  readonly share: number;
  readonly age: readonly [number, number];
  readonly aumMedian: number;
  readonly aumSigma: number;
  readonly marriedChance: number;
  readonly dependantsMean: number;
  /** Mean of the latent risk appetite: < 0.67 conservative, < 1.33 balanced, above aggressive. */
  readonly riskBase: number;
  readonly streams: readonly Stream[];
}

const TRADED: Partial<Record<AssetClass, number>> = { equity: 0.6, derivative: 0.15, fund: 0.25 };
const INCOME: Partial<Record<AssetClass, number>> = { equity: 0.4, reit: 0.3, bond: 0.3 };
const SAFE: Partial<Record<AssetClass, number>> = { deposit: 0.5, money_market: 0.4, wealth_product: 0.1 };
const OVERSEAS: Partial<Record<AssetClass, number>> = { fx: 0.4, fund: 0.3, alternative: 0.15, equity: 0.15 };

export const ARCHETYPES: readonly Archetype[] = [
  {
    name: 'day_trader', share: 0.10, age: [26, 55], aumMedian: 1_200_000, aumSigma: 1.0,
    marriedChance: 0.45, dependantsMean: 0.6, riskBase: 1.9,
    streams: [
      { type: 'buy', rate: 8, medianAmount: 30_000, sigma: 1.0, assets: TRADED, riskCentre: 4 },
      { type: 'sell', rate: 7, medianAmount: 32_000, sigma: 1.0, assets: TRADED, riskCentre: 4 },
      { type: 'fee', rate: 4, medianAmount: 50, sigma: 0.8 },
      { type: 'dividend', rate: 0.5, medianAmount: 800, sigma: 1.0, assets: { equity: 1 } },
      { type: 'deposit', rate: 1, medianAmount: 100_000, sigma: 0.8 },
      { type: 'withdrawal', rate: 1, medianAmount: 60_000, sigma: 0.8 },
      { type: 'card_spend', rate: 1.5, medianAmount: 400, sigma: 1.0 },
      { type: 'transfer_in', rate: 1, medianAmount: 50_000, sigma: 1.0 },
    ],
  },
  {
    name: 'dividend_investor', share: 0.14, age: [40, 70], aumMedian: 2_000_000, aumSigma: 0.9,
    marriedChance: 0.75, dependantsMean: 1.0, riskBase: 1.0,
    streams: [
      { type: 'buy', rate: 1.2, medianAmount: 60_000, sigma: 0.9, assets: INCOME, riskCentre: 2.6 },
      { type: 'dividend', rate: 2, medianAmount: 3_000, sigma: 0.9, assets: INCOME },
      { type: 'sell', rate: 0.3, medianAmount: 50_000, sigma: 0.9, assets: INCOME, riskCentre: 2.6 },
      { type: 'salary', rate: 0.7, regular: true, medianAmount: 25_000, sigma: 0.5 },
      { type: 'card_spend', rate: 2, medianAmount: 500, sigma: 1.0 },
      { type: 'interest', rate: 1, medianAmount: 200, sigma: 0.8 },
    ],
  },
  {
    name: 'insurance_family', share: 0.17, age: [30, 48], aumMedian: 400_000, aumSigma: 0.8,
    marriedChance: 0.92, dependantsMean: 2.0, riskBase: 0.35,
    streams: [
      { type: 'salary', rate: 0.95, regular: true, medianAmount: 18_000, sigma: 0.5 },
      { type: 'insurance_premium', rate: 1, regular: true, medianAmount: 2_500, sigma: 0.7, assets: { insurance: 1 }, riskCentre: 1.3 },
      { type: 'tuition', rate: 0.3, medianAmount: 15_000, sigma: 0.7 },
      { type: 'card_spend', rate: 4, medianAmount: 300, sigma: 1.0 },
      { type: 'buy', rate: 0.4, medianAmount: 20_000, sigma: 0.8, assets: { wealth_product: 0.4, insurance: 0.4, money_market: 0.2 }, riskCentre: 1.6 },
      { type: 'loan_repayment', rate: 0.6, regular: true, medianAmount: 6_000, sigma: 0.4 },
    ],
  },
  {
    name: 'sme_owner', share: 0.10, age: [35, 62], aumMedian: 5_000_000, aumSigma: 1.3,
    marriedChance: 0.8, dependantsMean: 1.5, riskBase: 1.2,
    streams: [
      { type: 'transfer_in', rate: 3, medianAmount: 250_000, sigma: 1.2 },
      { type: 'transfer_out', rate: 3, medianAmount: 220_000, sigma: 1.2 },
      { type: 'loan_repayment', rate: 0.7, regular: true, medianAmount: 30_000, sigma: 0.6 },
      { type: 'buy', rate: 0.8, medianAmount: 300_000, sigma: 1.0, assets: { trust: 0.3, wealth_product: 0.35, fund: 0.2, bond: 0.15 }, riskCentre: 3 },
      { type: 'sell', rate: 0.4, medianAmount: 250_000, sigma: 1.0, assets: { trust: 0.3, wealth_product: 0.35, fund: 0.2, bond: 0.15 }, riskCentre: 3 },
      { type: 'fee', rate: 2, medianAmount: 200, sigma: 0.8 },
      { type: 'card_spend', rate: 2, medianAmount: 1_500, sigma: 1.1 },
    ],
  },
  {
    name: 'cash_hoarder', share: 0.15, age: [35, 75], aumMedian: 800_000, aumSigma: 0.9,
    marriedChance: 0.65, dependantsMean: 1.0, riskBase: 0.2,
    streams: [
      { type: 'deposit', rate: 3, medianAmount: 40_000, sigma: 0.9 },
      { type: 'interest', rate: 1, medianAmount: 600, sigma: 0.7 },
      { type: 'buy', rate: 0.5, medianAmount: 80_000, sigma: 0.8, assets: SAFE, riskCentre: 1.1 },
      { type: 'withdrawal', rate: 1, medianAmount: 10_000, sigma: 0.9 },
      { type: 'salary', rate: 0.5, regular: true, medianAmount: 12_000, sigma: 0.5 },
      { type: 'card_spend', rate: 0.8, medianAmount: 200, sigma: 1.0 },
    ],
  },
  {
    name: 'fx_allocator', share: 0.07, age: [35, 65], aumMedian: 8_000_000, aumSigma: 1.2,
    marriedChance: 0.7, dependantsMean: 1.2, riskBase: 1.5,
    streams: [
      { type: 'buy', rate: 2, medianAmount: 150_000, sigma: 1.0, assets: OVERSEAS, riskCentre: 3.5 },
      { type: 'sell', rate: 1.2, medianAmount: 150_000, sigma: 1.0, assets: OVERSEAS, riskCentre: 3.5 },
      { type: 'transfer_out', rate: 1, medianAmount: 200_000, sigma: 1.0 },
      { type: 'dividend', rate: 0.8, medianAmount: 4_000, sigma: 1.0, assets: OVERSEAS },
      { type: 'fee', rate: 1.5, medianAmount: 300, sigma: 0.8 },
      { type: 'salary', rate: 0.6, regular: true, medianAmount: 60_000, sigma: 0.6 },
      { type: 'card_spend', rate: 2, medianAmount: 2_000, sigma: 1.1 },
    ],
  },
  {
    name: 'pensioner', share: 0.15, age: [60, 86], aumMedian: 600_000, aumSigma: 0.9,
    marriedChance: 0.6, dependantsMean: 0.2, riskBase: 0.3,
    streams: [
      { type: 'pension', rate: 1, regular: true, medianAmount: 6_000, sigma: 0.4 },
      { type: 'deposit', rate: 1, medianAmount: 20_000, sigma: 0.8 },
      { type: 'buy', rate: 0.6, medianAmount: 50_000, sigma: 0.8, assets: { bond: 0.4, wealth_product: 0.35, deposit: 0.25 }, riskCentre: 1.4 },
      { type: 'interest', rate: 1, medianAmount: 400, sigma: 0.7 },
      { type: 'withdrawal', rate: 2, medianAmount: 3_000, sigma: 0.8 },
      { type: 'card_spend', rate: 1, medianAmount: 150, sigma: 0.9 },
      { type: 'insurance_premium', rate: 0.3, regular: true, medianAmount: 1_500, sigma: 0.5, assets: { insurance: 1 }, riskCentre: 1.2 },
    ],
  },
  {
    name: 'student', share: 0.12, age: [18, 25], aumMedian: 20_000, aumSigma: 1.0,
    marriedChance: 0.02, dependantsMean: 0, riskBase: 0.9,
    streams: [
      { type: 'transfer_in', rate: 2, medianAmount: 2_000, sigma: 0.7 },
      { type: 'card_spend', rate: 5, medianAmount: 60, sigma: 1.0 },
      { type: 'buy', rate: 0.5, medianAmount: 500, sigma: 0.8, assets: { fund: 0.6, money_market: 0.4 }, riskCentre: 2.6 },
      { type: 'sell', rate: 0.2, medianAmount: 600, sigma: 0.8, assets: { fund: 0.6, money_market: 0.4 }, riskCentre: 2.6 },
      { type: 'withdrawal', rate: 2, medianAmount: 300, sigma: 0.8 },
      { type: 'other', rate: 1, medianAmount: 100, sigma: 1.0 },
    ],
  },
];

/** Money into (credit) or out of (debit) the client's cash, by type; `other` is drawn. */
export const DIRECTION: Readonly<Record<TxnType, 'credit' | 'debit' | undefined>> = {
  salary: 'credit', deposit: 'credit', withdrawal: 'debit', transfer_in: 'credit', transfer_out: 'debit',
  buy: 'debit', sell: 'credit', dividend: 'credit', interest: 'credit', fee: 'debit', loan_repayment: 'debit',
  insurance_premium: 'debit', tuition: 'debit', pension: 'credit', card_spend: 'debit', other: undefined,
};
