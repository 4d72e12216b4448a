/**
 * Reference rates to CNY for converting foreign-currency amounts when a mapping gives none.
 * They are fixed on purpose: features must not change because a rate feed moved, and a bank
 * with its own month-end rates puts them in the mapping's `fxRates`.
 */
export const DEFAULT_FX_RATES_TO_CNY: Readonly<Record<string, number>> = {
  CNY: 1,
  USD: 7.1,
  HKD: 0.91,
  EUR: 7.7,
  GBP: 9.0,
  JPY: 0.048,
  SGD: 5.3,
  AUD: 4.7,
  CAD: 5.2,
  CHF: 8.0,
};
