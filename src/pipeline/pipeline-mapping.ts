import { loadMapping, parseMapping } from '../ingest/load-mapping.js';
import type { Mapping } from '../ingest/mapping-schema.js';
import type { Pipeline } from './pipeline-schema.js';

/**
 * The mapping a pipeline's inputs are read with: its mapping file or inline mapping, with each
 * input's `format` laid over it. Undefined when the files follow the contract as they are.
 */
export async function pipelineMapping(inputs: Pipeline['inputs'], where: string): Promise<Mapping | undefined> {
  const base: Mapping | undefined = inputs.mapping === undefined ? undefined
    : typeof inputs.mapping === 'string' ? await loadMapping(inputs.mapping) : parseMapping(inputs.mapping, `${where} (inputs.mapping)`);
  const { clients, transactions, accounts } = inputs;
  if (clients.format === undefined && transactions.format === undefined && accounts?.format === undefined) return base;
  return {
    ...base,
    clients: { ...base?.clients, ...(clients.format === undefined ? {} : { format: clients.format }) },
    transactions: { ...base?.transactions, ...(transactions.format === undefined ? {} : { format: transactions.format }) },
    ...(accounts?.format === undefined ? {} : { accounts: { ...base?.accounts, format: accounts.format } }),
  };
}

/**
 * The pipeline's accounts file and strict-codes switch, as ingest options (absent keys stay absent).
 *
 * @example
 * pipelineIngestExtras({ ...inputs, accounts: { path: 'in/accounts.csv' }, strictCodes: true }); // { accountsPath: 'in/accounts.csv', strictCodes: true }
 */
export function pipelineIngestExtras(inputs: Pipeline['inputs']): { accountsPath?: string; strictCodes?: boolean } {
  return {
    ...(inputs.accounts === undefined ? {} : { accountsPath: inputs.accounts.path }),
    ...(inputs.strictCodes === undefined ? {} : { strictCodes: inputs.strictCodes }),
  };
}
