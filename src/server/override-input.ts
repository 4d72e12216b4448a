import { RISK_LEVELS } from '../core/contract.js';
import { z } from 'zod';
import { OVERRIDE_KINDS, type OverrideInput } from '../store/override-store.js';
import type { OverriddenScore } from '../store/apply-overrides.js';
import type { RunRecord } from '../store/store.js';

const OverrideFormSchema = z.object({
  kind: z.enum(OVERRIDE_KINDS),
  value: z.string().trim().min(1).max(64),
  reason: z.string().max(500).optional().default(''),
});

export type OverrideCheck =
  | { readonly ok: true; readonly input: OverrideInput }
  | { readonly ok: false; readonly error: OverrideError };

/** Why a form was refused: no reason, a value that is not allowed, or one that changes nothing. */
export type OverrideError = 'reasonRequired' | 'invalidOverride' | 'overrideNoChange';

/** The API's error code for each. */
export const OVERRIDE_API_ERRORS: Readonly<Record<OverrideError, string>> = {
  reasonRequired: 'reason_required', invalidOverride: 'invalid_override', overrideNoChange: 'no_change',
};

/**
 * The classes an advisor may set a risk override to: the run's, or the contract's when its model
 * has no risk classifier, so advisors' assessments become the labels the next training lacks.
 */
export function riskOverrideClasses(run: Pick<RunRecord, 'riskClasses'>): readonly string[] {
  return run.riskClasses.length > 0 ? run.riskClasses : RISK_LEVELS;
}

/**
 * Checks an override form or API body against the client's profile as advisors already
 * corrected it: a risk override must name one of the run's risk classes and differ from the risk
 * the client is treated as (the latest override, else the prediction); a dismissed need must be
 * one of the client's predicted needs not yet dismissed; the reason is required. A no-op is
 * refused because every override becomes a training label.
 */
export function checkOverride(body: unknown, actor: string, run: RunRecord, score: OverriddenScore): OverrideCheck {
  const parsed = OverrideFormSchema.safeParse(body);
  if (!parsed.success) return { ok: false, error: 'invalidOverride' };
  const { kind, value } = parsed.data;
  const reason = parsed.data.reason.trim();
  if (reason === '') return { ok: false, error: 'reasonRequired' };
  const unchanged = kind === 'risk_segment' ? value === (score.riskOverride ?? score.riskSegment) : score.dismissedNeeds.includes(value);
  if (unchanged) return { ok: false, error: 'overrideNoChange' };
  const valid = kind === 'risk_segment' ? riskOverrideClasses(run).includes(value) : score.predictedNeeds.includes(value);
  if (!valid) return { ok: false, error: 'invalidOverride' };
  return {
    ok: true,
    input: {
      actor, clientId: score.clientId, runId: run.id, kind, value, reason, segment: score.behaviourSegment,
      previous: kind === 'risk_segment' ? score.riskSegment : null,
    },
  };
}
