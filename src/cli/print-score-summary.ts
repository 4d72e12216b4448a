import { ASSET_TIERS, TIER_CODES } from '../fuse/asset-tier.js';
import type { ScoreSummary } from '../fuse/score-summary.js';

/** The short summary table `score` and `npm start` print: tier × segment, risk mix, top needs. */
export function formatScoreSummary(s: ScoreSummary): string {
  const segments = Object.keys(s.segmentNames).sort((a, b) => Number(a) - Number(b));
  const width = 8;
  const lines = [
    `${'tier'.padEnd(10)}${segments.map((id) => `seg ${id}`.padStart(width)).join('')}${'total'.padStart(width)}`,
    ...ASSET_TIERS.map((tier) => {
      const counts = segments.map((id) => s.tierBySegment[tier]?.[id] ?? 0);
      return `${`${TIER_CODES[tier]} ${tier}`.padEnd(10)}${counts.map((n) => String(n).padStart(width)).join('')}${String(counts.reduce((a, b) => a + b, 0)).padStart(width)}`;
    }),
    `segments: ${segments.map((id) => `${id} ${s.segmentNames[id]}`).join(', ')}`,
    Object.keys(s.riskMix).length === 0 ? 'risk: no risk model (risk_unlabelled): trained without usable labels' : `risk: ${Object.entries(s.riskMix).map(([c, n]) => `${c} ${n}`).join(', ')}`,
    `top needs: ${s.needs.slice(0, 4).map((n) => `${n.need} ${n.clients}`).join(', ')}`,
  ];
  return lines.join('\n');
}
