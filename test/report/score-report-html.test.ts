import { describe, expect, it } from 'vitest';
import { classificationMetrics, compareDrift, migrationBetween, type DriftCounts, type DriftReport } from '../../src/index.js';
import { renderScoreReport } from '../../src/report/score-report-html.js';
import { formatDriftSummary } from '../../src/cli/print-drift-summary.js';
import { driftGateStatus } from '../../src/cli/drift-gate.js';

const feature = (name: string, counts: number[], sums: number[], sq: number) => ({ name, edges: [0.5], counts, sums: sums.map((s) => [s]), sumSquares: [sq], missing: 0 });
const base: DriftCounts = {
  rows: 200,
  features: [feature('log_aum', [100, 100], [0, 100], 100), feature('constant_x', [200, 0], [0, 0], 0)],
  categories: { asset_tier: { mass: 150, hnw: 50 } },
  segments: { 0: 100, 1: 100 }, risk: { low: 100, high: 100 }, needs: { growth: 40 },
};
const moved: DriftCounts = {
  ...base,
  features: [feature('log_aum', [20, 180], [0, 180], 180), feature('constant_x', [100, 100], [0, 300], 900)],
  categories: { asset_tier: { mass: 60, hnw: 140 } },
  needs: { growth: 120 },
};
const summary = { clients: 200, tierBySegment: { mass: { 0: 60 }, hnw: { 1: 140 }, uhnw: {} }, segmentNames: { 0: '频繁交易型', 1: '稳健持有型' }, riskMix: { low: 100, high: 100 }, needs: [{ need: 'growth', clients: 120 }], flags: {} };

