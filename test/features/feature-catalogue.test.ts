import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ASSET_CLASSES, TXN_TYPES } from '../../src/core/contract.js';
import { FEATURE_BLOCKS, FEATURE_CATALOGUE, FEATURE_CATALOGUE_VERSION, FEATURE_NAMES } from '../../src/features/feature-catalogue.js';
import { renderFeatureCatalogue } from '../../src/features/render-feature-catalogue.js';

const DOC = new URL('../../docs/features.md', import.meta.url);
const START = '<!-- catalogue:start (generated from src/features/feature-catalogue.ts) -->\n';
const END = '<!-- catalogue:end -->';

describe('FEATURE_CATALOGUE', () => {
  it('keeps the names other stages rely on, in column order', () => {
    expect(FEATURE_NAMES).toEqual([
      'recency_days', 'txn_per_month', 'log_monthly_flow', 'log_monthly_income', 'trades_per_month',
      'turnover_log1p', 'holding_days', 'share_cash_deposit', 'share_fixed_income', 'share_fund', 'share_equity',
      'share_insurance', 'share_alternative', 'share_foreign', 'share_high_risk', 'mean_product_risk',
      'salary_regularity', 'pension_regularity', 'tuition_share', 'insurance_premium_share',
      'loan_repayment_share', 'card_spend_share', 'periodic_outflow_regularity', 'flow_volatility',
      'net_flow_ratio', 'active_month_share', 'txn_count_trend', 'flow_trend', 'txn_count_volatility',
      ...TXN_TYPES.map((t) => `type_share_${t}`), ...TXN_TYPES.map((t) => `type_amount_share_${t}`),
      ...ASSET_CLASSES.map((c) => `buy_share_${c}`), 'buy_share_r1', 'buy_share_r2', 'buy_share_r3', 'buy_share_r4', 'buy_share_r5',
      'age_years', 'tenure_years', 'log_aum', 'dependants',
    ]);
    expect(FEATURE_NAMES).toHaveLength(83);
    expect(FEATURE_CATALOGUE.filter((f) => f.group === 'profile').map((f) => f.name))
      .toEqual(['age_years', 'tenure_years', 'log_aum', 'dependants']);
    // Profile is a block of its own, and only profile features are in it.
    expect(FEATURE_CATALOGUE.every((f) => (f.block === 'profile') === (f.group === 'profile'))).toBe(true);
    const sizes = Object.fromEntries(FEATURE_BLOCKS.map((b) => [b, FEATURE_CATALOGUE.filter((f) => f.block === b).length]));
    expect(sizes).toEqual({ behaviour: 22, activity: 7, type_mix: 16, type_amount_mix: 16, asset_mix: 13, risk_mix: 5, profile: 4 });
  });

  it('has unique snake_case names and documents every feature in both languages', () => {
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURE_NAMES.length);
    for (const f of FEATURE_CATALOGUE) {
      expect(f.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(f.label.zh).toMatch(/\p{Script=Han}/u);
      expect(f.label.en.trim()).not.toBe('');
      expect(f.formula.trim()).not.toBe('');
      expect(f.unit.trim()).not.toBe('');
    }
    expect(new Set(FEATURE_CATALOGUE.map((f) => f.label.zh)).size).toBe(FEATURE_NAMES.length);
    expect(new Set(FEATURE_CATALOGUE.map((f) => f.label.en)).size).toBe(FEATURE_NAMES.length);
  });

  it('pins the formulas to the catalogue version (bump the version, then this fingerprint)', () => {
    const fingerprint = createHash('sha256')
      .update(JSON.stringify(FEATURE_CATALOGUE.map((f) => [f.name, f.group, f.block, f.formula, f.unit])))
      .digest('hex')
      .slice(0, 16);
    expect({ version: FEATURE_CATALOGUE_VERSION, fingerprint }).toEqual({ version: '2.0.0', fingerprint: 'fe36dfd44bbf140c' });
  });
});

describe('docs/features.md', () => {
  it('holds the generated catalogue table (UPDATE_FEATURE_DOCS=1 rewrites it)', async () => {
    const doc = await readFile(DOC, 'utf8');
    const start = doc.indexOf(START);
    const end = doc.indexOf(END);
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const table = renderFeatureCatalogue();
    if (process.env.UPDATE_FEATURE_DOCS === '1') {
      await writeFile(DOC, doc.slice(0, start + START.length) + table + doc.slice(end));
      return;
    }
    expect(doc.slice(start + START.length, end)).toBe(table);
  });
});
