import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ASSET_CLASSES, CLIENT_COLUMNS, DIRECTIONS, MARITAL_STATUSES, NEEDS, PRODUCT_RISKS, RISK_LEVELS,
  TRANSACTION_COLUMNS, TXN_TYPES, type AssetClass, type TxnType,
} from '../../src/core/contract.js';
import { dayNumber, parseIsoDay, yearsBetween } from '../../src/core/days.js';
import { DEFAULT_FX_RATES_TO_CNY } from '../../src/core/fx.js';
import { DEFAULT_NEED_RULES, matchesNeedRule } from '../../src/core/needs.js';
import { ARCHETYPE_NAMES } from '../../src/generate/archetypes.js';
import { generateClientBase, type GenerateSummary } from '../../src/generate/generate-client-base.js';
import { readCsv, tempDir, type Csv } from './read-base.js';

const N = 5000;
const AS_OF = dayNumber(2026, 6, 30);
const WINDOW_START = dayNumber(2025, 7, 1);
const END = AS_OF + 90;
const tmp = tempDir('contract');
let summary: GenerateSummary;
let clients: Csv, txns: Csv, truth: Csv;

beforeAll(async () => {
  summary = await generateClientBase({ clients: N, seed: 2026, outDir: tmp.dir });
  clients = readCsv(join(tmp.dir, 'clients.csv'));
  txns = readCsv(join(tmp.dir, 'transactions.csv'));
  truth = readCsv(join(tmp.dir, 'truth.csv'));
});
afterAll(() => tmp.cleanup());

const inVocab = (vocab: readonly string[], v: string) => vocab.includes(v);

describe('generated files follow the data contract', () => {
  it('clients.csv: canonical columns, unique ids, valid codes and dates', () => {
    expect(clients.header).toStrictEqual([...CLIENT_COLUMNS]);
    expect(clients.rows.length).toBe(N);
    const bad: string[] = [];
    clients.rows.forEach((r, i) => {
      const [id, birth, aum, marital, dependants, declared, assessed, advisor, opened] = r;
      const ok = r.length === CLIENT_COLUMNS.length
        && id === `C${String(i + 1).padStart(7, '0')}`
        && parseIsoDay(birth!) !== undefined && /^\d+\.\d{2}$/.test(aum!) && Number(aum) > 0
        && (marital === '' || inVocab(MARITAL_STATUSES, marital!))
        && (dependants === '' || /^\d+$/.test(dependants!))
        && (declared === '' ? assessed === '' : inVocab(RISK_LEVELS, declared!) && parseIsoDay(assessed!)! <= AS_OF)
        && /^A\d{3}$/.test(advisor!) && parseIsoDay(opened!)! <= AS_OF
        && (assessed === '' || parseIsoDay(assessed!)! >= parseIsoDay(opened!)!);
      if (!ok) bad.push(r.join(','));
    });
    expect(bad).toStrictEqual([]);
    const advisors = new Set(clients.rows.map((r) => r[7]));
    expect(advisors.size).toBe(Math.round(N / 150));
    expect(clients.rows.filter((r) => r[3] === '').length).toBeGreaterThan(0);
    expect(clients.rows.filter((r) => r[4] === '').length).toBeGreaterThan(0);
    const openedBefore = clients.rows.filter((r) => parseIsoDay(r[8]!)! < WINDOW_START).length;
    expect(openedBefore / N).toBeGreaterThan(0.9);
  });

  it('transactions.csv: canonical columns, unique ids, known clients, vocabulary, dates in range, positive amounts', () => {
    expect(txns.header).toStrictEqual([...TRANSACTION_COLUMNS]);
    expect(txns.rows.length).toBe(summary.rows.transactions);
    const ids = new Set(clients.rows.map((r) => r[0]));
    const currencies = Object.keys(DEFAULT_FX_RATES_TO_CNY);
    const bad: string[] = [];
    txns.rows.forEach((r, i) => {
      const [id, client, date, amount, direction, type, asset, risk, currency] = r;
      const day = parseIsoDay(date!);
      const ok = r.length === TRANSACTION_COLUMNS.length && id === `T${String(i + 1).padStart(9, '0')}` && ids.has(client!)
        && day !== undefined && day >= WINDOW_START && day <= END
        && /^\d+\.\d{2}$/.test(amount!) && Number(amount) > 0
        && inVocab(DIRECTIONS, direction!) && inVocab(TXN_TYPES, type!)
        && (asset === '' || inVocab(ASSET_CLASSES, asset!)) && (risk === '' || inVocab(PRODUCT_RISKS, risk!))
        && currencies.includes(currency!);
      if (!ok) bad.push(r.join(','));
    });
    expect(bad).toStrictEqual([]);
    const types = new Set(txns.rows.map((r) => r[5]));
    for (const t of ['salary', 'buy', 'sell', 'tuition', 'pension', 'insurance_premium', 'loan_repayment', 'card_spend', 'interest']) expect(types).toContain(t);
    expect(txns.rows.some((r) => r[8] === 'USD')).toBe(true);
    expect(txns.rows.some((r) => r[8] === 'HKD')).toBe(true);
  });

  it('truth.csv: one row per client with known archetype, tolerance and needs', () => {
    expect(truth.header).toStrictEqual(['client_id', 'archetype', 'risk_tolerance', 'needs']);
    truth.rows.forEach((r, i) => {
      expect(r[0]).toBe(clients.rows[i]![0]);
      expect(ARCHETYPE_NAMES).toContain(r[1]);
      expect(RISK_LEVELS).toContain(r[2]);
      if (r[3] !== '') for (const n of r[3]!.split(';')) expect(NEEDS).toContain(n);
    });
  });
});