describe('the score report with monitoring', () => {
  it('shows the verdict, charts per statistic, an unbounded Wasserstein, realised accuracy and migration', () => {
    const drift = compareDrift(base, moved);
    expect(drift.verdict).toBe('alert');
    const migration = migrationBetween(
      [{ clientId: 'a', behaviourSegment: 0, riskSegment: 'low', assetTier: 'mass' }, { clientId: 'b', behaviourSegment: 1, riskSegment: 'high', assetTier: 'mass' }],
      [{ clientId: 'a', behaviourSegment: 0, riskSegment: 'low', assetTier: 'hnw' }, { clientId: 'c', behaviourSegment: 1, riskSegment: 'high', assetTier: 'hnw' }],
    );
    const accuracy = { labelled: 4, metrics: classificationMetrics([0, 1, 1, 0], [0, 1, 0, 0], ['low', 'high']), training: { macroF1: 0.7, balancedAccuracy: 0.72, accuracy: 0.81 } };
    const html = renderScoreReport({ asOf: '2026-06-30', modelVersion: 'abc', summary, monitoring: { drift, accuracy, migration: { ...migration, previous: { asOf: '2026-06-29', modelVersion: 'abc' } } } });
    expect(html).toContain('<span class="verdict-alert"><span lang="zh">警报</span><span lang="en">alert</span></span>');
    expect(html).toContain('constant_x (∞)');
    // constant_x was 0 for every training client; half of this run moved: that share decides.
    expect(html).toContain('<td class="text">constant_x</td><td>0</td><td class="text">0.00%</td><td class="text">50.00%</td><td>0.558</td>');
    expect(html).toContain('<span lang="zh">偏离该值的客户</span><span lang="en">clients away from it</span>');
    expect(html).toContain('Realised accuracy on fresh questionnaires');
    expect(html).toContain('<td>0.750</td>');
    // The training accuracy the manifest holds, beside this run's (it read "—").
    expect(html).toContain('<td class="text">accuracy</td><td>0.750</td><td>0.810</td>');
    expect(html).toContain('1 clients in both runs, 1 new, 1 gone');
    expect(html).toContain('1 tier moves: 1 crossed a threshold');
    expect(html).toContain('0 频繁交易型');
    // …and one distribution plot per feature that moved: log_aum, constant_x and asset_tier.
    expect(html.match(/<svg/g)).toHaveLength(3 + 5 + 3 + 3);
    const from = html.indexOf('Distributions of the features that moved');
    const plots = html.slice(from, html.indexOf('</div>', from));
    expect([...plots.matchAll(/aria-label="([^"]+)"/g)].map((m) => m[1])).toStrictEqual(['asset_tier · alert', 'constant_x · alert', 'log_aum · alert']);
    // log_aum: bins < 0.5 and ≥ 0.5, reference 50% / 50%, this run 10% / 90%.
    expect(plots).toContain('<title>≥ 0.5: 50.0% → 90.0%</title>');
    expect(html.replaceAll('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:\/\//);
  });

  it('renders a stored drift document written before constants were judged by their share', () => {
    const stored = JSON.parse(JSON.stringify(compareDrift(base, moved))) as DriftReport;
    const old = { ...stored, features: stored.features.map((f) => (f.kind === 'numeric' ? { ...f, constantAtTraining: undefined } : f)) };
    const html = renderScoreReport({ asOf: '2026-06-30', modelVersion: 'abc', summary, monitoring: { drift: old } });
    expect(html).toContain('constant_x (∞)');
    expect(html).not.toContain('clients away from it');
    expect(renderScoreReport({ asOf: '2026-06-30', modelVersion: 'abc', summary, monitoring: { drift: stored } })).toContain('50.00%');
  });

  it('says what a feature excluded by the drift settings measured, and which reference the run was compared with', () => {
    const drift = compareDrift(base, moved, { features: { log_aum: { exclude: true }, asset_tier: { jensenShannon: [0.5, 0.9] } } }, { kind: 'seasonal', runs: [{ id: 'r1', asOf: '2025-06-30' }] });
    const html = renderScoreReport({ asOf: '2026-06-30', modelVersion: 'abc', summary, monitoring: { drift } });
    expect(html).toContain('<code>log_aum</code> (<span lang="zh">警报</span><span lang="en">alert</span>)');
    expect(html).toContain('aria-label="log_aum · alert (excluded)"');
    expect(html).toContain('Reference: the run at the same calendar phase (as of 2025-06-30)');
    expect(html).toMatch(/feature with its own bands.*asset_tier.*0\.1 \/ 0\.25.*0\.5 \/ 0\.9/s);
    const text = formatDriftSummary(drift, 'drift.json');
    expect(text).toContain('log_aum (alert, excluded from the verdict)');
    expect(text).toContain('reference: seasonal, runs of 2025-06-30');
  });

  it('notes a low sample, and the terminal summary names what moved', () => {
    const small = compareDrift({ ...base, rows: 50 }, moved);
    expect(renderScoreReport({ asOf: '2026-06-30', modelVersion: 'abc', summary, monitoring: { drift: small } })).toContain('fewer than 100 rows');
    const text = formatDriftSummary(compareDrift(base, moved), 'drift.json');
    expect(text).toContain('drift: alert → drift.json');
    expect(text).toContain('log_aum (alert)');
    expect(text).toContain('need growth (alert)');
    expect(formatDriftSummary(small, 'd.json')).toContain('verdicts held at ok');
    expect(driftGateStatus('watch', 'alert').status).toBe(0);
    expect(driftGateStatus('alert', 'watch').status).toBe(10);
    expect(driftGateStatus('alert', undefined).status).toBe(0);
  });
});

describe('the score report and unreliable segments', () => {
  it('marks a segment the model found unreliable beside its name, and only that one', () => {
    const html = renderScoreReport({ asOf: '2026-06-30', modelVersion: 'abc', summary: { ...summary, unreliableSegments: [1] } });
    expect(html).toContain('1 稳健持有型 <span class="verdict-alert"><span lang="zh">不可靠</span><span lang="en">unreliable</span></span>');
    expect(html).not.toContain('0 频繁交易型 <span class="verdict-alert">');
    expect(renderScoreReport({ asOf: '2026-06-30', modelVersion: 'abc', summary })).not.toContain('不可靠');
  });
});
