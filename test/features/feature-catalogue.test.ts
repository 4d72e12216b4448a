import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { FEATURE_CATALOGUE, FEATURE_CATALOGUE_VERSION, FEATURE_NAMES } from '../../src/features/feature-catalogue.js';
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
      'net_flow_ratio', 'age_years', 'tenure_years', 'log_aum', 'dependants',
    ]);
    expect(FEATURE_CATALOGUE.filter((f) => f.group === 'profile').map((f) => f.name))
      .toEqual(['age_years', 'tenure_years', 'log_aum', 'dependants']);
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
      .update(JSON.stringify(FEATURE_CATALOGUE.map((f) => [f.name, f.group, f.formula, f.unit])))
      .digest('hex')
      .slice(0, 16);
    expect({ version: FEATURE_CATALOGUE_VERSION, fingerprint }).toEqual({ version: '1.0.0', fingerprint: '6a2abe62c5931e89' });
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
