import { PipelineError } from '../core/errors.js';
import type { ClientTable, RowCounts } from '../core/records.js';
import { ACCOUNT_COLUMNS, ACCOUNT_ROLES } from './accounts-mapping-schema.js';
import type { AccountsMapping } from './mapping-schema.js';
import { ByteCodeTable, type ByteKeyedCodes } from './byte-code-table.js';
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
   * or, for an account listed with co-holders only, the first co-holder in file order. Keyed by
   * the ids' bytes, so transactions resolve their account without making a string.
   */
  readonly clientOf: ByteKeyedCodes;
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
 * Account ids go from their bytes straight into the byte table the transactions look up: an
 * intermediate string-keyed map, then seeding the table from it, cost more than the rest of the
 * accounts feature at a million transactions. Only non-ASCII account ids are decoded (they are
 * looked up by text, as their bytes depend on the file's encoding), and each row's client_id.
 *
 * @example
 * const { clientOf } = await readAccounts(options, clients, rejects);
 * new ByteCodeTable(clientOf.text, decode, clientOf.bytes).lookup(bytes, 0, 3); // the client index of account "A17"
 */
export async function readAccounts(options: IngestOptions, clients: ClientTable, rejects: RejectsWriter): Promise<AccountsResult> {
  const path = options.accountsPath!;
  const mapping: AccountsMapping | undefined = options.mapping?.accounts;
  const counts = emptyRowCounts();
  // Account → entry (by bytes when ASCII, else by text); entry → its owner and first co-holder (-1: none).
  let accounts: ByteCodeTable | undefined;
  const textAccounts = new Map<string, number>();
  const owner: number[] = [];
  const firstCoHolder: number[] = [];
  // Links of accounts met more than once, as entry * clients + client.
  const repeated = new Set<number>();
  let coHolders = 0;
  const at = new FieldCursor();
  const roles = new Map<string, number>(ACCOUNT_ROLES.map((r, i) => [r, i]));
  for (const [from, to] of Object.entries(mapping?.codes?.role ?? {})) roles.set(from, ACCOUNT_ROLES.indexOf(to));
  const OWNER = ACCOUNT_ROLES.indexOf('owner');
  const format = { format: mapping?.format, encoding: mapping?.encoding, delimiter: mapping?.delimiter, quote: mapping?.quote };
  await scanInput(path, format, options.progress, (info) => {
    const plan = planColumns(info.header, ACCOUNT_COLUMNS, ['account_id', 'client_id'], mapping, path, info.encoding);
    // Sized for about 25 bytes an accounts row, so filling it rarely rehashes; a larger file grows it.
    const table = new ByteCodeTable(new Map(), info.decode, undefined, Math.min(Math.ceil(info.sizeBytes / 25), 1 << 20));
    accounts = table;
    const roleCodes = new ByteCodeTable(roles, info.decode);
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
      const accountBuf = at.buf;
      const accountStart = at.start;
      const accountEnd = at.end;
      if (!at.source(row, plan.client_id)) return reject(row, 'missing_value', 'client_id is empty');
      const clientBuf = at.buf;
      const clientStart = at.start;
      const clientEnd = at.end;
      let role = OWNER;
      if (at.source(row, plan.role)) {
        role = roleCodes.lookup(at.buf, at.start, at.end);
        if (role < 0) return reject(row, 'unknown_code', `role "${text()}" is not owner or co_holder: map it in the mapping's accounts.codes.role`);
      }
      // One short string a row: seeding a byte table of every client id would cost more.
      const clientId = info.decode(clientBuf, clientStart, clientEnd);
      const client = clients.indexById.get(clientId) ?? -1;
      if (client < 0) return reject(row, 'orphan_client', `client_id "${clientId}" is not among the accepted clients`);
      const ascii = isAscii(accountBuf, accountStart, accountEnd);
      const accountText = ascii ? undefined : info.decode(accountBuf, accountStart, accountEnd);
      // A new ASCII account is added to the table here; its link is accepted below.
      let entry = ascii ? table.findOrAdd(accountBuf, accountStart, accountEnd, owner.length) : textAccounts.get(accountText!) ?? -1;
      // Only an account met before can repeat a link.
      if (entry >= 0) {
        const account = (): string => accountText ?? info.decode(accountBuf, accountStart, accountEnd);
        if (role === OWNER && owner[entry]! >= 0) return reject(row, 'duplicate_id', `account "${account()}" already has an owner (client "${clients.ids[owner[entry]!]}")`);
        const pair = entry * clients.size + client;
        if (repeated.has(pair) || owner[entry] === client || firstCoHolder[entry] === client) {
          return reject(row, 'duplicate_id', `account "${account()}" is already linked to client "${clients.ids[client]}"`);
        }
        repeated.add(pair);
      } else {
        entry = owner.length;
        owner.push(-1);
        firstCoHolder.push(-1);
        if (!ascii) textAccounts.set(accountText!, entry);
      }
      counts.accepted++;
      if (role === OWNER) owner[entry] = client;
      else {
        coHolders++;
        if (firstCoHolder[entry]! < 0) firstCoHolder[entry] = client;
      }
    };
  });
  if (counts.accepted === 0) {
    throw new PipelineError('input_invalid', `accounts file ${path} has no accepted rows: no transaction could be attributed to a client; check the file and the mapping's accounts section`, { file: path, ...counts });
  }
  const clientOfEntry = Int32Array.from(owner, (client, entry) => (client >= 0 ? client : firstCoHolder[entry]!));
  accounts!.remapCodes(clientOfEntry);
  const text = new Map<string, number>();
  for (const [account, entry] of textAccounts) text.set(account, clientOfEntry[entry]!);
  options.log?.info({ file: path, ...counts, accounts: owner.length, coHolders }, 'accounts read');
  return { clientOf: { bytes: accounts!.state(), text }, counts, coHolders };
}

/** ASCII bytes spell the same text in every input encoding, so they can key the table as they are. */
function isAscii(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i]! >= 0x80) return false;
  return true;
}
