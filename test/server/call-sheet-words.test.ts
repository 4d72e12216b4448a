import { describe, expect, it } from 'vitest';
import { changesSinceLastRun } from '../../src/server/changes-since-last-run.js';
import { plainText } from '../../src/server/plain-words.js';
import { tierDistance } from '../../src/server/tier-distance.js';
import type { ClientHistoryEntry, StoredScore } from '../../src/store/store.js';
import { score } from '../store/score-fixtures.js';

describe('plain words', () => {
  it('drops the model\'s transforms, standard deviations and codes', () => {
    expect(plainText('最显著特征：换手率(对数) +1.8σ、月均收入(对数) -0.7σ、年龄(岁) +0.2σ。', 'zh')).toBe('最显著特征：换手率 远高于平均、月均收入 低于平均、年龄(岁) 接近平均。');
    expect(plainText('Most distinctive: turnover (log) +1.6 sd, monthly flow (log) −0.6 sd.', 'en')).toBe('Most distinctive: turnover far above average, monthly flow below average.');
    expect(plainText('share_equity is high, log_monthly_flow too', 'en')).toBe('share equity is high, monthly flow too');
    expect(plainText('AUM (log)', 'en')).toBe('AUM');
  });
});

describe('distance to the next tier', () => {
  it('gives the amount and the share of the threshold, and nothing above the top tier', () => {
    expect(tierDistance(440_000)).toEqual({ nextTierCode: 'B', threshold: 500_000, amount: 60_000, shareOfThreshold: 0.12 });
    expect(tierDistance(500_000)).toEqual({ nextTierCode: 'A', threshold: 100_000_000, amount: 99_500_000, shareOfThreshold: 0.995 });
    expect(tierDistance(0)).toMatchObject({ nextTierCode: 'B', amount: 500_000, shareOfThreshold: 1 });
    expect(tierDistance(100_000_000)).toEqual({ nextTierCode: undefined, threshold: undefined, amount: undefined, shareOfThreshold: undefined });
  });
});

describe('what changed since the last run', () => {
  const at = (asOf: string, runId: string, overrides: Partial<StoredScore> = {}): ClientHistoryEntry =>
    ({ ...score('C1'), runId, asOf, modelVersion: 'v', pipeline: 'p', finishedAt: `${asOf}T02:00:00Z`, ...overrides });

  it('lists tier, AUM, segment, risk, needs and flags that moved, in both languages', () => {
    const now = at('2026-06-30', 'r2', { tierCode: 'B', aum: 520_000, riskSegment: 'aggressive', predictedNeeds: ['retirement', 'growth'], flags: ['risk_mismatch'] });
    const before = at('2026-05-31', 'r1', { tierCode: 'C', aum: 480_000, predictedNeeds: ['retirement', 'wealth_transfer'], flags: ['near_tier_boundary'] });
    const { previous, changes } = changesSinceLastRun(now, [now, before]);
    expect(previous?.runId).toBe('r1');
    expect(changes.map((c) => [c.what, c.text.en])).toEqual([
      ['tier', 'C · mass → B · high net worth'],
      ['aum', 'AUM 480,000 → 520,000 CNY (+8%)'],
      ['risk', 'balanced → aggressive'],
      ['need_added', 'growth'],
      ['need_removed', 'wealth transfer'],
      ['flag_added', 'declared vs predicted risk mismatch'],
      ['flag_removed', 'near a tier boundary'],
    ]);
    expect(changes[2]!.text.zh).toBe('稳健型 → 进取型');
  });

  it('has nothing to compare for a client new in this run, and ignores AUM moves under 5%', () => {
    const now = at('2026-06-30', 'r2');
    expect(changesSinceLastRun(now, [now])).toEqual({ previous: undefined, changes: [] });
    expect(changesSinceLastRun(now, [now, at('2026-05-31', 'r1', { aum: 470_000 })]).changes).toEqual([]);
  });
});
