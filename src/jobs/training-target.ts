import { targetLabels, type TargetLabels } from '../classify/risk-targets.js';
import { MARITAL_STATUSES } from '../core/contract.js';
import type { DayNumber } from '../core/days.js';
import { PipelineError } from '../core/errors.js';
import type { ClientTable } from '../core/records.js';

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
