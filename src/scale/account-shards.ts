import { PipelineError } from '../core/errors.js';
import { ACCOUNT_COLUMNS, ACCOUNT_ROLES } from '../ingest/accounts-mapping-schema.js';
import { FieldCursor } from '../ingest/field-cursor.js';
import type { AccountsMapping } from '../ingest/mapping-schema.js';
import { planColumns } from '../ingest/plan-columns.js';
import { scanInput } from '../ingest/scan-input.js';
import { shardOfClient } from './shard-of-client.js';

/**
 * Account id → the shard of the client its transactions count for, by ingest's rule (the owner;
 * for an account with co-holders only, the first co-holder), so account-keyed transactions are
 * cut into the shard of that client. Read from the accounts file as written: rows ingest would
 * reject are not known here, so an account whose owner row is rejected (orphan or second owner)
 * still sends its transactions to that owner's shard, where they are rejected orphan_account
 * (on one machine they would go to a co-holder). docs/ingest.md says so.
 *
 * @example
 * const shardOf = await accountShards('accounts.csv', mapping.accounts, 8);
 * shardOf.get('A17'); // 0–7
 */
export async function accountShards(path: string, mapping: AccountsMapping | undefined, shards: number): Promise<Map<string, number>> {
  const owner = new Map<string, string>();
  const coHolder = new Map<string, string>();
  const roleCodes: Readonly<Record<string, string>> = mapping?.codes?.role ?? {};
  const at = new FieldCursor();
  const format = { format: mapping?.format, encoding: mapping?.encoding, delimiter: mapping?.delimiter, quote: mapping?.quote };
  if (format.format === 'parquet' || /\.(parquet|pq)$/i.test(path)) {
    throw new PipelineError('config_invalid', `${path} is Parquet: the distributed run splits CSV inputs only; convert the accounts file to CSV`, { file: path });
  }
  await scanInput(path, format, undefined, (info) => {
    const plan = planColumns(info.header, ACCOUNT_COLUMNS, ['account_id', 'client_id'], mapping, path, info.encoding);
    return (row) => {
      if (row.malformed || row.count !== info.header.length) return;
      if (!at.source(row, plan.account_id)) return;
      const account = at.text(info.decode);
      if (!at.source(row, plan.client_id)) return;
      const client = at.text(info.decode);
      let role = 'owner';
      if (at.source(row, plan.role)) {
        const raw = at.text(info.decode);
        role = Object.hasOwn(roleCodes, raw) ? roleCodes[raw]! : raw;
      }
      if (!(ACCOUNT_ROLES as readonly string[]).includes(role)) return;
      const holders = role === 'owner' ? owner : coHolder;
      if (!holders.has(account)) holders.set(account, client);
    };
  });
  const clientOf = new Map(coHolder);
  for (const [account, client] of owner) clientOf.set(account, client);
  return new Map([...clientOf].map(([account, client]) => [account, shardOfClient(client, shards)]));
}
