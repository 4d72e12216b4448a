import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunCounts, RunSpec, ScoreRecord } from '../../src/store/store.js';

/** The bundled sample model's version, so pages that read the run's bundle find it. */
export const SAMPLE_VERSION = (JSON.parse(readFileSync(path.resolve(import.meta.dirname, '..', '..', 'models', 'sample', 'aliases.json'), 'utf8')) as { champion: string }).champion;

export function spec(overrides: Partial<RunSpec> = {}): RunSpec {
  return {
    runKey: 'a'.repeat(64), pipeline: 'nightly-score', asOf: '2026-06-30', modelName: 'sample', modelVersion: SAMPLE_VERSION,
    riskClasses: ['conservative', 'balanced', 'aggressive'], ...overrides,
  };
}

export function score(clientId: string, overrides: Partial<ScoreRecord> = {}): ScoreRecord {
  return {
    clientId, advisorId: 'A01', assetTier: 'hnw', tierCode: 'B', lifecycleStage: 'mature', behaviourSegment: 2,
    behaviourSegmentName: '稳健持有型', behaviourSegmentNameEn: 'steady holder', riskSegment: 'balanced',
    riskProbabilities: { conservative: 0.2, balanced: 0.7, aggressive: 0.1 }, declaredRisk: 'balanced', suitability: 'R3',
    predictedNeeds: ['retirement', 'wealth_transfer'],
    needPropensities: { education: 0.1, retirement: 0.8, protection: 0.2, wealth_transfer: 0.6, global_allocation: 0.1, liquidity: 0.3, growth: 0.2 },
    reasons: ['seg_turnover_low', 'risk_equity_share_up'], flags: ['near_tier_boundary'], aum: 480_000, ...overrides,
  };
}

export function counts(scored: number): RunCounts {
  return { clientsRead: scored + 1, clientsAccepted: scored, clientsRejected: 1, transactionsRead: 10 * scored, transactionsAccepted: 10 * scored, transactionsRejected: 0, scored };
}

export const T0 = new Date('2026-07-01T02:00:00Z');
export const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
