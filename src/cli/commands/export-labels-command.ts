import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { loadMapping } from '../../ingest/load-mapping.js';
import { exportLabels } from '../../jobs/export-labels.js';
import { DEFAULT_STORE } from '../../store/store-url.js';
import { parseOptions } from '../parse-options.js';
import { runAction } from '../run-action.js';
import { STORE_HELP } from '../store-option.js';
import { checkOutputPaths } from '../../core/check-output-paths.js';
import { storeFile } from '../store-file.js';

const ExportLabelsArgs = z.strictObject({
  store: z.string().min(1).default(DEFAULT_STORE),
  out: z.string().min(1),
  clients: z.string().min(1).optional(),
  mapping: z.string().min(1).optional(),
  rejects: z.string().min(1).optional(),
});

export function registerExportLabels(program: Command): void {
  program
    .command('export-labels')
    .description('Turn advisors\' overrides into labels for the next training run')
    .option('--store <url>', STORE_HELP)
    .requiredOption('--out <file>', 'CSV to write')
    .option('--clients <file>', 'relabel this clients file: the output is the client base with the advisors\' risk segments as declared_risk (risk_assessed_on keeps the questionnaire date) plus label_source and labelled_on, for train --target declared_risk')
    .option('--mapping <file>', 'with --clients: mapping file of the clients export')
    .option('--rejects <file>', 'with --clients: rejects file (default rejects.csv beside --out)')
    .action((raw: unknown) => runAction(async ({ print }) => {
      const args = parseOptions(ExportLabelsArgs, raw);
      checkOutputPaths([{ label: '--clients', path: args.clients }, { label: '--mapping', path: args.mapping }, { label: 'the store file (--store)', path: storeFile(args.store) }], [
        { label: '--out', path: args.out }, { label: '--rejects', path: args.clients === undefined ? undefined : args.rejects ?? path.join(path.dirname(args.out), 'rejects.csv') },
      ]);
      const { openAdvisorStore } = await import('../../store/open-advisor-store.js');
      const store = await openAdvisorStore(args.store);
      let overrides;
      try {
        overrides = await store.overrides.all();
      } finally {
        await store.close();
      }
      const result = await exportLabels({
        overrides, outPath: args.out,
        ...(args.clients === undefined ? {} : {
          clients: {
            clientsPath: args.clients, rejectsPath: args.rejects ?? path.join(path.dirname(args.out), 'rejects.csv'),
            ...(args.mapping === undefined ? {} : { mapping: await loadMapping(args.mapping) }),
          },
        }),
      });
      print(`${result.labels} clients with overrides; ${result.rows} rows written to ${args.out}${result.unmatched > 0 ? `; ${result.unmatched} overridden clients are not in the clients file` : ''}`);
    }));
}
