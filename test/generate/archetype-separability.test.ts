import { join } from 'node:path';
import { kmeans } from 'ml-kmeans';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_FX_RATES_TO_CNY } from '../../src/core/fx.js';
import { ARCHETYPES } from '../../src/generate/archetypes.js';
import { generateClientBase } from '../../src/generate/generate-client-base.js';
import { readCsv, tempDir } from './read-base.js';

const tmp = tempDir('separability');
afterAll(() => tmp.cleanup());

/**
 * A stand-in for the feature catalogue: the behaviour signals DESIGN.md lists (trade frequency,
 * turnover, asset-class mix, foreign-currency and high-risk shares, salary/pension regularity,
 * tuition/premium/loan/card shares, flow volatility), computed over the window only.
 */
function behaviourFeatures(dir: string): { x: number[][]; labels: string[] } {
  const clients = readCsv(join(dir, 'clients.csv')).rows;
  const index = new Map(clients.map((c, i) => [c[0]!, i]));
  const acc = clients.map(() => ({
    n: 0, trades: 0, turnover: 0, buyTotal: 0, buy: new Map<string, number>(), foreign: 0, product: 0, high: 0,
    salary: new Set<string>(), pension: new Set<string>(), debit: 0, tuition: 0, premium: 0, loan: 0, card: 0, net: new Map<string, number>(),
  }));
  for (const [, client, date, amount, direction, type, asset, risk, currency] of readCsv(join(dir, 'transactions.csv')).rows) {
    if (date! > '2026-06-30') continue;
    const c = acc[index.get(client!)!]!;
    const a = Number(amount) * DEFAULT_FX_RATES_TO_CNY[currency!]!;
    const month = date!.slice(0, 7);
    c.n++;
    if (currency !== 'CNY') c.foreign++;
    c.net.set(month, (c.net.get(month) ?? 0) + (direction === 'credit' ? a : -a));
    if (type === 'buy' || type === 'sell') { c.trades++; c.turnover += a; }
    if (type === 'buy') { c.buy.set(asset!, (c.buy.get(asset!) ?? 0) + a); c.buyTotal += a; }
    if (risk !== '') { c.product += a; if (risk === 'R4' || risk === 'R5') c.high += a; }
    if (type === 'salary') c.salary.add(month);
    if (type === 'pension') c.pension.add(month);
    if (direction === 'debit') c.debit += a;
    if (type === 'tuition') c.tuition += a;
    if (type === 'insurance_premium') c.premium += a;
    if (type === 'loan_repayment') c.loan += a;
    if (type === 'card_spend') c.card += a;
  }
  const x = acc.map((c, i) => {
    const share = (...assets: string[]) => (c.buyTotal > 0 ? assets.reduce((s, k) => s + (c.buy.get(k) ?? 0), 0) / c.buyTotal : 0);
    const ofDebit = (v: number) => (c.debit > 0 ? v / c.debit : 0);
    const nets = [...c.net.values()];
    const meanAbs = nets.reduce((s, v) => s + Math.abs(v), 0) / Math.max(1, nets.length);
    const rms = Math.sqrt(nets.reduce((s, v) => s + v * v, 0) / Math.max(1, nets.length));
    return [
      Math.log1p(c.trades / 12), Math.log1p(c.turnover / Math.max(1, Number(clients[i]![2]))),
      share('equity', 'derivative'), share('fund'), share('bond'), share('deposit', 'money_market'), share('wealth_product'),
      share('trust', 'alternative'), share('fx'), c.n > 0 ? c.foreign / c.n : 0, c.product > 0 ? c.high / c.product : 0,
      c.salary.size / 12, c.pension.size / 12, ofDebit(c.tuition), ofDebit(c.premium), ofDebit(c.loan), ofDebit(c.card),
      meanAbs > 0 ? Math.log1p(rms / meanAbs) : 0,
    ];
  });
  return { x: standardise(x), labels: readCsv(join(dir, 'truth.csv')).rows.map((r) => r[1]!) };
}

function standardise(x: number[][]): number[][] {
  const d = x[0]!.length;
  const mean = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + r[j]!, 0) / x.length);
  const sd = Array.from({ length: d }, (_, j) => Math.sqrt(x.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / x.length) || 1);
  return x.map((r) => r.map((v, j) => (v - mean[j]!) / sd[j]!));
}

function adjustedRandIndex(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const joint = new Map<string, number>(), rows = new Map<string, number>(), cols = new Map<string, number>();
  a.forEach((x, i) => {
    const [ka, kb] = [String(x), String(b[i])];
    joint.set(`${ka}|${kb}`, (joint.get(`${ka}|${kb}`) ?? 0) + 1);
    rows.set(ka, (rows.get(ka) ?? 0) + 1);
    cols.set(kb, (cols.get(kb) ?? 0) + 1);
  });
  const sum = (m: Map<string, number>) => [...m.values()].reduce((s, v) => s + pairs(v), 0);
  const [sj, sa, sb] = [sum(joint), sum(rows), sum(cols)];
  const expected = (sa * sb) / pairs(a.length);
  return (sj - expected) / ((sa + sb) / 2 - expected);
}

describe('archetypes are recoverable from behaviour', () => {
  it('k-means on standardised behaviour features recovers the archetypes with ARI >= 0.8', async () => {
    await generateClientBase({ clients: 4000, seed: 77, outDir: tmp.dir });
    const { x, labels } = behaviourFeatures(tmp.dir);
    let best = { inertia: Infinity, clusters: [] as number[] };
    // Restarts keep the lowest-inertia solution, as the segment stage does.
    for (let seed = 1; seed <= 6; seed++) {
      const r = kmeans(x, ARCHETYPES.length, { seed, initialization: 'kmeans++', maxIterations: 300 });
      const inertia = x.reduce((s, row, i) => s + row.reduce((q, v, j) => q + (v - r.centroids[r.clusters[i]!]![j]!) ** 2, 0), 0);
      if (inertia < best.inertia) best = { inertia, clusters: r.clusters };
    }
    expect(adjustedRandIndex(labels, best.clusters)).toBeGreaterThanOrEqual(0.8);
  });

  it('adjustedRandIndex is 1 for a relabelled identical partition and -0.5 for a crossed one', () => {
    expect(adjustedRandIndex(['a', 'a', 'b', 'b'], [1, 1, 0, 0])).toBe(1);
    expect(adjustedRandIndex(['a', 'a', 'b', 'b'], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12);
  });
});
