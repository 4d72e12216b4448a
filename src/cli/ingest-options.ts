import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { parseIsoDay } from '../core/days.js';
import type { NamedPath } from '../core/check-output-paths.js';
import { PipelineError } from '../core/errors.js';
import { loadMapping } from '../ingest/load-mapping.js';
import type { BuildFeaturesOptions } from '../jobs/build-features.js';
import { isoDate, nonNegativeInt, positiveInt, share } from './parse-options.js';

/** The flags of every command that ingests clients and transactions. */
export function registerIngestOptions(command: Command): Command {
  return command
    .option('--clients <file>', 'clients file (CSV or Parquet)')
    .option('--transactions <file>', 'transactions file (CSV or Parquet)')
    .option('--as-of <date>', 'as-of date, YYYY-MM-DD: features use the window before it')
    .option('--mapping <file>', 'mapping file (JSON) from the bank export to the canonical contract')
    .option('--accounts <file>', 'accounts file (account_id, client_id, role): transactions then carry account_id instead of client_id')
    .option('--strict-codes', 'reject rows with a code value no code map or rule knows (unknown_code) instead of only counting it')
    .option('--rejects <file>', 'where rejected rows go (default: rejects.csv beside the output)')
    .option('--reject-gate <share>', 'stop when more than this share of a file is rejected (default 0.05)')
    .option('--window-months <n>', 'feature window before the as-of date, in months (default 12)')
    .option('--horizon-days <n>', 'days after the as-of date that transactions may carry (default 90)');
}

export const ingestArgs = z.strictObject({
  clients: z.string().min(1).optional(),
  transactions: z.string().min(1).optional(),
  asOf: isoDate.optional(),
  mapping: z.string().optional(),
  accounts: z.string().min(1).optional(),
  strictCodes: z.boolean().optional(),
  rejects: z.string().optional(),
  rejectGate: share.optional(),
  windowMonths: positiveInt.optional(),
  horizonDays: nonNegativeInt.optional(),
});

/** The files an ingesting command reads, named by their flags, for the output-path check. */
export function ingestInputs(args: z.infer<typeof ingestArgs>): NamedPath[] {
  return [
    { label: '--clients', path: args.clients }, { label: '--transactions', path: args.transactions }, { label: '--mapping', path: args.mapping },
  ];
}

export async function ingestOptionsFrom(args: z.infer<typeof ingestArgs>, outputDir: string): Promise<BuildFeaturesOptions> {
  if (args.clients === undefined || args.transactions === undefined || args.asOf === undefined) {
    throw new PipelineError('config_invalid', '--clients, --transactions and --as-of are required (or --features with a feature table, where the command takes one)');
  }
  const asOf = parseIsoDay(args.asOf);
  if (asOf === undefined) throw new PipelineError('config_invalid', `--as-of ${args.asOf} is not a calendar date`);
  return {
    clientsPath: args.clients,
    transactionsPath: args.transactions,
    mapping: args.mapping === undefined ? undefined : await loadMapping(args.mapping),
    ...(args.accounts === undefined ? {} : { accountsPath: args.accounts }),
    ...(args.strictCodes === undefined ? {} : { strictCodes: args.strictCodes }),
    asOf,
    horizonDays: args.horizonDays,
    windowMonths: args.windowMonths,
    rejectsPath: args.rejects ?? path.join(outputDir, 'rejects.csv'),
    rejectGate: args.rejectGate,
  };
}
