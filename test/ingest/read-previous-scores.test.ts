import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPreviousScores } from '../../src/ingest/read-previous-scores.js';
import type { PipelineError } from '../../src/index.js';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'clientseg-previous-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

const HEADER = 'client_id,as_of,model_version,asset_tier,tier_code,lifecycle_stage,behaviour_segment,behaviour_segment_name,risk_segment,reasons';
async function file(name: string, lines: string[]): Promise<string> {
  const p = path.join(dir, name);
  await writeFile(p, `${lines.join('\n')}\n`);
  return p;
}
async function codeOf(p: Promise<unknown>): Promise<string> {
  try { await p; return 'none'; } catch (err) { return (err as PipelineError).code; }
}

describe('reading a previous scores.csv', () => {
  it('reads the subjects migration compares, with the run it came from', async () => {
    const p = await file('ok.csv', [HEADER,
      'C1,2026-06-30,abc,hnw,B,mature,3,"稳健持有型, 长期",balanced,seg_x_high;risk_y_up',
      'C2,2026-06-30,abc,mass,C,single,0,频繁交易型,aggressive,']);
    const previous = await readPreviousScores(p);
    expect(previous.subjects).toStrictEqual([
      { clientId: 'C1', behaviourSegment: 3, riskSegment: 'balanced', assetTier: 'hnw' },
      { clientId: 'C2', behaviourSegment: 0, riskSegment: 'aggressive', assetTier: 'mass' },
    ]);
    expect([previous.asOf, previous.modelVersion]).toStrictEqual(['2026-06-30', 'abc']);
  });

  it('stops with input_invalid on a damaged or foreign file, and input_missing on no file', async () => {
    const row = (tier: string, segment: string) => `C1,2026-06-30,abc,${tier},B,mature,${segment},x,balanced,`;
    expect(await codeOf(readPreviousScores(await file('cols.csv', ['client_id,aum', 'C1,5'])))).toBe('input_invalid');
    expect(await codeOf(readPreviousScores(await file('tier.csv', [HEADER, row('gold', '1')])))).toBe('input_invalid');
    expect(await codeOf(readPreviousScores(await file('seg.csv', [HEADER, row('hnw', 'one')])))).toBe('input_invalid');
    expect(await codeOf(readPreviousScores(await file('short.csv', [HEADER, 'C1,2026-06-30,abc,hnw'])))).toBe('input_invalid');
    expect(await codeOf(readPreviousScores(await file('dup.csv', [HEADER, row('hnw', '1'), row('hnw', '2')])))).toBe('input_invalid');
    expect(await codeOf(readPreviousScores(await file('empty-id.csv', [HEADER, `,2026-06-30,abc,hnw,B,mature,1,x,balanced,`])))).toBe('input_invalid');
    expect(await codeOf(readPreviousScores(await file('no-risk.csv', [HEADER, `C1,2026-06-30,abc,hnw,B,mature,1,x,,`])))).toBe('input_invalid');
    expect(await codeOf(readPreviousScores(await file('header-only.csv', [HEADER])))).toBe('input_invalid');
    expect(await codeOf(readPreviousScores(path.join(dir, 'absent.csv')))).toBe('input_missing');
    await expect(readPreviousScores(await file('tier2.csv', [HEADER, row('hnw', '1'), row('gold', '1').replace('C1', 'C2')]))).rejects.toThrow(/line 3/);
  });
});
