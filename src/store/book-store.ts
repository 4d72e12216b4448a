import { NEEDS } from '../core/contract.js';
import { compareRisk } from '../core/risk-order.js';
import { applyOverrides, type OverriddenScore } from './apply-overrides.js';
import { overrideFromRow } from './override-store.js';
import { jsonItemPattern, scoreFromRow } from './score-row-codec.js';
import { SCORE_SELECT } from './score-query.js';
import { bookQuery, type BookFilter } from './book-query.js';
import type { SqlDriver } from './sql-driver.js';
import type { StoredScore } from './store.js';

/** The facet values present in one advisor's book, for the filter menus. */
export interface BookFacets {
  readonly lifecycleStages: readonly string[];
  readonly segments: readonly { readonly id: number; readonly zh: string; readonly en: string }[];
  readonly riskSegments: readonly string[];
}

/** How a (filtered) book is made up: clients per tier, per behaviour segment and per predicted need. */
export interface BookMix {
  readonly tiers: readonly { readonly code: string; readonly n: number }[];
  readonly segments: readonly { readonly id: number; readonly zh: string; readonly en: string; readonly n: number }[];
  readonly needs: readonly { readonly need: string; readonly n: number }[];
}

/** An advisor's book: one completed run's scores, filtered, sorted and paged in the database. */
export class BookStore {
  constructor(private readonly db: SqlDriver) {}

  /**
   * The scores table of a query, held to an advisor index when the query is advisor-scoped:
   * without statistics SQLite prefers the primary key (run_id, client_id), which reads the whole
   * run (90–170 ms at 200,000 clients) to find one advisor's rows. A filtered book takes the index
   * holding the facets (counted without reading a row); the plain book the one in client-id order.
   * PostgreSQL picks its index itself.
   */
  private scoresOf(filter: BookFilter): string {
    if (filter.advisorId === undefined || this.db.engine !== 'sqlite') return 'scores s';
    const filtered = [filter.tierCode, filter.lifecycleStage, filter.behaviourSegment, filter.riskSegment, filter.need, filter.search].some((v) => v !== undefined)
      || (filter.flags ?? []).length > 0;
    return `scores s INDEXED BY ${filtered ? 'scores_by_advisor_book' : 'scores_by_advisor'}`;
  }

  /** A page of the book, each profile with its advisors' overrides applied (applyOverrides). */
  async page(runId: string, filter: BookFilter): Promise<OverriddenScore[]> {
    const q = bookQuery(runId, filter);
    const rows = await this.db.all(`${SCORE_SELECT.replace('scores s', this.scoresOf(filter))} WHERE ${q.where} ORDER BY ${q.order}${q.page}`, [...q.params, ...q.pageParams]);
    return this.withOverrides(rows.map(scoreFromRow));
  }

  /** One query for a page's overrides, then each profile corrected by its own. */
  private async withOverrides(scores: StoredScore[]): Promise<OverriddenScore[]> {
    if (scores.length === 0) return [];
    const ids = [...new Set(scores.map((s) => s.clientId))];
    const rows = await this.db.all(`SELECT * FROM overrides WHERE client_id IN (${ids.map(() => '?').join(', ')}) ORDER BY id DESC`, ids);
    const overrides = rows.map(overrideFromRow);
    return scores.map((s) => applyOverrides(s, overrides));
  }

  async count(runId: string, filter: BookFilter): Promise<number> {
    const q = bookQuery(runId, { ...filter, limit: undefined, offset: undefined });
    const [row] = await this.db.all(`SELECT COUNT(*) AS n FROM ${this.scoresOf(filter)} JOIN runs r ON r.id = s.run_id WHERE ${q.where}`, q.params);
    return Number(row?.n ?? 0);
  }

  /** Every client of the filtered book in its sort order, a page at a time (exports of any size). */
  async *iterate(runId: string, filter: BookFilter, pageSize = 2000): AsyncIterable<OverriddenScore> {
    for (let offset = 0; ; offset += pageSize) {
      const rows = await this.page(runId, { ...filter, limit: pageSize, offset });
      yield* rows;
      if (rows.length < pageSize) return;
    }
  }

