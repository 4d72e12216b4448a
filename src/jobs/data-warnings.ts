import { formatDay, type DayNumber } from '../core/days.js';
import type { FeatureMatrix } from '../core/feature-matrix.js';
import type { PeriodCounts } from '../core/records.js';
import { FEATURE_CATALOGUE } from '../features/feature-catalogue.js';

/** A month: with as-of this many days past the last transaction, the window's last month is empty. */
const STALE_DAYS = 31;

export interface DataWarning {
  readonly code: 'constant_features' | 'as_of_after_data';
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/**
 * What a run could not do well with the data it was given, said plainly: most behaviour features
 * constant over every client (segments then rest on the few that vary), or an as-of date more
 * than a month past the last accepted transaction (recency and the last window months describe a
 * gap, not the clients).
 *
 * @example
 * for (const w of dataWarnings(matrix, ingest.transactionCounts.periods, asOf)) log.warn({ code: w.code, ...w.details }, w.message);
 */
export function dataWarnings(matrix: FeatureMatrix, periods: PeriodCounts, asOf: DayNumber): DataWarning[] {
  const warnings: DataWarning[] = [];
  const behaviour = FEATURE_CATALOGUE.filter((f) => f.group === 'behaviour' && matrix.names.includes(f.name)).map((f) => f.name);
  if (matrix.rows > 1 && behaviour.length > 0) {
    const constant = behaviour.filter((name) => isConstant(matrix, matrix.names.indexOf(name)));
    if (constant.length * 2 > behaviour.length) {
      warnings.push({
        code: 'constant_features',
        message: `${constant.length} of ${behaviour.length} behaviour features are the same for every client (${constant.join(', ')}): `
          + 'segments rest on the rest; check the code rules and the as-of date',
        details: { constant, behaviour: behaviour.length },
      });
    }
  }
  if (periods.lastDay !== null && asOf - periods.lastDay > STALE_DAYS) {
    warnings.push({
      code: 'as_of_after_data',
      message: `the as-of date ${formatDay(asOf)} is ${asOf - periods.lastDay} days past the last accepted transaction (${formatDay(periods.lastDay)}): `
        + 'recency and the last window months describe the gap; set --as-of to the export date',
      details: { asOf: formatDay(asOf), lastDay: formatDay(periods.lastDay), days: asOf - periods.lastDay },
    });
  }
  return warnings;
}

function isConstant(m: FeatureMatrix, col: number): boolean {
  const first = m.values[col]!;
  for (let i = 1; i < m.rows; i++) {
    const v = m.values[i * m.cols + col]!;
    if (v !== first && !(v !== v && first !== first)) return false;
  }
  return true;
}
