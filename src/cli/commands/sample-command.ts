import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { PACKAGE_ROOT } from '../package-root.js';
import { parseOptions } from '../parse-options.js';
import { runAction } from '../run-action.js';
import { scoreAndReport } from './score-command.js';

/** data-samples/sample.json: how the bundled sample was made and the as-of date it is scored at. */
const SampleManifest = z.object({ asOf: z.string(), seed: z.union([z.number(), z.string()]), clients: z.number(), command: z.string() });
const SampleArgs = z.strictObject({ out: z.string().min(1), store: z.string().min(1).optional() });

export function registerSample(program: Command): void {
  program
    .command('sample')
    .description('Score the bundled sample (data-samples/) with the bundled model (models/sample): what `npm start` does')
    .option('--out <dir>', 'output directory', 'out')
    .option('--store <url>', 'results store the run is written to (default: sqlite:<out>/clientseg.db)')
    .action((raw: unknown) => runAction(async ({ log, progress, print }) => {
      const args = parseOptions(SampleArgs, raw);
      const dir = path.join(PACKAGE_ROOT, 'data-samples');
      const manifest = SampleManifest.parse(JSON.parse(await readFile(path.join(dir, 'sample.json'), 'utf8')));
      return scoreAndReport({
        clients: path.join(dir, 'clients.csv'),
        transactions: path.join(dir, 'transactions.csv'),
        asOf: manifest.asOf,
        model: path.join(PACKAGE_ROOT, 'models', 'sample'),
        out: path.join(args.out, 'scores.csv'),
        idColumn: 'client_id',
        store: args.store ?? `sqlite:${path.join(args.out, 'clientseg.db')}`,
        pipeline: 'sample',
      }, { log, progress, print });
    }));
}