describe('generated ground truth', () => {
  it('truth needs are exactly what the default rules read as new take-ups in the horizon', () => {
    const before = new Map<string, Set<string>>(), after = new Map<string, Set<string>>();
    for (const r of txns.rows) {
      const day = parseIsoDay(r[2]!)!;
      const asset = r[6] === '' ? undefined : (r[6] as AssetClass);
      for (const rule of DEFAULT_NEED_RULES) {
        if (!matchesNeedRule(rule, r[5] as TxnType, asset, r[8] === 'CNY')) continue;
        const side = day <= AS_OF ? before : after;
        if (!side.has(r[1]!)) side.set(r[1]!, new Set());
        side.get(r[1]!)!.add(rule.need);
      }
    }
    for (const r of truth.rows) {
      const derived = NEEDS.filter((n) => after.get(r[0]!)?.has(n) && !before.get(r[0]!)?.has(n));
      expect(derived.join(';'), r[0]).toBe(r[3]);
    }
  });

  it('every need is taken up by at least 5% of clients, matching the summary', () => {
    for (const need of NEEDS) {
      const count = truth.rows.filter((r) => r[3]!.split(';').includes(need)).length;
      expect(count, need).toBe(summary.needs[need]);
      expect(count / N, need).toBeGreaterThanOrEqual(0.05);
    }
  });

  it('clients span all four life-cycle situations and all three asset tiers, UHNW under 1%', () => {
    const stage = (r: string[]): string => {
      const age = yearsBetween(parseIsoDay(r[1]!)!, AS_OF);
      if (age >= 60) return 'retirement';
      if (age >= 45) return 'mature';
      if (r[3] === 'married' && Number(r[4]) > 0) return 'family_formation';
      return r[3] === 'single' && r[4] === '0' ? 'single' : 'other';
    };
    const stages = new Map<string, number>();
    for (const r of clients.rows) stages.set(stage(r), (stages.get(stage(r)) ?? 0) + 1);
    for (const s of ['single', 'family_formation', 'mature', 'retirement']) expect(stages.get(s) ?? 0, s).toBeGreaterThan(N * 0.08);
    const aum = clients.rows.map((r) => Number(r[2]));
    const uhnw = aum.filter((a) => a >= 100_000_000).length;
    const hnw = aum.filter((a) => a >= 500_000 && a < 100_000_000).length;
    expect(uhnw).toBeGreaterThan(0);
    expect(uhnw / N).toBeLessThan(0.01);
    expect(hnw / N).toBeGreaterThan(0.2);
    expect((N - uhnw - hnw) / N).toBeGreaterThan(0.3);
  });

  it('declared risk agrees with the true tolerance for about 1 - noise of fresh questionnaires', () => {
    const fresh = clients.rows.map((r, i) => ({ r, t: truth.rows[i]! }))
      .filter(({ r }) => r[5] !== '' && parseIsoDay(r[6]!)! > AS_OF - 3 * 365);
    const agree = fresh.filter(({ r, t }) => r[5] === t[2]).length / fresh.length;
    expect(agree).toBeGreaterThan(0.83);
    expect(agree).toBeLessThan(0.87);
    const missing = clients.rows.filter((r) => r[5] === '').length / N;
    expect(missing).toBeGreaterThan(0.08);
    expect(missing).toBeLessThan(0.12);
    const stale = clients.rows.filter((r) => r[6] !== '' && parseIsoDay(r[6]!)! <= AS_OF - 3 * 365).length / N;
    expect(stale).toBeGreaterThan(0.035);
    expect(stale).toBeLessThan(0.065);
    // Flips move one level only: conservative is never declared aggressive or the reverse.
    clients.rows.forEach((r, i) => {
      if (r[5] === '') return;
      expect(Math.abs(RISK_LEVELS.indexOf(r[5] as never) - RISK_LEVELS.indexOf(truth.rows[i]![2] as never))).toBeLessThanOrEqual(1);
    });
  });

  it('risk tolerance follows archetype and age: traders mostly aggressive, retirees mostly conservative', () => {
    const share = (archetype: string, level: string) => {
      const rows = truth.rows.filter((r) => r[1] === archetype);
      return rows.filter((r) => r[2] === level).length / rows.length;
    };
    expect(share('frequent_trader', 'aggressive')).toBeGreaterThan(0.6);
    expect(share('retiree', 'conservative')).toBeGreaterThan(0.75);
    expect(share('conservative_saver', 'aggressive')).toBe(0);
    // Behaviour is consistent with tolerance: conservative clients never buy R4-R5 products.
    const tolerance = new Map(truth.rows.map((r) => [r[0]!, r[2]!]));
    const risky = txns.rows.filter((r) => r[5] === 'buy' && (r[7] === 'R4' || r[7] === 'R5') && tolerance.get(r[1]!) === 'conservative');
    expect(risky.length).toBe(0);
  });
});
