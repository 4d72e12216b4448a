import type { SqlValue } from './score-row-codec.js';
import { RISK_ORDER } from '../core/risk-order.js';

export const BOOK_FLAGS = ['suitability_review', 'risk_mismatch', 'near_tier_boundary'] as const;
export type BookFlag = (typeof BOOK_FLAGS)[number];

export const BOOK_SORTS = ['client_id', 'tier', 'lifecycle', 'segment', 'risk', 'declared'] as const;
export type BookSort = (typeof BOOK_SORTS)[number];

/** What an advisor narrows their book by; every field is optional and they combine with AND. */
export interface BookFilter {
  /** The access scope: only this advisor's clients. Set from the signed-in user, never from the request, for an advisor. */
  readonly advisorId?: string;
  /** Service code A, B or C. */
  readonly tierCode?: string;
  readonly lifecycleStage?: string;
  readonly behaviourSegment?: number;
  readonly riskSegment?: string;
  /** Clients with this need among their predicted needs. */
  readonly need?: string;
  /** Clients carrying every one of these flags. */
  readonly flags?: readonly BookFlag[];
  /** Part of a client id, any case. */
  readonly search?: string;
  /** Default client_id, ascending; ties are broken by client id. */
  readonly sort?: BookSort;
  readonly descending?: boolean;
  readonly limit?: number;
  readonly offset?: number;
}

// Sorting by risk means by risk order (the one compareRisk uses), not alphabetically; unknown
// values (and no risk model) come after.
const riskRank = (column: string) => `CASE ${column} ${RISK_ORDER.map((r, i) => `WHEN '${r}' THEN ${i + 1}`).join(' ')} ELSE ${RISK_ORDER.length + 1} END`;

const SORT_COLUMNS: Readonly<Record<BookSort, string>> = {
  client_id: 's.client_id', tier: 's.tier_code', lifecycle: 's.lifecycle_stage', segment: 's.behaviour_segment',
  risk: riskRank('s.risk_segment'), declared: riskRank('s.declared_risk'),
};

const likeEscape = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** LIKE patterns over the JSON array of flags: a flag is either a whole item or an item prefix. */
const FLAG_PATTERNS: Readonly<Record<BookFlag, readonly string[]>> = {
  // Suitability review: a questionnaire is missing or stale, or a predicted need is above the client's level.
  suitability_review: [`%${likeEscape('"assessment_due"')}%`, `%${likeEscape('"need_above_level:')}%`],
  risk_mismatch: [`%${likeEscape('"risk_mismatch"')}%`],
  near_tier_boundary: [`%${likeEscape('"near_tier_boundary"')}%`],
};

const LATEST_RISK_OVERRIDE = `(SELECT o.value FROM overrides o WHERE o.client_id = s.client_id AND o.kind = 'risk_segment' ORDER BY o.id DESC LIMIT 1)`;

// The stored flag while no advisor set the risk; after a risk override, the declared risk against the advisor's (as applyOverrides does).
const RISK_MISMATCH_AFTER_OVERRIDES = `(CASE WHEN ${LATEST_RISK_OVERRIDE} IS NULL THEN {stored}
  ELSE (s.declared_risk IS NOT NULL AND s.declared_risk <> ${LATEST_RISK_OVERRIDE}) END)`;

/** The WHERE, ORDER BY and paging of a book over `scores s JOIN runs r`, for a completed run only. */
export function bookQuery(runId: string, filter: BookFilter): { where: string; params: SqlValue[]; order: string; page: string; pageParams: SqlValue[] } {
  const params: SqlValue[] = [runId];
  const terms = ['s.run_id = ?', `r.status = 'completed'`];
  const add = (term: string, ...values: SqlValue[]) => { terms.push(term); params.push(...values); };
  if (filter.advisorId !== undefined) add('s.advisor_id = ?', filter.advisorId);
  if (filter.tierCode !== undefined) add('s.tier_code = ?', filter.tierCode);
  if (filter.lifecycleStage !== undefined) add('s.lifecycle_stage = ?', filter.lifecycleStage);
  if (filter.behaviourSegment !== undefined) add('s.behaviour_segment = ?', filter.behaviourSegment);
  if (filter.riskSegment !== undefined) add('s.risk_segment = ?', filter.riskSegment);
  if (filter.need !== undefined) {
    // A need an advisor dismissed for the client no longer counts (overrides apply across runs).
    add(`s.predicted_needs LIKE ? ESCAPE '\\' AND NOT EXISTS (SELECT 1 FROM overrides o WHERE o.client_id = s.client_id AND o.kind = 'dismiss_need' AND o.value = ?)`,
      `%${likeEscape(JSON.stringify(filter.need))}%`, filter.need);
  }
  for (const flag of filter.flags ?? []) {
    const patterns = FLAG_PATTERNS[flag];
    const stored = `(${patterns.map(() => `s.flags LIKE ? ESCAPE '\\'`).join(' OR ')})`;
    if (flag === 'risk_mismatch') add(RISK_MISMATCH_AFTER_OVERRIDES.replace('{stored}', stored), ...patterns);
    else add(stored, ...patterns);
  }
  if (filter.search !== undefined && filter.search !== '') add(`UPPER(s.client_id) LIKE ? ESCAPE '\\'`, `%${likeEscape(filter.search.toUpperCase())}%`);
  const column = SORT_COLUMNS[filter.sort ?? 'client_id'];
  const direction = filter.descending === true ? 'DESC' : 'ASC';
  // Clients without a questionnaire (NULL) come last either way, in both engines (their NULL orders differ).
  const nullsLast = filter.sort === 'declared' ? '(s.declared_risk IS NULL), ' : '';
  const order = column === 's.client_id' ? `s.client_id ${direction}` : `${nullsLast}${column} ${direction}, s.client_id ASC`;
  const paged = filter.limit !== undefined || filter.offset !== undefined;
  return {
    where: terms.join(' AND '), params, order,
    page: paged ? ' LIMIT ? OFFSET ?' : '',
    pageParams: paged ? [filter.limit ?? 2147483647, filter.offset ?? 0] : [],
  };
}
