import type { DayNumber } from '../core/days.js';
import type { FeatureMatrix } from '../core/feature-matrix.js';
import type { Logger } from '../core/logger.js';
import type { ClientTable, TransactionSink } from '../core/records.js';
import { silentLogger } from '../core/logger.js';
import type { Progress } from '../core/progress.js';
import { noProgress } from '../core/progress.js';
import { createFeatureBuilder } from '../features/create-feature-builder.js';
import { featureWindow } from '../features/feature-window.js';
import { dataWarnings } from './data-warnings.js';
import { ingest } from '../ingest/ingest.js';
import type { IngestResult } from '../ingest/ingest-options.js';
import type { Mapping } from '../ingest/mapping-schema.js';

export interface BuildFeaturesOptions {
  clientsPath: string;
  transactionsPath: string;
  mapping?: Mapping;
  /** Accounts file linking account_id to client_id (transactions then carry account_id); see docs/ingest.md. */
  accountsPath?: string;
  /** Reject rows with unmapped code values instead of only counting them; default false. */
  strictCodes?: boolean;
  asOf: DayNumber;
  /** Days after as-of that transactions may carry (label horizon); default 90. */
  horizonDays?: number;
  /** Feature window before as-of, in calendar months; default 12. */
  windowMonths?: number;
  rejectsPath: string;
  /** Largest share of rejected rows per file before the run stops; default 0.05. */
  rejectGate?: number;
  log?: Logger;
  progress?: Progress;
  /** Another consumer of the same single pass (e.g. the needs labeler at training). */
  alsoFeed?: (clients: ClientTable) => TransactionSink;
}

export interface BuiltFeatures {
  readonly matrix: FeatureMatrix;
  readonly ingest: IngestResult;
}

/**
 * Streams the inputs once through ingest into the feature builder: one pass, memory in
 * proportion to the number of clients.
 *
 * @example
 * const { matrix } = await buildFeatures({ clientsPath: 'clients.csv', transactionsPath: 'transactions.csv',
 *   asOf: parseIsoDay('2026-06-30')!, rejectsPath: 'out/rejects.csv' });
 */
export async function buildFeatures(options: BuildFeaturesOptions): Promise<BuiltFeatures> {
  const log = options.log ?? silentLogger();
  let builder: ReturnType<typeof createFeatureBuilder> | undefined;
  const result = await ingest(
    {
      clientsPath: options.clientsPath,
      transactionsPath: options.transactionsPath,
      mapping: options.mapping,
      ...(options.accountsPath === undefined ? {} : { accountsPath: options.accountsPath }),
      ...(options.strictCodes === undefined ? {} : { strictCodes: options.strictCodes }),
      windowStartExclusive: featureWindow(options.asOf, options.windowMonths ?? 12).startExclusive,
      asOf: options.asOf,
      horizonDays: options.horizonDays ?? 90,
      rejectsPath: options.rejectsPath,
      rejectGate: options.rejectGate,
      log,
      progress: options.progress ?? noProgress,
    },
    (clients) => {
      builder = createFeatureBuilder(clients, { asOf: options.asOf, windowMonths: options.windowMonths });
      const features = builder.sink;
      const other = options.alsoFeed?.(clients);
      return other ? (t) => { features(t); other(t); } : features;
    },
  );
  if (!builder) throw new Error('ingest finished without reading clients');
  const matrix = builder.finish();
  for (const w of dataWarnings(matrix, result.transactionCounts.periods, options.asOf)) log.warn({ code: w.code, ...w.details }, w.message);
  return { matrix, ingest: result };
}
