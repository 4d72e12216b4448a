import { targetLabels, type TargetLabels } from '../classify/risk-targets.js';
import { MARITAL_STATUSES } from '../core/contract.js';
import type { DayNumber } from '../core/days.js';
import { PipelineError } from '../core/errors.js';
import type { ClientTable } from '../core/records.js';
import type { ClientsMapping } from '../ingest/mapping-schema.js';
import { readHeader } from '../ingest/read-header.js';

/** The classes of the column the classifier learns, from the client table. */
export interface TrainingTarget extends TargetLabels {
  readonly column: string;
}

const TARGETS = ['declared_risk', 'marital_status'] as const;

/**
 * The label column: `declared_risk` (questionnaires; stale ones are dropped) or another
 * categorical client column ingest reads. Labels held elsewhere come in with `--features`.
 */
export function trainingTarget(column: string, clients: ClientTable, asOf: DayNumber, maxAgeDays: number): TrainingTarget {
  switch (column) {
    case 'declared_risk':
      return { column, ...targetLabels(clients.declaredRisk, clients.riskAssessedOn, asOf, maxAgeDays) };
    case 'marital_status':
      return { column, ...targetLabels(Array.from(clients.marital, (c) => MARITAL_STATUSES[c]), undefined, asOf, maxAgeDays) };
    default:
      throw new PipelineError('config_invalid', `--target ${column} is not a categorical client column; use one of ${TARGETS.join(', ')}, or train on a feature table (--features) that carries it`);
  }
}

/**
 * Checks a `--target` the user named against the clients file's header (through the mapping's
 * renames and constants) before anything is ingested: an unknown or absent column fails in
 * milliseconds with the columns that would do, instead of after the transactions are read.
 * (An absent default target is not an error: training then skips the classifier, `risk_unlabelled`.)
 *
 * @example
 * await checkTargetColumn('declared_risk', 'clients.csv', mapping.clients);
 */
export async function checkTargetColumn(column: string, clientsPath: string, mapping: ClientsMapping | undefined): Promise<void> {
  const header = await readHeader(clientsPath, mapping);
  const renames = (mapping?.columns ?? {}) as Record<string, string | readonly string[] | undefined>;
  const sources = (field: string): readonly string[] => {
    const named = renames[field];
    return named === undefined ? [field] : typeof named === 'string' ? [named] : named;
  };
  const present = (field: string): boolean =>
    (mapping?.constants as Record<string, string | undefined> | undefined)?.[field] !== undefined || sources(field).some((c) => header.includes(c));
  const usable = TARGETS.filter(present);
  if ((TARGETS as readonly string[]).includes(column) && present(column)) return;
  const why = (TARGETS as readonly string[]).includes(column)
    ? `${clientsPath} has no column ${sources(column).join(' or ')} for --target ${column}`
    : `--target ${column} is not a categorical client column clientseg learns (${TARGETS.join(', ')})`;
  throw new PipelineError('config_invalid',
    `${why}; the clients file's columns are ${header.join(', ')}, of which ${usable.length > 0 ? usable.join(', ') : 'none'} can be a target; or train on a feature table (--features) that carries the label`,
    { file: clientsPath, target: column, columns: header });
}
