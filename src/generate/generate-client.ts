import { NEEDS, type Need } from '../core/contract.js';
import type { Rng } from '../core/rng.js';
import { ActivityKit, type GeneratedTxn } from './activity-kit.js';
import { archetypeActivity } from './archetype-activity.js';
import { ARCHETYPES, type ArchetypeDefinition } from './archetypes.js';
import type { Calendar } from './calendar.js';
import { drawClientProfile, type ClientProfile } from './client-profile.js';
import type { ResolvedGenerateOptions } from './generate-options.js';
import { needBit, needMask, plantNeeds } from './plant-needs.js';
import { fillQuestionnaire, type QuestionnaireResult } from './questionnaire.js';

/** Everything generated for one client, before formatting. */
export interface GeneratedClient {
  readonly profile: ClientProfile;
  readonly questionnaire: QuestionnaireResult;
  readonly advisor: number;
  readonly maritalShown: boolean;
  readonly dependantsShown: boolean;
  /** Sorted by day. */
  readonly txns: readonly GeneratedTxn[];
  readonly needs: readonly Need[];
}

/**
 * Generates client `index` from its own stream `rng` (forked from the run seed by index), so a
 * client's rows depend on the seed and its index only, never on chunking or on other clients.
 *
 * @example
 * const c = generateClient(root.fork('client/0'), 0, calendar, resolved, 3);
 * c.profile.archetype.name; // 'retiree'
 */
export function generateClient(rng: Rng, index: number, cal: Calendar, o: ResolvedGenerateOptions, advisors: number): GeneratedClient {
  const archetype: ArchetypeDefinition = ARCHETYPES[rng.pickWeighted(o.shares)]!;
  const drawn = drawClientProfile(rng, archetype, cal, index);
  const questionnaire = fillQuestionnaire(rng, drawn.tolerance, cal.asOf, drawn.openedOn, {
    noise: o.questionnaireNoise, missingShare: o.missingDeclaredShare, staleShare: o.staleAssessmentShare,
  });
  // A questionnaire on file predates nothing: the account was open when it was filled in.
  const openedOn = questionnaire.assessedOn === undefined ? drawn.openedOn : Math.min(drawn.openedOn, questionnaire.assessedOn);
  const profile: ClientProfile = { ...drawn, openedOn, activeFrom: Math.max(openedOn, cal.windowStart) };
  const advisor = rng.int(advisors);
  const maritalShown = !rng.bernoulli(0.03);
  const dependantsShown = !rng.bernoulli(0.03);
  const kit = new ActivityKit(rng, cal, profile);
  archetypeActivity(kit);
  plantNeeds(kit);
  kit.txns.sort((a, b) => a.day - b.day);
  return { profile, questionnaire, advisor, maritalShown, dependantsShown, txns: kit.txns, needs: takenUpNeeds(kit.txns, cal.asOf) };
}

/** The needs the default rules read as newly taken up: matched after `asOf`, never on or before it. */
export function takenUpNeeds(txns: readonly GeneratedTxn[], asOf: number): Need[] {
  let before = 0, after = 0;
  for (const t of txns) {
    if (t.day <= asOf) before |= needMask(t);
    else after |= needMask(t);
  }
  return NEEDS.filter((n) => (after & ~before & needBit(n)) !== 0);
}
