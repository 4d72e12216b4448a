import type { Command } from 'commander';
import { z } from 'zod';
import { ALIAS_NAMES, promote, readAliases } from '../../registry/aliases.js';
import { parseOptions } from '../parse-options.js';
import { runAction } from '../run-action.js';
import { withStore } from '../store-option.js';

const PromoteArgs = z.strictObject({
  version: z.string().min(1), as: z.enum(ALIAS_NAMES), store: z.string().min(1).optional(), actor: z.string().min(1).default('cli'),
});

export function registerPromote(program: Command): void {
  program
    .command('promote')
    .description('Point the champion or challenger alias of a model at one of its versions')
    .argument('<model-dir>', 'model folder, e.g. models/retail')
    .requiredOption('--version <version>', 'version to promote')
    .requiredOption('--as <alias>', 'champion or challenger')
    .option('--store <url>', 'record the promotion in this results store\'s audit log')
    .option('--actor <name>', 'with --store: who promotes, for the audit log', 'cli')
    .action((modelDir: string, raw: unknown) => runAction(async ({ print }) => {
      const args = parseOptions(PromoteArgs, raw);
      const before = await readAliases(modelDir);
      const aliases = await promote(modelDir, args.version, args.as);
      if (args.store !== undefined) {
        await withStore(args.store, (store) => store.audit({
          actor: args.actor, action: args.as === 'champion' ? 'model_promoted' : 'challenger_set',
          details: { model: modelDir, version: args.version, alias: args.as, replaced: before[args.as] ?? null },
        }, new Date()));
      }
      print(`${modelDir}: champion ${aliases.champion ?? '—'}, challenger ${aliases.challenger ?? '—'}`);
    }));
}
