import { NEEDS } from '../core/contract.js';
import { ASSET_TIERS } from './asset-tier.js';
import type { ClientProfile } from './client-profile.js';
import {
  FLAG_ASSESSMENT_DUE, FLAG_MINOR, FLAG_NEAR_TIER_BOUNDARY, FLAG_NEEDS_UNLABELLED, FLAG_RISK_MISMATCH, FLAG_RISK_UNLABELLED, type ScoredColumns,
} from './scored-columns.js';

/** Counts an advisor or a scheduler reads at a glance after a run. */
export interface ScoreSummary {
  readonly clients: number;
  /** tier → segment id → clients. */
  readonly tierBySegment: Record<string, Record<string, number>>;
  readonly segmentNames: Record<string, string>;
  /** Segment ids that training found unreliable (bootstrap Jaccard < 0.6), when the model says. */
  readonly unreliableSegments?: readonly number[];
  readonly riskMix: Record<string, number>;
  /** Clients with each need among their predicted needs, most common first. */
  readonly needs: readonly { readonly need: string; readonly clients: number }[];
  readonly flags: Record<string, number>;
}

/** What a summary reads of one client's profile (a ClientProfile, or a stored score). */
export type SummaryRow = Pick<ClientProfile, 'behaviourSegment' | 'behaviourSegmentName' | 'riskSegment'> & {
  readonly assetTier: string;
  readonly predictedNeeds: readonly string[];
  readonly flags: readonly string[];
};

export function scoreSummary(profiles: Iterable<SummaryRow>, riskClasses: readonly string[]): ScoreSummary {
  const counter = summaryCounter(riskClasses);
  for (const p of profiles) counter.add(p);
  return counter.finish();
}

/** scoreSummary over rows that arrive one by one, e.g. a stored run's scores. */
export async function scoreSummaryOfRows(rows: AsyncIterable<SummaryRow>, riskClasses: readonly string[]): Promise<ScoreSummary> {
  const counter = summaryCounter(riskClasses);
  for await (const row of rows) counter.add(row);
  return counter.finish();
}

function summaryCounter(riskClasses: readonly string[]): { add(p: SummaryRow): void; finish(): ScoreSummary } {
  const tierBySegment: Record<string, Record<string, number>> = Object.fromEntries(ASSET_TIERS.map((t) => [t, {}]));
  const segmentNames: Record<string, string> = {};
  const riskMix: Record<string, number> = Object.fromEntries(riskClasses.map((c) => [c, 0]));
  const needs: Record<string, number> = Object.fromEntries(NEEDS.map((n) => [n, 0]));
  const flags: Record<string, number> = {};
  let clients = 0;
  return {
    add(p) {
      clients++;
      const row = (tierBySegment[p.assetTier] ??= {});
      row[p.behaviourSegment] = (row[p.behaviourSegment] ?? 0) + 1;
      segmentNames[p.behaviourSegment] = p.behaviourSegmentName;
      if (p.riskSegment !== '') riskMix[p.riskSegment] = (riskMix[p.riskSegment] ?? 0) + 1;
      for (const n of p.predictedNeeds) needs[n] = (needs[n] ?? 0) + 1;
      for (const f of p.flags) {
        const key = f.split(':')[0]!;
        flags[key] = (flags[key] ?? 0) + 1;
      }
    },
    finish: () => ({
      clients, tierBySegment, segmentNames, riskMix,
      needs: NEEDS.map((need) => ({ need, clients: needs[need]! })).sort((a, b) => b.clients - a.clients || a.need.localeCompare(b.need)),
      flags,
    }),
  };
}

/**
 * scoreSummary over ScoredColumns, without building profiles: the same counts, keys in the same order.
 *
 * @example
 * const summary = scoreSummaryOfColumns(columns, riskClasses, (id) => segments.nameOf(id).zh);
 */
export function scoreSummaryOfColumns(
  c: ScoredColumns, riskClasses: readonly string[], segmentName: (id: number) => string, reliable?: (id: number) => boolean,
): ScoreSummary {
  const tierBySegment: Record<string, Record<string, number>> = Object.fromEntries(ASSET_TIERS.map((t) => [t, {}]));
  const segmentNames: Record<string, string> = {};
  const riskMix: Record<string, number> = Object.fromEntries(riskClasses.map((cl) => [cl, 0]));
  const needs = new Float64Array(NEEDS.length);
  const flags: Record<string, number> = {};
  const count = (key: string): void => { flags[key] = (flags[key] ?? 0) + 1; };
  const k = NEEDS.length;
  for (let i = 0; i < c.rows; i++) {
    const row = tierBySegment[ASSET_TIERS[c.tier[i]!]!]!;
    const id = c.segmentId[i]!;
    row[id] = (row[id] ?? 0) + 1;
    segmentNames[id] ??= segmentName(id);
    const risk = riskClasses[c.riskClass[i]!];
    if (risk !== undefined) riskMix[risk] = (riskMix[risk] ?? 0) + 1;
    const f = c.flags[i]!;
    if (f & FLAG_NEAR_TIER_BOUNDARY) count('near_tier_boundary');
    if (f & FLAG_RISK_MISMATCH) count('risk_mismatch');
    if (f & FLAG_ASSESSMENT_DUE) count('assessment_due');
    if (f & FLAG_MINOR) count('minor');
    if (f & FLAG_RISK_UNLABELLED) count('risk_unlabelled');
    if (f & FLAG_NEEDS_UNLABELLED) count('needs_unlabelled');
    for (let r = 0; r < k; r++) {
      const j = c.needOrder[i * k + r]!;
      if (j < 0) break;
      if (c.aboveLevel[i]! & (1 << j)) count('need_above_level');
      else needs[j]! += 1;
    }
  }
  const unreliable = reliable ? Object.keys(segmentNames).map(Number).filter((id) => !reliable(id)) : [];
  return {
    clients: c.rows, tierBySegment, segmentNames, ...(unreliable.length > 0 ? { unreliableSegments: unreliable } : {}), riskMix,
    needs: NEEDS.map((need, j) => ({ need, clients: needs[j]! })).sort((a, b) => b.clients - a.clients || a.need.localeCompare(b.need)),
    flags,
  };
}
