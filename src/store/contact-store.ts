import type { SqlDriver } from './sql-driver.js';

/** What came of a call: the client was reached, a meeting was booked, nobody answered, or the client declined. */
export const CONTACT_OUTCOMES = ['reached', 'meeting_booked', 'no_answer', 'declined'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** An advisor's contact with one client, as recorded from the call list or the client page. */
export interface ContactInput {
  readonly actor: string;
  readonly clientId: string;
  /** The run the advisor was looking at. */
  readonly runId: string;
  readonly outcome: ContactOutcome;
  /** Optional, short; never logged. */
  readonly note: string;
}

export interface ContactRecord extends ContactInput {
  readonly id: number;
  /** ISO 8601 UTC. */
  readonly at: string;
}

/** Contacts in the results store: kept, never edited or deleted (they are the relationship's record and audited). */
export class ContactStore {
  constructor(private readonly db: SqlDriver) {}

  async record(input: ContactInput, at: Date): Promise<ContactRecord> {
    return this.db.transaction(async (tx) => {
      await tx.run('INSERT INTO contacts (at, actor, client_id, run_id, outcome, note) VALUES (?, ?, ?, ?, ?, ?)',
        [at.toISOString(), input.actor, input.clientId, input.runId, input.outcome, input.note]);
      const [row] = await tx.all('SELECT * FROM contacts WHERE client_id = ? ORDER BY id DESC LIMIT 1', [input.clientId]);
      return contactFromRow(row!);
    });
  }

  /** One client's contacts, newest first. */
  async ofClient(clientId: string): Promise<ContactRecord[]> {
    return (await this.db.all('SELECT * FROM contacts WHERE client_id = ? ORDER BY id DESC', [clientId])).map(contactFromRow);
  }

  /** The latest contact of each of these clients that has one (a page of the book, or a call list), by client id. */
  async latestAmong(clientIds: readonly string[]): Promise<Map<string, ContactRecord>> {
    const latest = new Map<string, ContactRecord>();
    // Chunks keep the statement under both engines' parameter limits, whatever the book's size.
    for (let start = 0; start < clientIds.length; start += 500) {
      const chunk = clientIds.slice(start, start + 500);
      const rows = await this.db.all(
        `SELECT c.* FROM contacts c JOIN (SELECT client_id, MAX(id) AS id FROM contacts WHERE client_id IN (${chunk.map(() => '?').join(', ')}) GROUP BY client_id) m ON m.id = c.id`,
        chunk);
      for (const row of rows) { const c = contactFromRow(row); latest.set(c.clientId, c); }
    }
    return latest;
  }
}

function contactFromRow(row: Record<string, unknown>): ContactRecord {
  return {
    id: Number(row.id),
    at: String(row.at),
    actor: String(row.actor),
    clientId: String(row.client_id),
    runId: String(row.run_id),
    outcome: String(row.outcome) as ContactOutcome,
    note: String(row.note),
  };
}
