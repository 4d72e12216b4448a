import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { parseIsoDay } from '../../core/days.js';
import { PipelineError } from '../../core/errors.js';
import { writeFeaturesCsv } from '../../features/write-features-csv.js';
import { buildFeatures } from '../../jobs/build-features.js';
import { ingestSummary } from '../ingest-summary.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { parseOptions } from '../parse-options.js';
import { runAction } from '../run-action.js';

/** data-samples/sample.json: how the bundled sample was made and the as-of date it is scored at. */
const SampleManifest = z.object({ asOf: z.string(), seed: z.union([z.number(), z.string()]), clients: z.number(), command: z.string() });
const SampleArgs = z.strictObject({ out: z.string().min(1) });

export function registerSample(program: Command): void {
  program
    .command('sample')
    .description('Run the main job on the bundled sample in data-samples/ (what `npm start` does)')
    .option('--out <dir>', 'output directory', 'out')
    .action((raw: unknown) => runAction(async ({ log, progress, print }) => {
      const args = parseOptions(SampleArgs, raw);
      const dir = path.join(PACKAGE_ROOT, 'data-samples');
      const manifest = SampleManifest.parse(JSON.parse(await readFile(path.join(dir, 'sample.json'), 'utf8')));
      const asOf = parseIsoDay(manifest.asOf);
      if (asOf === undefined) throw new PipelineError('config_invalid', `data-samples/sample.json has a bad asOf: ${manifest.asOf}`);
      const rejectsPath = path.join(args.out, 'rejects.csv');
      const { matrix, ingest } = await buildFeatures({
        clientsPath: path.join(dir, 'clients.csv'),
        transactionsPath: path.join(dir, 'transactions.csv'),
        asOf,
        rejectsPath,
        log,
        progress,
      });
      const featuresPath = path.join(args.out, 'features.csv');
      await writeFeaturesCsv(matrix, featuresPath);
      print(ingestSummary(ingest, rejectsPath));
      print(`features: ${matrix.rows} clients × ${matrix.cols} features → ${featuresPath}`);
    }));
}
