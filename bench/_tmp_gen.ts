import { createWriteStream } from 'node:fs';
import { NEEDS } from '../src/core/contract.js';
import { scoreCopyChunks } from '../src/store/score-copy-text.js';
const n = Number(process.argv[2]); const runId = process.argv[3]!;
const TIERS = ['mass', 'hnw', 'uhnw'];
const out = createWriteStream(process.argv[4]!);
const rows = [];
for (let i = 0; i < n; i++) {
  const p = (k: number) => ((i * 7919 + k * 104729) % 10007) / 10007 + 1e-9 * Math.sqrt(i + k);
  rows.push({ clientId: `C${String((i * 7919) % n).padStart(9, '0')}`, advisorId: `A${String(i % 6667).padStart(4, '0')}`,
    assetTier: TIERS[i % 3]!, tierCode: 'CBA'[i % 3]!, lifecycleStage: ['mature','young','retired'][i%3]!, behaviourSegment: i % 7,
    behaviourSegmentName: '稳健持有型', behaviourSegmentNameEn: 'Steady holder', riskSegment: ['conservative','balanced','aggressive'][i%3]!,
    riskProbabilities: { conservative: p(1), balanced: p(2), aggressive: p(3) }, declaredRisk: 'balanced', suitability: 'R3',
    predictedNeeds: ['retirement', 'protection'].slice(0, i % 3), needPropensities: Object.fromEntries(NEEDS.map((need, k) => [need, p(k + 4)])),
    reasons: Array.from({ length: 16 }, (_, k) => `need_protection_feature_${k}_up`), flags: i % 5 ? [] : ['near_tier_boundary'], aum: 1000 + i } as any);
}
for (const c of scoreCopyChunks(runId, rows)) out.write(c);
out.end();
