import { describe, expect, it } from 'vitest';
import { copyText, scoreCopyChunks, scoreCopyLine } from '../../src/store/score-copy-text.js';
import { scoreValues } from '../../src/store/score-row-codec.js';
import type { ScoreRecord } from '../../src/store/store.js';

function score(i: number, over: Partial<ScoreRecord> = {}): ScoreRecord {
  return {
    clientId: `C${i}`, advisorId: 'A1', assetTier: 'hnw', tierCode: 'B', lifecycleStage: 'mature', behaviourSegment: i % 5,
    behaviourSegmentName: '稳健持有型', behaviourSegmentNameEn: 'Steady holder', riskSegment: 'balanced',
    riskProbabilities: { conservative: 0.2, balanced: 0.7, aggressive: 0.1 }, declaredRisk: 'balanced', suitability: 'R3',
    predictedNeeds: ['retirement'], needPropensities: { retirement: 0.61, growth: 0.1 }, reasons: [`reason_${i}`], flags: [], aum: 1_234_567.5,
    ...over,
  };
}

/** What the line must be: each of scoreValues' columns escaped, tab-separated, \N for NULL. */
function expectedLine(runId: string, r: ScoreRecord): string {
  return `${scoreValues(runId, r).map((v) => (v === null ? '\\N' : copyText(String(v)))).join('\t')}\n`;
}

describe('copyText', () => {
  it('escapes exactly the characters the text format reserves', () => {
    expect(['a\\b', 'c\td', 'e\nf', 'g\rh', '\\N', '"客户"'].map(copyText)).toEqual(['a\\\\b', 'c\\td', 'e\\nf', 'g\\rh', '\\\\N', '"客户"']);
  });
});

describe('scoreCopyLine', () => {
  it('writes the columns in the order scoreValues gives them', () => {
    const r = score(7);
    expect(scoreCopyLine('run-1\t', r)).toBe(expectedLine('run-1', r));
  });

  it('writes NULLs as \\N and escapes reserved characters inside text and JSON', () => {
    const r = score(8, { advisorId: null, declaredRisk: null, aum: null, clientId: 'C\t8', reasons: ['a\\b', 'line\nbreak'], behaviourSegmentNameEn: 'x\ry' });
    const line = scoreCopyLine('run-1\t', r);
    expect(line).toBe(expectedLine('run-1', r));
    expect(line.split('\t')).toHaveLength(18);
    expect(line.slice(0, -1)).not.toMatch(/[\n\r]/);
  });
});

describe('scoreCopyChunks', () => {
  it('splits a large batch into chunks on line ends that add up to every line once', () => {
    const long = Array.from({ length: 40 }, (_, k) => `need_growth_feature_${k}_up`);
    const rows = Array.from({ length: 3000 }, (_, i) => score(i, { reasons: long }));
    const chunks = [...scoreCopyChunks('run\\1', rows)];
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.at(-1)).toBe(0x0a);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(rows.map((r) => expectedLine('run\\1', r)).join(''));
  });

  it('yields nothing for no rows', () => {
    expect([...scoreCopyChunks('run', [])]).toEqual([]);
  });
});
