import { phraseReason } from '../fuse/reason-phrases.js';
import type { Bilingual } from '../report/bilingual.js';
import type { ContactRecord } from '../store/contact-store.js';
import type { StoredScore } from '../store/store.js';
import { plainText } from './plain-words.js';
import { flagLabel, needLabel } from './ui-text.js';

/** How the call list weighs a client; every constant is documented in README ("This week's calls"). */
export const CALL_POLICY = {
  /** A client reached, met or who declined within this many days is not on the list. */
  recentContactDays: 14,
  /** A call nobody answered is retried after this many days. */
  noAnswerRetryDays: 2,
  /** From this many days since the last contact, recency no longer lowers the priority. */
  fullRecencyDays: 90,
  /** The AUM band, by service tier. */
  tierWeight: { A: 3, B: 2, C: 1 } as Readonly<Record<string, number>>,
  /** Each open flag adds half again. */
  flagWeight: 0.5,
  /** The need factor of a client with no predicted need (flags alone still earn a call). */
  noNeedPropensity: 0.1,
  /** Calls on the list. */
  listSize: 20,
} as const;

const DAY_MS = 86_400_000;

/** The flags that ask the advisor to act: a questionnaire to redo, a need above the level, a mismatch, a tier in reach. */
export function isOpenFlag(flag: string): boolean {
  return flag === 'assessment_due' || flag === 'risk_mismatch' || flag === 'near_tier_boundary' || flag.startsWith('need_above_level:');
}

export interface CallEntry {
  readonly score: StoredScore;
  readonly priority: number;
  readonly reason: Bilingual;
  readonly lastContact: ContactRecord | undefined;
}

/** Whether the last contact keeps the client off this week's list. */
export function contactedRecently(last: ContactRecord | undefined, now: Date): boolean {
  if (last === undefined) return false;
  const days = (now.getTime() - Date.parse(last.at)) / DAY_MS;
  return days < (last.outcome === 'no_answer' ? CALL_POLICY.noAnswerRetryDays : CALL_POLICY.recentContactDays);
}

/**
 * A client's call priority: strongest (not dismissed) need propensity × AUM band × (1 + 0.5 × open
 * flags) × recency (days since the last contact / 90, at most 1; 1 when never contacted), and the
 * top reason: the strongest need with the model's first reason for it, else the first open flag.
 *
 * @example
 * callPriority(score, undefined, new Set(), now).priority; // 0.8 × 2 × 1.5 × 1 = 2.4 for a B client, need 0.8, one flag
 */
export function callPriority(score: StoredScore, last: ContactRecord | undefined, dismissed: ReadonlySet<string>, now: Date): { priority: number; reason: Bilingual } {
  const needs = score.predictedNeeds.filter((n) => !dismissed.has(n));
  const top = needs.reduce<string | undefined>((best, n) => (best === undefined || (score.needPropensities[n] ?? 0) > (score.needPropensities[best] ?? 0) ? n : best), undefined);
  const propensity = top === undefined ? CALL_POLICY.noNeedPropensity : score.needPropensities[top] ?? CALL_POLICY.noNeedPropensity;
  const flags = score.flags.filter(isOpenFlag);
  const band = CALL_POLICY.tierWeight[score.tierCode] ?? 1;
  const days = last === undefined ? Number.POSITIVE_INFINITY : (now.getTime() - Date.parse(last.at)) / DAY_MS;
  const recency = Math.min(1, days / CALL_POLICY.fullRecencyDays);
  const priority = propensity * band * (1 + CALL_POLICY.flagWeight * flags.length) * recency;
  return { priority, reason: topReason(score, top, flags) };
}

function topReason(score: StoredScore, need: string | undefined, flags: readonly string[]): Bilingual {
  if (need !== undefined) {
    const label = needLabel(need);
    const pct = `${Math.round((score.needPropensities[need] ?? 0) * 100)}%`;
    const why = score.reasons.find((c) => c.startsWith(`need_${need}_`) && c.endsWith('_up'));
    const phrase = why === undefined ? undefined : phraseReason(why);
    return {
      zh: `${label.zh}需求（${pct}）${phrase === undefined ? '' : `：${plainText(phrase.zh, 'zh')}`}`,
      en: `${label.en} need (${pct})${phrase === undefined ? '' : `: ${plainText(phrase.en, 'en')}`}`,
    };
  }
  return flags.length > 0 ? flagLabel(flags[0]!) : { zh: '例行联系', en: 'regular check-in' };
}

/**
 * This week's calls from an advisor's whole book: clients contacted recently are left out, the
 * rest ranked by priority (ties by client id), the top `limit` kept.
 */
export function rankCalls(book: readonly StoredScore[], lastContacts: ReadonlyMap<string, ContactRecord>, dismissed: ReadonlyMap<string, ReadonlySet<string>>,
  now: Date, limit: number = CALL_POLICY.listSize): { calls: CallEntry[]; skippedRecent: number } {
  const none = new Set<string>();
  const entries: CallEntry[] = [];
  let skippedRecent = 0;
  for (const score of book) {
    const last = lastContacts.get(score.clientId);
    if (contactedRecently(last, now)) { skippedRecent++; continue; }
    const { priority, reason } = callPriority(score, last, dismissed.get(score.clientId) ?? none, now);
    entries.push({ score, priority, reason, lastContact: last });
  }
  entries.sort((a, b) => b.priority - a.priority || (a.score.clientId < b.score.clientId ? -1 : a.score.clientId > b.score.clientId ? 1 : 0));
  return { calls: entries.slice(0, limit), skippedRecent };
}
