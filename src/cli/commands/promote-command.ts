import type { Command } from 'commander';
import { z } from 'zod';
import { ALIAS_NAMES, promote } from '../../registry/aliases.js';
import { parseOptions } from '../parse-options.js';
import { runAction } from '../run-action.js';

const PromoteArgs = z.strictObject({ version: z.string().min(1), as: z.enum(ALIAS_NAMES) });

export function registerPromote(program: Command): void {
  program
    .command('promote')
    .description('Point the champion or challenger alias of a model at one of its versions')
    .argument('<model-dir>', 'model folder, e.g. models/retail')
    .requiredOption('--version <version>', 'version to promote')
    .requiredOption('--as <alias>', 'champion or challenger')
    .action((modelDir: string, raw: unknown) => runAction(async ({ print }) => {
      const args = parseOptions(PromoteArgs, raw);
      const aliases = await promote(modelDir, args.version, args.as);
      print(`${modelDir}: champion ${aliases.champion ?? '—'}, challenger ${aliases.challenger ?? '—'}`);
    }));
}
