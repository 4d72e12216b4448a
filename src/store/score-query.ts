import { jsonItemPattern, type SqlValue } from './score-row-codec.js';
import type { ScoreFilter } from './store.js';

/** The WHERE and paging of a completed run's scores under a filter (`?` placeholders). */
export interface ScoreQuery {
  readonly where: string;
  readonly params: SqlValue[];
  /** LIMIT/OFFSET clause ('' for all rows). */
  readonly page: string;
}

const NO_LIMIT = 2147483647;

/**
 * Builds the conditions over `scores s JOIN runs r`, only ever for a completed run: that one
 * condition is what makes a run's scores visible all at once. `after` pages by client id.
 */
export function scoreQuery(runId: string, filter: ScoreFilter = {}, after?: string): ScoreQuery {
  const params: SqlValue[] = [runId];
  const terms = ['s.run_id = ?', `r.status = 'completed'`];
  const add = (term: string, value: SqlValue) => { terms.push(term); params.push(value); };
  if (filter.advisorId !== undefined) add('s.advisor_id = ?', filter.advisorId);
  if (filter.assetTier !== undefined) add('s.asset_tier = ?', filter.assetTier);
  if (filter.behaviourSegment !== undefined) add('s.behaviour_segment = ?', filter.behaviourSegment);
  if (filter.riskSegment !== undefined) add('s.risk_segment = ?', filter.riskSegment);
  if (filter.need !== undefined) add(`s.predicted_needs LIKE ? ESCAPE '\\'`, jsonItemPattern(filter.need));
  if (after !== undefined) add('s.client_id > ?', after);
  let page = '';
  if (filter.limit !== undefined || filter.offset !== undefined) {
    page = ' LIMIT ? OFFSET ?';
    params.push(filter.limit ?? NO_LIMIT, filter.offset ?? 0);
  }
  return { where: terms.join(' AND '), params, page };
}

export const SCORE_SELECT = 'SELECT s.*, r.as_of, r.model_version FROM scores s JOIN runs r ON r.id = s.run_id';
