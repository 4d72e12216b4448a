import type { Bilingual } from '../report/bilingual.js';
import type { ClientHistoryEntry, StoredScore } from '../store/store.js';
import { plainText } from './plain-words.js';
import { flagLabel, needLabel, riskLabel, tierLabel } from './ui-text.js';

/** One change of a client's profile between the previous completed run and this one. */
export interface ProfileChange {
  readonly what: 'tier' | 'aum' | 'segment' | 'risk' | 'declared' | 'need_added' | 'need_removed' | 'flag_added' | 'flag_removed';
  readonly text: Bilingual;
}

const plain = (b: Bilingual): Bilingual => ({ zh: plainText(b.zh, 'zh'), en: plainText(b.en, 'en') });
const arrow = (a: Bilingual, b: Bilingual): Bilingual => ({ zh: `${a.zh} → ${b.zh}`, en: `${a.en} → ${b.en}` });
const cny = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * What changed for this client since the run before the shown one, for the top of the call sheet:
 * tier, AUM (a move of 5% or more), behaviour segment, predicted and declared risk, needs and
 * flags gained or lost. `previous` is undefined when the client is new in this run.
 */
export function changesSinceLastRun(current: StoredScore, history: readonly ClientHistoryEntry[]): { previous: ClientHistoryEntry | undefined; changes: ProfileChange[] } {
  // History is newest first; the previous run is the newest one older than the shown run.
  const previous = history.find((h) => h.runId !== current.runId && h.asOf <= current.asOf);
  if (previous === undefined) return { previous, changes: [] };
  const changes: ProfileChange[] = [];
  if (previous.tierCode !== current.tierCode) changes.push({ what: 'tier', text: arrow(tierLabel(previous.tierCode), tierLabel(current.tierCode)) });
  const [was, now] = [previous.aum, current.aum];
  if (was != null && now != null && was > 0 && Math.abs(now - was) / was >= 0.05) {
    const pct = `${now > was ? '+' : '−'}${(Math.abs(now - was) / was * 100).toFixed(0)}%`;
    changes.push({ what: 'aum', text: { zh: `资产 ${cny(was)} → ${cny(now)} 元（${pct}）`, en: `AUM ${cny(was)} → ${cny(now)} CNY (${pct})` } });
  }
  if (previous.behaviourSegment !== current.behaviourSegment) {
    changes.push({ what: 'segment', text: plain(arrow({ zh: previous.behaviourSegmentName, en: previous.behaviourSegmentNameEn }, { zh: current.behaviourSegmentName, en: current.behaviourSegmentNameEn })) });
  }
  if (previous.riskSegment !== current.riskSegment) changes.push({ what: 'risk', text: arrow(riskLabel(previous.riskSegment), riskLabel(current.riskSegment)) });
  if (previous.declaredRisk !== current.declaredRisk) changes.push({ what: 'declared', text: arrow(riskLabel(previous.declaredRisk), riskLabel(current.declaredRisk)) });
  for (const n of current.predictedNeeds) if (!previous.predictedNeeds.includes(n)) changes.push({ what: 'need_added', text: needLabel(n) });
  for (const n of previous.predictedNeeds) if (!current.predictedNeeds.includes(n)) changes.push({ what: 'need_removed', text: needLabel(n) });
  for (const f of current.flags) if (!previous.flags.includes(f)) changes.push({ what: 'flag_added', text: flagLabel(f) });
  for (const f of previous.flags) if (!current.flags.includes(f)) changes.push({ what: 'flag_removed', text: flagLabel(f) });
  return { previous, changes };
}