  /** One client of a completed run with its overrides applied, or undefined when absent or outside the advisor's scope. */
  async client(runId: string, clientId: string, advisorId?: string): Promise<OverriddenScore | undefined> {
    const q = bookQuery(runId, advisorId === undefined ? {} : { advisorId });
    // One client by primary key: no advisor index here, the key finds it directly.
    const [row] = await this.db.all(`${SCORE_SELECT} WHERE ${q.where} AND s.client_id = ?`, [...q.params, clientId]);
    return row === undefined ? undefined : (await this.withOverrides([scoreFromRow(row)]))[0];
  }

  /** The book's mix under a filter: one aggregate pass (tier × segment groups with per-need sums), summed up here. */
  async mix(runId: string, filter: BookFilter): Promise<BookMix> {
    const q = bookQuery(runId, { ...filter, limit: undefined, offset: undefined });
    const needSums = NEEDS.map((_, i) => `SUM(CASE WHEN s.predicted_needs LIKE ? ESCAPE '\\' THEN 1 ELSE 0 END) AS n${i}`).join(', ');
    const groups = await this.db.all(
      `SELECT s.tier_code AS code, s.behaviour_segment AS id, MAX(s.behaviour_segment_name) AS zh, MAX(s.behaviour_segment_name_en) AS en, COUNT(*) AS n, ${needSums}
       FROM ${this.scoresOf(filter)} JOIN runs r ON r.id = s.run_id WHERE ${q.where} GROUP BY s.tier_code, s.behaviour_segment`,
      [...NEEDS.map(jsonItemPattern), ...q.params]);
    const tiers = new Map<string, number>();
    const segments = new Map<number, { id: number; zh: string; en: string; n: number }>();
    const needs = NEEDS.map(() => 0);
    for (const g of groups) {
      const n = Number(g.n);
      tiers.set(String(g.code), (tiers.get(String(g.code)) ?? 0) + n);
      const id = Number(g.id);
      const segment = segments.get(id) ?? { id, zh: String(g.zh), en: String(g.en), n: 0 };
      segment.n += n;
      segments.set(id, segment);
      NEEDS.forEach((_, i) => { needs[i]! += Number(g[`n${i}`] ?? 0); });
    }
    return {
      tiers: [...tiers].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([code, n]) => ({ code, n })),
      segments: [...segments.values()].sort((a, b) => a.id - b.id),
      needs: NEEDS.map((need, i) => ({ need, n: needs[i]! })),
    };
  }

  /** The advisors with clients in a run, for a supervisor's advisor picker (read off the advisor index). */
  async advisors(runId: string): Promise<string[]> {
    const rows = await this.db.all('SELECT DISTINCT advisor_id AS v FROM scores WHERE run_id = ? AND advisor_id IS NOT NULL ORDER BY 1', [runId]);
    return rows.map((r) => String(r.v));
  }

  async facets(runId: string, advisorId?: string): Promise<BookFacets> {
    const q = bookQuery(runId, advisorId === undefined ? {} : { advisorId });
    const from = `FROM ${this.scoresOf({ advisorId })} JOIN runs r ON r.id = s.run_id WHERE ${q.where}`;
    const stages = await this.db.all(`SELECT DISTINCT s.lifecycle_stage AS v ${from} ORDER BY 1`, q.params);
    const risks = await this.db.all(`SELECT DISTINCT s.risk_segment AS v ${from} ORDER BY 1`, q.params);
    const segments = await this.db.all(
      `SELECT s.behaviour_segment AS id, MAX(s.behaviour_segment_name) AS zh, MAX(s.behaviour_segment_name_en) AS en ${from} GROUP BY s.behaviour_segment ORDER BY 1`, q.params);
    return {
      lifecycleStages: stages.map((r) => String(r.v)),
      riskSegments: risks.map((r) => String(r.v)).sort(compareRisk),
      segments: segments.map((r) => ({ id: Number(r.id), zh: String(r.zh), en: String(r.en) })),
    };
  }
}
