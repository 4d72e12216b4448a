import { describe, expect, it } from 'vitest';
import { createNeedsLabeler, DEFAULT_NEED_RULES, NEEDS, type NeedRule } from '../../src/index.js';
import { day, feed, type TxnRow } from './fixtures.js';

// Four clients, one take-up each in the horizon: an insurance buy, a bond buy, an R4 fund buy
// paid in foreign currency, and an R2 fund buy in CNY.
const rows: TxnRow[] = [
  { client: 0, date: '2025-01-10', amount: 9000, type: 'buy', asset: 'insurance', direction: 'debit' },
  { client: 1, date: '2025-01-10', amount: 9000, type: 'buy', asset: 'bond', direction: 'debit' },
  { client: 2, date: '2025-01-10', amount: 9000, type: 'buy', asset: 'fund', risk: 4, foreign: true, direction: 'debit' },
  { client: 3, date: '2025-01-10', amount: 9000, type: 'buy', asset: 'fund', risk: 2, direction: 'debit' },
];

function labelsWith(rules: readonly NeedRule[] | undefined): string[][] {
  const labeler = createNeedsLabeler(rows.length, { asOf: day('2024-12-31'), horizonDays: 30, rules });
  feed(labeler.sink, rows);
  const { labels } = labeler.finish();
  return rows.map((_, i) => NEEDS.filter((__, j) => labels[i * NEEDS.length + j] === 1));
}

describe('need rules', () => {
  it('default: an insurance buy is retirement, a bond buy nothing, a fund buy growth', () => {
    expect(labelsWith(undefined)).toStrictEqual([['retirement'], [], ['growth'], ['growth']]);
    expect(labelsWith(DEFAULT_NEED_RULES)).toStrictEqual(labelsWith(undefined));
  });

  it('a bank whose education is insurance and retirement is bonds gets those labels instead', () => {
    const bank: NeedRule[] = [
      { need: 'education', types: ['buy'], assetClasses: ['insurance'] },
      { need: 'retirement', types: ['buy'], assetClasses: ['bond'] },
    ];
    expect(labelsWith(bank)).toStrictEqual([['education'], ['retirement'], [], []]);
  });

  it('match on product risk and currency when a rule names them', () => {
    const rules: NeedRule[] = [
      { need: 'growth', types: ['buy'], assetClasses: ['fund'], productRisks: ['R4', 'R5'] },
      { need: 'global_allocation', types: ['buy'], currency: 'foreign' },
      { need: 'liquidity', types: ['buy'], assetClasses: ['fund', 'bond'], currency: 'cny' },
    ];
    expect(labelsWith(rules)).toStrictEqual([[], ['liquidity'], ['global_allocation', 'growth'], ['liquidity']]);
  });
});
