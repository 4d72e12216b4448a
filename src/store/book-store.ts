import { applyOverrides, type OverriddenScore } from './apply-overrides.js';
import { overrideFromRow } from './override-store.js';
import { scoreFromRow } from './score-row-codec.js';
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

/** An advisor's book: one completed run's scores, filtered, sorted and paged in the database. */
export class BookStore {
  constructor(private readonly db: SqlDriver) {}

  /** A page of the book, each profile with its advisors' overrides applied (applyOverrides). */
  async page(runId: string, filter: BookFilter): Promise<OverriddenScore[]> {
    const q = bookQuery(runId, filter);
    const rows = await this.db.all(`${SCORE_SELECT} WHERE ${q.where} ORDER BY ${q.order}${q.page}`, [...q.params, ...q.pageParams]);
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
    const [row] = await this.db.all(`SELECT COUNT(*) AS n FROM scores s JOIN runs r ON r.id = s.run_id WHERE ${q.where}`, q.params);
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
    const [row] = await this.db.all(`${SCORE_SELECT} WHERE ${q.where} AND s.client_id = ?`, [...q.params, clientId]);
    return row === undefined ? undefined : (await this.withOverrides([scoreFromRow(row)]))[0];
  }

  async facets(runId: string, advisorId?: string): Promise<BookFacets> {
    const q = bookQuery(runId, advisorId === undefined ? {} : { advisorId });
    const from = `FROM scores s JOIN runs r ON r.id = s.run_id WHERE ${q.where}`;
    const stages = await this.db.all(`SELECT DISTINCT s.lifecycle_stage AS v ${from} ORDER BY 1`, q.params);
    const risks = await this.db.all(`SELECT DISTINCT s.risk_segment AS v ${from} ORDER BY 1`, q.params);
    const segments = await this.db.all(
      `SELECT s.behaviour_segment AS id, MAX(s.behaviour_segment_name) AS zh, MAX(s.behaviour_segment_name_en) AS en ${from} GROUP BY s.behaviour_segment ORDER BY 1`, q.params);
    return {
      lifecycleStages: stages.map((r) => String(r.v)),
      riskSegments: risks.map((r) => String(r.v)),
      segments: segments.map((r) => ({ id: Number(r.id), zh: String(r.zh), en: String(r.en) })),
    };
  }
}
