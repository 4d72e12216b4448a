import { describe, expect, it } from 'vitest';
import { NEEDS } from '../../src/core/contract.js';
import { dayNumber, yearsBetween } from '../../src/core/days.js';
import { MISSING_CODE, MISSING_DAY, type ClientTable } from '../../src/core/records.js';
import { Rng } from '../../src/core/rng.js';
import { fuseProfile } from '../../src/fuse/fuse-profile.js';
import { ProfileFuser } from '../../src/fuse/profile-fuser.js';
import { ScoresLineWriter } from '../../src/fuse/scores-line-writer.js';
import { DEFAULT_RULES } from '../../src/fuse/rules-config.js';
import { allocateScoredColumns, profilesOf } from '../../src/fuse/scored-columns.js';
import { scoresRow } from '../../src/fuse/write-scores-csv.js';

// Hand-made clients on the rules' edges, fused by ProfileFuser and by fuseProfile.
const asOf = dayNumber(2026, 6, 30);
const classes = ['conservative', 'balanced', 'aggressive'];
const thresholds = [0.5, 0.4, 0.3, 0.5, 0.5, 0.6, 0.45];
const reasons = ['seg_a_high', 'risk_b_up', 'need_growth_c_down'];

function table(rows: { id: string; birth: number; aum: number; marital?: number; dependants?: number; declared?: string; assessed?: number }[]): ClientTable {
  const ids = rows.map((r) => r.id);
  return {
    size: rows.length, ids, indexById: new Map(ids.map((id, i) => [id, i])),
    birthDay: Int32Array.from(rows, (r) => r.birth), aum: Float64Array.from(rows, (r) => r.aum),
    marital: Int8Array.from(rows, (r) => r.marital ?? MISSING_CODE), dependants: Int16Array.from(rows, (r) => r.dependants ?? MISSING_CODE),
    declaredRisk: rows.map((r) => r.declared), riskAssessedOn: Int32Array.from(rows, (r) => r.assessed ?? MISSING_DAY),
    advisorId: rows.map(() => undefined), openedOn: new Int32Array(rows.length).fill(MISSING_DAY),
  };
}

