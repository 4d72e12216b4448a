import { RISK_LEVELS, type RiskLevel } from '../core/contract.js';
import type { DayNumber } from '../core/days.js';
import type { Rng } from '../core/rng.js';

export interface QuestionnaireOptions {
  /** Chance the declared level differs from the true tolerance (moves one level). */
  noise: number;
  /** Share of clients with no questionnaire on file. */
  missingShare: number;
  /** Share of clients whose assessment is more than three years old. */
  staleShare: number;
}

export interface QuestionnaireResult {
  readonly declared: RiskLevel | undefined;
  readonly assessedOn: DayNumber | undefined;
  readonly stale: boolean;
}

const THREE_YEARS = 3 * 365 + 1;

/**
 * A client's questionnaire: the true tolerance, moved to an adjacent level with chance `noise`
 * (twice that for stale assessments, taken before the client's circumstances moved on, which is
 * why training skips them).
 *
 * @example
 * fillQuestionnaire(rng, 'balanced', asOf, openedOn, { noise: 0.15, missingShare: 0.1, staleShare: 0.05 });
 * // { declared: 'balanced', assessedOn: 20400, stale: false }
 */
export function fillQuestionnaire(rng: Rng, truth: RiskLevel, asOf: DayNumber, openedOn: DayNumber, o: QuestionnaireOptions): QuestionnaireResult {
  const missing = rng.bernoulli(o.missingShare);
  const stale = rng.bernoulli(o.staleShare);
  const flip = rng.next();
  const up = rng.bernoulli(0.5);
  const oldAge = THREE_YEARS + rng.int(5 * 365);
  const freshAge = rng.int(Math.max(1, Math.min(THREE_YEARS - 1, asOf - openedOn + 1)));
  if (missing) return { declared: undefined, assessedOn: undefined, stale: false };
  const noise = stale ? Math.min(1, 2 * o.noise) : o.noise;
  let level = RISK_LEVELS.indexOf(truth);
  if (flip < noise) level = level === 0 ? 1 : level === 2 ? 1 : up ? 2 : 0;
  return { declared: RISK_LEVELS[level], assessedOn: asOf - (stale ? oldAge : freshAge), stale };
}
