import { z } from 'zod';
import { OVERRIDE_KINDS, type OverrideInput } from '../store/override-store.js';
import type { RunRecord, StoredScore } from '../store/store.js';

const OverrideFormSchema = z.object({
  kind: z.enum(OVERRIDE_KINDS),
  value: z.string().trim().min(1).max(64),
  reason: z.string().max(500).optional().default(''),
});

export type OverrideCheck =
  | { readonly ok: true; readonly input: OverrideInput }
  | { readonly ok: false; readonly error: 'reasonRequired' | 'invalidOverride' };

/**
 * Checks an override form or API body against the client's profile: a risk override must name
 * one of the run's risk classes, a dismissed need must be one of the client's predicted needs,
 * and the reason is required.
 */
export function checkOverride(body: unknown, actor: string, run: RunRecord, score: StoredScore): OverrideCheck {
  const parsed = OverrideFormSchema.safeParse(body);
  if (!parsed.success) return { ok: false, error: 'invalidOverride' };
  const { kind, value } = parsed.data;
  const reason = parsed.data.reason.trim();
  if (reason === '') return { ok: false, error: 'reasonRequired' };
  const valid = kind === 'risk_segment' ? run.riskClasses.includes(value) : score.predictedNeeds.includes(value);
  if (!valid) return { ok: false, error: 'invalidOverride' };
  return {
    ok: true,
    input: {
      actor, clientId: score.clientId, runId: run.id, kind, value, reason, segment: score.behaviourSegment,
      previous: kind === 'risk_segment' ? score.riskSegment : null,
    },
  };
}
