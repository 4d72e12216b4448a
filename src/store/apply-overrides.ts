import type { OverrideRecord } from './override-store.js';
import type { StoredScore } from './store.js';

/** A client's profile as advisors corrected it, with what was corrected. */
export interface OverriddenScore extends StoredScore {
  /** Predicted needs an advisor dismissed, in the model's order; they are gone from predictedNeeds. */
  readonly dismissedNeeds: readonly string[];
  /** The latest risk override's value, or null: the risk the advisor assessed. */
  readonly riskOverride: string | null;
}

/**
 * Applies one client's overrides (newest first, any run) to a stored profile: a dismissed need
 * leaves predictedNeeds, and the risk-mismatch flag is recomputed against the advisor's risk,
 * the way fuse computes it (declared risk differs from the risk the client is treated as).
 * A dismissal or a risk override stands until an advisor records another: a nightly run does
 * not bring back a need an advisor ruled out.
 *
 * @example
 * applyOverrides(score, await store.overrides.ofClient(score.clientId));
 */
export function applyOverrides(score: StoredScore, overrides: readonly OverrideRecord[]): OverriddenScore {
  const mine = overrides.filter((o) => o.clientId === score.clientId);
  const dismissed = new Set(mine.filter((o) => o.kind === 'dismiss_need').map((o) => o.value));
  const riskOverride = mine.find((o) => o.kind === 'risk_segment')?.value ?? null;
  const flags = riskOverride === null ? score.flags : withRiskMismatch(score.flags, score.declaredRisk !== null && score.declaredRisk !== riskOverride);
  return {
    ...score,
    predictedNeeds: score.predictedNeeds.filter((n) => !dismissed.has(n)),
    flags,
    dismissedNeeds: score.predictedNeeds.filter((n) => dismissed.has(n)),
    riskOverride,
  };
}

/** The flags with risk_mismatch set or cleared, in fuse's order (it follows near_tier_boundary). */
function withRiskMismatch(flags: readonly string[], mismatch: boolean): readonly string[] {
  const has = flags.includes('risk_mismatch');
  if (has === mismatch) return flags;
  if (!mismatch) return flags.filter((f) => f !== 'risk_mismatch');
  const at = flags[0] === 'near_tier_boundary' ? 1 : 0;
  return [...flags.slice(0, at), 'risk_mismatch', ...flags.slice(at)];
}
