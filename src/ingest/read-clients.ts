import { REQUIRED_CLIENT_COLUMNS } from '../core/contract.js';
import { PipelineError } from '../core/errors.js';
import type { ClientTable, RowCounts } from '../core/records.js';
import { ClientTableBuilder } from './client-table-builder.js';
import { ClientValidator } from './client-validator.js';
import type { IngestOptions } from './ingest-options.js';
import { CLIENT_FIELDS } from './mapping-schema.js';
import { planColumns } from './plan-columns.js';
import type { RejectsWriter } from './rejects-writer.js';
import { countReject, emptyRowCounts } from './row-counts.js';
import { scanInput } from './scan-input.js';

export interface ClientsResult {
  readonly table: ClientTable;
  readonly counts: RowCounts;
}

/**
 * Reads the clients file into a ClientTable, writing every rejected row to `rejects`. A file with
 * a header but no data rows is 'input_invalid' (nothing can be scored). Does not apply the reject
 * gate; `ingest` does.
 *
 * @example
 * const rejects = RejectsWriter.open('out/rejects.csv');
 * const { table, counts } = await readClients(options, rejects);
 */
export async function readClients(options: IngestOptions, rejects: RejectsWriter): Promise<ClientsResult> {
  const path = options.clientsPath;
  const mapping = options.mapping?.clients;
  const counts = emptyRowCounts();
  const builder = new ClientTableBuilder();
  await scanInput(path, mapping, options.progress, (info) => {
    const plan = planColumns(info.header, CLIENT_FIELDS, REQUIRED_CLIENT_COLUMNS, mapping, path, info.encoding);
    const validator = new ClientValidator(info, plan, mapping, options.asOf);
    return (row) => {
      counts.read++;
      const reason = validator.accept(row, builder);
      if (reason === undefined) {
        counts.accepted++;
        return;
      }
      countReject(counts, reason);
      rejects.add(path, row.line, reason, validator.detail, row.rawText());
    };
  });
  if (counts.read === 0) {
    throw new PipelineError('input_invalid', `clients file ${path} has a header but no rows: export the client base`, { file: path });
  }
  options.log?.info({ file: path, ...counts }, 'clients read');
  return { table: builder.build(), counts };
}