describe('ProfileFuser', () => {
  const clients = table([
    { id: 'c1', birth: dayNumber(1966, 6, 30), aum: 480_000, declared: 'balanced', assessed: dayNumber(2025, 1, 1) },
    { id: 'c2', birth: dayNumber(1966, 7, 1), aum: 95_000_000, marital: 1, declared: 'aggressive' },
    { id: 'c,3 "q"', birth: dayNumber(2000, 2, 29), aum: 100_000_000, dependants: 2, declared: 'conservative', assessed: dayNumber(2020, 1, 1) },
    { id: '客户4', birth: dayNumber(1990, 1, 1), aum: 10, declared: undefined },
    { id: 'c5', birth: dayNumber(1981, 6, 30), aum: 600_000, declared: 'C4', assessed: dayNumber(2026, 6, 1) },
  ]);
  // Ties between needs (0.7, 0.7), one exactly at its threshold, NaN never selected.
  const needProba = Float32Array.from([
    0.7, 0.1, 0.7, 0.9, 0.2, 0.6, 0.45,
    0.5, 0.4, 0.3, 0.5, 0.5, 0.6, 0.45,
    0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1,
    Number.NaN, 0.9, 0.9, 0.2, 0.95, 0.2, 0.99,
    0.2, 0.3, 0.1, 0.6, 0.9, 0.1, 0.8,
  ]);
  const riskProba = Float32Array.from([0.2, 0.5, 0.3, 0.1, 0.1, 0.8, 0.6, 0.3, 0.1, 0.3, 0.3, 0.4, 0.2, 0.2, 0.6]);
  const riskClass = Int32Array.from([1, 2, 0, 2, 2]);
  const segmentId = Int32Array.from([3, 0, 7, 3, 0]);
  const pension = [0, 0.6, 0, 0, 0.2];
  const names: Record<number, string> = { 0: '频繁交易型', 3: 'steady, "holder"', 7: '特定需求' };

  it('gives fuseProfile\'s profile and scoresRow\'s line for every client', () => {
    const fuser = new ProfileFuser(DEFAULT_RULES, thresholds, classes, asOf);
    const out = allocateScoredColumns(clients.size, classes.length, 3 * clients.size);
    const m = { segmentId, riskClass, riskProba, needProba, needsUnlabelled: false, pensionRegularity: (i: number) => pension[i]! };
    for (let i = 0; i < clients.size; i++) {
      fuser.fuse(out, i, clients, i, m, i);
      out.reasonStart[i + 1] = out.reasonStart[i]! + (i % 3);
      for (let r = 0; r < i % 3; r++) out.reasonCodes[out.reasonStart[i]! + r] = (i + r) % 3;
    }
    const vocabulary = { riskClasses: classes, segmentName: (id: number) => names[id]!, reasons };
    const expected = Array.from({ length: clients.size }, (_, i) => fuseProfile(clients, i, asOf, {
      segmentId: segmentId[i]!, segmentName: names[segmentId[i]!]!, riskClass: classes[riskClass[i]!]!,
      riskProbabilities: Array.from(riskProba.subarray(i * 3, i * 3 + 3)), needPropensities: Array.from(needProba.subarray(i * 7, i * 7 + 7)),
      needThresholds: thresholds, pensionRegularity: pension[i]!,
      reasons: Array.from({ length: i % 3 }, (_, r) => reasons[(i + r) % 3]!),
    }, DEFAULT_RULES));
    expect(profilesOf(out, clients, vocabulary)).toStrictEqual(expected);
    const lines = Buffer.from(new ScoresLineWriter('2026-06-30', 'v1', classes, vocabulary.segmentName, reasons).lines(out, clients, 0)).toString('utf8');
    expect(lines).toBe(expected.map((p) => `${scoresRow(p, '2026-06-30', 'v1')}\n`).join(''));
    // The fixture reaches the rules it is meant to reach.
    expect(expected.map((p) => p.lifecycleStage)).toStrictEqual(['retirement', 'retirement', 'family_formation', 'single', 'mature']);
    // Ties keep NEEDS order; liquidity sits exactly at its threshold; growth's float32 0.45 is just below.
    expect(expected[0]!.predictedNeeds).toStrictEqual(['wealth_transfer', 'education', 'protection', 'liquidity']);
    expect(expected.flatMap((p) => p.flags)).toContain('need_above_level:growth');
    expect(NEEDS).toHaveLength(7);
  });

  it('flags minors, holds them to R1 and stages them minor, in both paths', () => {
    // 17 the day before as-of's birthday, 18 on it; both with a valid aggressive questionnaire.
    const young = table([
      { id: 'm1', birth: dayNumber(2008, 7, 1), aum: 10, declared: 'aggressive', assessed: dayNumber(2026, 1, 1) },
      { id: 'm2', birth: dayNumber(2008, 6, 30), aum: 10, declared: 'aggressive', assessed: dayNumber(2026, 1, 1) },
    ]);
    const m = {
      segmentId: Int32Array.from([0, 0]), riskClass: Int32Array.from([2, 2]), riskProba: Float32Array.from([0, 0, 1, 0, 0, 1]),
      needProba: Float32Array.from([...Array(7).fill(0), ...Array(7).fill(0)]), needsUnlabelled: false, pensionRegularity: () => 0,
    };
    const fuser = new ProfileFuser(DEFAULT_RULES, thresholds, classes, asOf);
    const out = allocateScoredColumns(2, classes.length, 0);
    for (let i = 0; i < 2; i++) fuser.fuse(out, i, young, i, m, i);
    const vocabulary = { riskClasses: classes, segmentName: () => 's', reasons };
    const viaColumns = profilesOf(out, young, vocabulary);
    const viaProfile = [0, 1].map((i) => fuseProfile(young, i, asOf, {
      segmentId: 0, segmentName: 's', riskClass: 'aggressive', riskProbabilities: [0, 0, 1], needPropensities: Array(7).fill(0),
      needThresholds: thresholds, pensionRegularity: 0, reasons: [],
    }, DEFAULT_RULES));
    expect(viaColumns).toStrictEqual(viaProfile);
    expect(viaProfile.map((p) => [p.lifecycleStage, p.suitability, p.flags])).toStrictEqual([['minor', 'R1', ['minor']], ['single', 'R5', []]]);
    const lines = Buffer.from(new ScoresLineWriter('2026-06-30', 'v1', classes, () => 's', reasons).lines(out, young, 0)).toString('utf8');
    expect(lines).toBe(viaProfile.map((p) => `${scoresRow(p, '2026-06-30', 'v1')}\n`).join(''));
  });

  it('leaves risk and needs empty and flags them for a model trained without labels, as fuseProfile does', () => {
    const fuser = new ProfileFuser(DEFAULT_RULES, NEEDS.map(() => 1), [], asOf);
    const out = allocateScoredColumns(clients.size, 0, clients.size);
    const m = {
      segmentId, riskClass: undefined, riskProba: new Float32Array(0), needProba: new Float32Array(clients.size * 7).fill(Number.NaN),
      needsUnlabelled: true, pensionRegularity: (i: number) => pension[i]!,
    };
    for (let i = 0; i < clients.size; i++) {
      fuser.fuse(out, i, clients, i, m, i);
      out.reasonStart[i + 1] = out.reasonStart[i]! + 1;
      out.reasonCodes[i] = 0;
    }
    const vocabulary = { riskClasses: [], segmentName: (id: number) => names[id]!, reasons };
    const expected = Array.from({ length: clients.size }, (_, i) => fuseProfile(clients, i, asOf, {
      segmentId: segmentId[i]!, segmentName: names[segmentId[i]!]!, riskClass: '', riskProbabilities: [], needPropensities: [],
      needThresholds: NEEDS.map(() => 1), pensionRegularity: pension[i]!, reasons: [reasons[0]!],
    }, DEFAULT_RULES));
    expect(profilesOf(out, clients, vocabulary)).toStrictEqual(expected);
    // Declared risks are kept, but nothing can mismatch a prediction that was not made.
    expect(expected.every((p) => p.riskSegment === '' && p.predictedNeeds.length === 0 && !p.flags.includes('risk_mismatch'))).toBe(true);
    expect(expected.every((p) => p.flags.includes('risk_unlabelled') && p.flags.includes('needs_unlabelled'))).toBe(true);
    const lines = Buffer.from(new ScoresLineWriter('2026-06-30', 'v1', [], vocabulary.segmentName, reasons).lines(out, clients, 0)).toString('utf8');
    expect(lines).toBe(expected.map((p) => `${scoresRow(p, '2026-06-30', 'v1')}\n`).join(''));
    // c1: empty risk_segment, then declared, suitability, no needs, seven empty propensities, reasons, flags.
    expect(lines.split('\n')[0]).toBe('c1,2026-06-30,v1,mass,C,retirement,3,"steady, ""holder""",,balanced,R3,,,,,,,,,seg_a_high,near_tier_boundary;risk_unlabelled;needs_unlabelled');
  });

  it('counts ages as yearsBetween does, leap days included', () => {
    const rng = new Rng(3);
    for (const to of [asOf, dayNumber(2028, 2, 28), dayNumber(2028, 2, 29), dayNumber(2027, 3, 1)]) {
      const fuser = new ProfileFuser(DEFAULT_RULES, thresholds, classes, to);
      const age = (b: number) => (fuser as unknown as { age(b: number): number }).age(b);
      for (let i = 0; i < 5000; i++) {
        const birth = to - rng.int(40_000) + 10;
        expect(age(birth)).toBe(yearsBetween(birth, to));
      }
      expect(age(MISSING_DAY)).toBe(yearsBetween(MISSING_DAY, to));
    }
  });
});
