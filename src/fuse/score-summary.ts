import { NEEDS } from '../core/contract.js';
import { ASSET_TIERS } from './asset-tier.js';
import type { ClientProfile } from './client-profile.js';

/** Counts an advisor or a scheduler reads at a glance after a run. */
export interface ScoreSummary {
  readonly clients: number;
  /** tier → segment id → clients. */
  readonly tierBySegment: Record<string, Record<string, number>>;
  readonly segmentNames: Record<string, string>;
  readonly riskMix: Record<string, number>;
  /** Clients with each need among their predicted needs, most common first. */
  readonly needs: readonly { readonly need: string; readonly clients: number }[];
  readonly flags: Record<string, number>;
}

export function scoreSummary(profiles: readonly ClientProfile[], riskClasses: readonly string[]): ScoreSummary {
  const tierBySegment: Record<string, Record<string, number>> = Object.fromEntries(ASSET_TIERS.map((t) => [t, {}]));
  const segmentNames: Record<string, string> = {};
  const riskMix: Record<string, number> = Object.fromEntries(riskClasses.map((c) => [c, 0]));
  const needs: Record<string, number> = Object.fromEntries(NEEDS.map((n) => [n, 0]));
  const flags: Record<string, number> = {};
  for (const p of profiles) {
    const row = tierBySegment[p.assetTier]!;
    row[p.behaviourSegment] = (row[p.behaviourSegment] ?? 0) + 1;
    segmentNames[p.behaviourSegment] = p.behaviourSegmentName;
    riskMix[p.riskSegment] = (riskMix[p.riskSegment] ?? 0) + 1;
    for (const n of p.predictedNeeds) needs[n]! += 1;
    for (const f of p.flags) {
      const key = f.split(':')[0]!;
      flags[key] = (flags[key] ?? 0) + 1;
    }
  }
  return {
    clients: profiles.length, tierBySegment, segmentNames, riskMix,
    needs: NEEDS.map((need) => ({ need, clients: needs[need]! })).sort((a, b) => b.clients - a.clients || a.need.localeCompare(b.need)),
    flags,
  };
}
