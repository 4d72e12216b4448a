import type { SqlDriver } from './sql-driver.js';

export const OVERRIDE_KINDS = ['risk_segment', 'dismiss_need'] as const;
export type OverrideKind = (typeof OVERRIDE_KINDS)[number];

/** An advisor's correction of one client's profile, with the reason they gave. */
export interface OverrideInput {
  readonly actor: string;
  readonly clientId: string;
  /** The run whose profile was corrected. */
  readonly runId: string;
  /** risk_segment: the client's risk segment is `value`; dismiss_need: the need `value` does not apply. */
  readonly kind: OverrideKind;
  readonly value: string;
  /** What the model said: the predicted risk segment, or null for a dismissed need. */
  readonly previous: string | null;
  /** The client's behavioural segment in that run (for the override rate per segment). */
  readonly segment: number;
  readonly reason: string;
}

export interface OverrideRecord extends OverrideInput {
  readonly id: number;
  /** ISO 8601 UTC. */
  readonly at: string;
}

/** One behavioural segment's share of clients whose profile an advisor corrected. */
export interface SegmentOverrideRate {
  readonly segment: number;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly clients: number;
  /** Clients with at least one override against this run. */
  readonly overridden: number;
  readonly riskOverrides: number;
  readonly needDismissals: number;
  /** overridden / clients. */
  readonly rate: number;
}

/** One advisor's share of clients whose profile they (or anyone) corrected in a run. */
export interface AdvisorOverrideRate {
  /** Null for clients the run assigns to nobody. */
  readonly advisorId: string | null;
  readonly clients: number;
  readonly overridden: number;
  readonly riskOverrides: number;
  readonly needDismissals: number;
  /** overridden / clients. */
  readonly rate: number;
}

/** Overrides in the results store: what advisors corrected, never deleted (they are audit and labels). */
export class OverrideStore {
  constructor(private readonly db: SqlDriver) {}

  async record(input: OverrideInput, at: Date): Promise<OverrideRecord> {
    return this.db.transaction(async (tx) => {
      await tx.run(
        'INSERT INTO overrides (at, actor, client_id, run_id, kind, value, previous, segment, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [at.toISOString(), input.actor, input.clientId, input.runId, input.kind, input.value, input.previous, input.segment, input.reason]);
      const [row] = await tx.all('SELECT * FROM overrides WHERE client_id = ? ORDER BY id DESC LIMIT 1', [input.clientId]);
      return overrideFromRow(row!);
    });
  }

  /** One client's overrides, newest first. */
  async ofClient(clientId: string): Promise<OverrideRecord[]> {
    return (await this.db.all('SELECT * FROM overrides WHERE client_id = ? ORDER BY id DESC', [clientId])).map(overrideFromRow);
  }

  /** Which of these clients have at least one override (one query for a page of the book). */
  async overriddenAmong(clientIds: readonly string[]): Promise<Set<string>> {
    if (clientIds.length === 0) return new Set();
    const rows = await this.db.all(`SELECT DISTINCT client_id FROM overrides WHERE client_id IN (${clientIds.map(() => '?').join(', ')})`, clientIds);
    return new Set(rows.map((r) => String(r.client_id)));
  }

  /** The needs dismissed for each of these clients that has any (the call list ranks without them). */
  async dismissedAmong(clientIds: readonly string[]): Promise<Map<string, Set<string>>> {
    const dismissed = new Map<string, Set<string>>();
    for (let start = 0; start < clientIds.length; start += 500) {
      const chunk = clientIds.slice(start, start + 500);
      const rows = await this.db.all(`SELECT client_id, value FROM overrides WHERE kind = 'dismiss_need' AND client_id IN (${chunk.map(() => '?').join(', ')})`, chunk);
      for (const r of rows) {
        const id = String(r.client_id);
        dismissed.set(id, (dismissed.get(id) ?? new Set()).add(String(r.value)));
      }
    }
    return dismissed;
  }

  /** The override rate per advisor of a completed run (the supervisor's override-rate page). */
  async ratePerAdvisor(runId: string): Promise<AdvisorOverrideRate[]> {
    const rows = await this.db.all(
      `SELECT s.advisor_id AS advisor, COUNT(*) AS clients, COUNT(o.client_id) AS overridden, COALESCE(SUM(o.risk), 0) AS risk, COALESCE(SUM(o.needs), 0) AS needs
       FROM scores s JOIN runs r ON r.id = s.run_id
       LEFT JOIN (SELECT client_id, SUM(CASE WHEN kind = 'risk_segment' THEN 1 ELSE 0 END) AS risk,
                    SUM(CASE WHEN kind = 'dismiss_need' THEN 1 ELSE 0 END) AS needs
                  FROM overrides WHERE run_id = ? GROUP BY client_id) o ON o.client_id = s.client_id
       WHERE s.run_id = ? AND r.status = 'completed'
       GROUP BY s.advisor_id ORDER BY (s.advisor_id IS NULL), s.advisor_id`, [runId, runId]);
    return rows.map((r) => {
      const clients = Number(r.clients);
      const overridden = Number(r.overridden);
      return {
        advisorId: r.advisor === null || r.advisor === undefined ? null : String(r.advisor), clients, overridden,
        riskOverrides: Number(r.risk), needDismissals: Number(r.needs), rate: clients === 0 ? 0 : overridden / clients,
      };
    });
  }

  /** Every override in the order they were made. */
  async all(): Promise<OverrideRecord[]> {
    return (await this.db.all('SELECT * FROM overrides ORDER BY id')).map(overrideFromRow);
  }

  /**
   * The override rate per behavioural segment of a completed run: how often advisors corrected
   * the profiles of that run. A segment with a high rate is one the model serves badly.
   */
  async ratePerSegment(runId: string): Promise<SegmentOverrideRate[]> {
    const rows = await this.db.all(
      `SELECT s.behaviour_segment AS segment, MAX(s.behaviour_segment_name) AS zh, MAX(s.behaviour_segment_name_en) AS en,
         COUNT(*) AS clients, COUNT(o.client_id) AS overridden, COALESCE(SUM(o.risk), 0) AS risk, COALESCE(SUM(o.needs), 0) AS needs
       FROM scores s JOIN runs r ON r.id = s.run_id
       LEFT JOIN (SELECT client_id, SUM(CASE WHEN kind = 'risk_segment' THEN 1 ELSE 0 END) AS risk,
                    SUM(CASE WHEN kind = 'dismiss_need' THEN 1 ELSE 0 END) AS needs
                  FROM overrides WHERE run_id = ? GROUP BY client_id) o ON o.client_id = s.client_id
       WHERE s.run_id = ? AND r.status = 'completed'
       GROUP BY s.behaviour_segment ORDER BY s.behaviour_segment`, [runId, runId]);
    return rows.map((r) => {
      const clients = Number(r.clients);
      const overridden = Number(r.overridden);
      return {
        segment: Number(r.segment), nameZh: String(r.zh), nameEn: String(r.en), clients, overridden,
        riskOverrides: Number(r.risk), needDismissals: Number(r.needs), rate: clients === 0 ? 0 : overridden / clients,
      };
    });
  }
}

export function overrideFromRow(row: Record<string, unknown>): OverrideRecord {
  return {
    id: Number(row.id),
    at: String(row.at),
    actor: String(row.actor),
    clientId: String(row.client_id),
    runId: String(row.run_id),
    kind: String(row.kind) as OverrideKind,
    value: String(row.value),
    previous: row.previous === null || row.previous === undefined ? null : String(row.previous),
    segment: Number(row.segment),
    reason: String(row.reason),
  };
}
