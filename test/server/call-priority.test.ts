import { describe, expect, it } from 'vitest';
import { CALL_POLICY, callPriority, contactedRecently, rankCalls } from '../../src/server/call-priority.js';
import type { ContactRecord } from '../../src/store/contact-store.js';
import type { StoredScore } from '../../src/store/store.js';
import { score } from '../store/score-fixtures.js';

const NOW = new Date('2026-07-10T09:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();
const stored = (id: string, overrides: Partial<StoredScore> = {}): StoredScore => ({ ...score(id), runId: 'r', asOf: '2026-06-30', modelVersion: 'v', ...overrides });
const contact = (clientId: string, outcome: ContactRecord['outcome'], days: number): ContactRecord =>
  ({ id: 1, at: daysAgo(days), actor: 'A01', clientId, runId: 'r', outcome, note: '' });

describe('call priority', () => {
  it('multiplies need propensity, AUM band, open flags and recency, as documented', () => {
    // B client (weight 2), retirement 0.8 strongest, one open flag (near_tier_boundary): 0.8 × 2 × 1.5 × 1.
    const s = stored('C1', { reasons: ['need_retirement_age_years_up', 'seg_turnover_low'] });
    const never = callPriority(s, undefined, new Set(), NOW);
    expect(never.priority).toBeCloseTo(2.4, 10);
    expect(never.reason).toEqual({ zh: '养老规划需求（80%）：年龄(岁)提高了养老规划需求的可能性', en: 'retirement need (80%): Age (years) makes a retirement need more likely' });
    // Contacted 45 days ago: half the priority (45 / 90).
    expect(callPriority(s, contact('C1', 'reached', 45), new Set(), NOW).priority).toBeCloseTo(1.2, 10);
    // Retirement dismissed: wealth transfer (0.6) leads.
    expect(callPriority(s, undefined, new Set(['retirement']), NOW).priority).toBeCloseTo(0.6 * 2 * 1.5, 10);
    // No predicted need: the floor propensity, and the first open flag is the reason.
    const flagged = callPriority(stored('C2', { predictedNeeds: [], tierCode: 'A', flags: ['assessment_due', 'minor'] }), undefined, new Set(), NOW);
    expect(flagged.priority).toBeCloseTo(CALL_POLICY.noNeedPropensity * 3 * 1.5, 10);
    expect(flagged.reason.en).toBe('risk questionnaire missing or stale');
  });

  it('skips clients reached within 14 days, and a call nobody answered for 2 days', () => {
    expect(contactedRecently(undefined, NOW)).toBe(false);
    expect(contactedRecently(contact('C', 'reached', 13.9), NOW)).toBe(true);
    expect(contactedRecently(contact('C', 'declined', 14.1), NOW)).toBe(false);
    expect(contactedRecently(contact('C', 'no_answer', 1.9), NOW)).toBe(true);
    expect(contactedRecently(contact('C', 'no_answer', 2.1), NOW)).toBe(false);
  });

  it('ranks a book by priority, ties by client id, leaving out recent contacts and keeping the top of the list', () => {
    const book = [
      stored('C3', { tierCode: 'C' }), stored('C1', { tierCode: 'A' }), stored('C2', { tierCode: 'A' }), stored('C4', { tierCode: 'A' }), stored('C5', { tierCode: 'B' }),
    ];
    const last = new Map([['C4', contact('C4', 'meeting_booked', 3)], ['C5', contact('C5', 'reached', 30)]]);
    const { calls, skippedRecent } = rankCalls(book, last, new Map(), NOW, 3);
    expect(skippedRecent).toBe(1);
    expect(calls.map((c) => c.score.clientId)).toEqual(['C1', 'C2', 'C3']);
    expect(calls.map((c) => Number(c.priority.toFixed(4)))).toEqual([3.6, 3.6, 1.2]);
  });
});
