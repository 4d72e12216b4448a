import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { writeFeaturesCsv } from '../../features/write-features-csv.js';
import { buildFeatures } from '../../jobs/build-features.js';
import { checkOutputPaths } from '../../core/check-output-paths.js';
import { ingestArgs, ingestInputs, ingestOptionsFrom, registerIngestOptions } from '../ingest-options.js';
import { parseOptions } from '../parse-options.js';
import { runAction } from '../run-action.js';
import { ingestCountsOf } from '../../ingest/ingest-counts.js';
import { ingestSummary } from '../ingest-summary.js';

const FeaturesArgs = ingestArgs.extend({ out: z.string().min(1) });

export function registerFeatures(program: Command): void {
  const command = program
    .command('features')
    .description('Build one feature row per client from clients and transactions (features.csv)');
  registerIngestOptions(command);
  command
    .requiredOption('--out <file>', 'features CSV to write')
    .action((raw: unknown) => runAction(async ({ log, progress, print }) => {
      const args = parseOptions(FeaturesArgs, raw);
      const options = await ingestOptionsFrom(args, path.dirname(args.out));
      checkOutputPaths(ingestInputs(args), [{ label: '--out', path: args.out }, { label: '--rejects', path: options.rejectsPath }]);
      const { matrix, ingest } = await buildFeatures({ ...options, log, progress });
      await writeFeaturesCsv(matrix, args.out);
      print(ingestSummary(ingestCountsOf(ingest), options.rejectsPath));
      print(`features: ${matrix.rows} clients × ${matrix.cols} features → ${args.out}`);
    }));
}
