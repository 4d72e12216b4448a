import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dayNumber } from '../../src/core/days.js';
import type { TransactionRecord } from '../../src/core/records.js';
import type { IngestOptions } from '../../src/ingest/ingest-options.js';

export const AS_OF = dayNumber(2024, 6, 30);

/** A fresh temp folder with the given files (string → UTF-8, bytes as is). */
export function fixtureDir(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'clientseg-ingest-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

export function options(dir: string, overrides: Partial<IngestOptions> = {}): IngestOptions {
  return {
    clientsPath: join(dir, 'clients.csv'),
    transactionsPath: join(dir, 'tx.csv'),
    asOf: AS_OF,
    horizonDays: 30,
    rejectsPath: join(dir, 'out', 'rejects.csv'),
    rejectGate: 1,
    ...overrides,
  };
}

/** Collects copies of the sink's (reused) record. */
export function collector(): { rows: TransactionRecord[]; sink: (t: Readonly<TransactionRecord>) => void } {
  const rows: TransactionRecord[] = [];
  return { rows, sink: (t) => rows.push({ ...t }) };
}

/** The rejects file as [source_file, line, reason, detail, raw] rows (a minimal RFC 4180 reader). */
export function readRejects(path: string): string[][] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; }
    else cell += c;
  }
  return rows;
}

export const CLIENTS_HEADER = 'client_id,birth_date,aum,marital_status,dependants,declared_risk,risk_assessed_on,advisor_id,opened_on';
export const TX_HEADER = 'txn_id,client_id,date,amount,direction,type,asset_class,product_risk,currency';
