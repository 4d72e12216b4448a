import { PipelineError } from '../core/errors.js';
import type { ClientTable, RowCounts } from '../core/records.js';
import { ACCOUNT_COLUMNS, ACCOUNT_ROLES } from './accounts-mapping-schema.js';
import type { AccountsMapping } from './mapping-schema.js';
import { FieldCursor } from './field-cursor.js';
import type { IngestOptions } from './ingest-options.js';
import { planColumns } from './plan-columns.js';
import type { RawRecord } from './raw-record.js';
import type { RejectReason } from './reject-reason.js';
import type { RejectsWriter } from './rejects-writer.js';
import { countReject, emptyRowCounts } from './row-counts.js';
import { scanInput } from './scan-input.js';

export interface AccountsResult {
  /**
   * Account id → index of the client its transactions are attributed to: the account's owner,
   * or, for an account listed with co-holders only, the first co-holder in file order.
   */
  readonly clientOf: ReadonlyMap<string, number>;
  readonly counts: RowCounts;
  /** Accepted co-holder links: listed, but attributed none of the account's transactions. */
  readonly coHolders: number;
}

/**
 * Reads the accounts file (a disposition table: account_id, client_id, role owner / co_holder)
 * and resolves every account to the one client its transactions count for, so each transaction
 * counts once. Rows are rejected as malformed_row, missing_value, unknown_code (role),
 * orphan_client (client not among the accepted clients) or duplicate_id (the same account and
 * client again, or a second owner of an account). Does not apply the reject gate; `ingest` does.
 *
 * @example
 * const { clientOf } = await readAccounts(options, clients, rejects);
 * clientOf.get('A17'); // index of the account's owner in the client table
 */
export async function readAccounts(options: IngestOptions, clients: ClientTable, rejects: RejectsWriter): Promise<AccountsResult> {
  const path = options.accountsPath!;
  const mapping: AccountsMapping | undefined = options.mapping?.accounts;
  const counts = emptyRowCounts();
  const owner = new Map<string, number>();
  const firstCoHolder = new Map<string, number>();
  const seen = new Set<string>();
  let coHolders = 0;
  const at = new FieldCursor();
  const roleCodes: Readonly<Record<string, string>> = mapping?.codes?.role ?? {};
  const format = { format: mapping?.format, encoding: mapping?.encoding, delimiter: mapping?.delimiter, quote: mapping?.quote };
  await scanInput(path, format, options.progress, (info) => {
    const plan = planColumns(info.header, ACCOUNT_COLUMNS, ['account_id', 'client_id'], mapping, path, info.encoding);
    const text = (): string => at.text(info.decode);
    const reject = (row: RawRecord, reason: RejectReason, detail: string): void => {
      countReject(counts, reason);
      rejects.add(path, row.line, reason, detail, row.rawText());
    };
    return (row) => {
      counts.read++;
      if (row.malformed || row.count !== info.header.length) {
        reject(row, 'malformed_row', row.malformed ? 'unclosed quote or text after a closing quote' : `expected ${info.header.length} fields, found ${row.count}`);
        return;
      }
      if (!at.source(row, plan.account_id)) return reject(row, 'missing_value', 'account_id is empty');
      const account = text();
      if (!at.source(row, plan.client_id)) return reject(row, 'missing_value', 'client_id is empty');
      const clientId = text();
      let role = 'owner';
      if (at.source(row, plan.role)) {
        const raw = text();
        role = Object.hasOwn(roleCodes, raw) ? roleCodes[raw]! : raw;
        if (!(ACCOUNT_ROLES as readonly string[]).includes(role)) return reject(row, 'unknown_code', `role "${raw}" is not owner or co_holder: map it in the mapping's accounts.codes.role`);
      }
      const client = clients.indexById.get(clientId);
      if (client === undefined) return reject(row, 'orphan_client', `client_id "${clientId}" is not among the accepted clients`);
      // Only an account met before can repeat a link, so most rows make no pair key.
      if (owner.has(account) || firstCoHolder.has(account)) {
        if (role === 'owner' && owner.has(account)) return reject(row, 'duplicate_id', `account "${account}" already has an owner (client "${clients.ids[owner.get(account)!]}")`);
        const pair = `${account}\u0000${clientId}`;
        if (seen.has(pair) || owner.get(account) === client || firstCoHolder.get(account) === client) {
          return reject(row, 'duplicate_id', `account "${account}" is already linked to client "${clientId}"`);
        }
        seen.add(pair);
      }
      counts.accepted++;
      if (role === 'owner') owner.set(account, client);
      else {
        coHolders++;
        if (!firstCoHolder.has(account)) firstCoHolder.set(account, client);
      }
    };
  });
  if (counts.accepted === 0) {
    throw new PipelineError('input_invalid', `accounts file ${path} has no accepted rows: no transaction could be attributed to a client; check the file and the mapping's accounts section`, { file: path, ...counts });
  }
  const clientOf = new Map(firstCoHolder);
  for (const [account, client] of owner) clientOf.set(account, client);
  options.log?.info({ file: path, ...counts, accounts: clientOf.size, coHolders }, 'accounts read');
  return { clientOf, counts, coHolders };
}
