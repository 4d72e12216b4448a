import type { Command } from 'commander';
import { z } from 'zod';
import { parseIsoDay } from '../../core/days.js';
import { PipelineError } from '../../core/errors.js';
import { generateClientBase } from '../../generate/generate-client-base.js';
import { isoDate, parseOptions, positiveInt, nonNegativeInt, share } from '../parse-options.js';
import { runAction } from '../run-action.js';

const GenerateArgs = z.strictObject({
  clients: positiveInt,
  seed: z.string().min(1),
  out: z.string().min(1),
  asOf: isoDate.optional(),
  months: positiveInt.optional(),
  horizonDays: nonNegativeInt.optional(),
  noise: share.optional(),
});

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('Write a synthetic client base with its ground truth (clients.csv, transactions.csv, truth.csv)')
    .requiredOption('--clients <n>', 'number of clients')
    .requiredOption('--seed <seed>', 'seed: the same seed gives byte-identical files')
    .requiredOption('--out <dir>', 'output directory')
    .option('--as-of <date>', 'as-of date, YYYY-MM-DD (default 2026-06-30)')
    .option('--months <n>', 'months of history before the as-of date (default 12)')
    .option('--horizon-days <n>', 'days of transactions after the as-of date, for needs labels (default 90)')
    .option('--noise <share>', 'questionnaire noise: share of declared risks one level off the truth (default 0.15)')
    .action((raw: unknown) => runAction(async ({ log, progress, print }) => {
      const args = parseOptions(GenerateArgs, raw);
      const asOf = args.asOf === undefined ? undefined : parseIsoDay(args.asOf);
      if (args.asOf !== undefined && asOf === undefined) {
        throw new PipelineError('config_invalid', `--as-of ${args.asOf} is not a calendar date`);
      }
      const summary = await generateClientBase({
        clients: args.clients,
        seed: /^\d+$/.test(args.seed) ? Number(args.seed) : args.seed,
        outDir: args.out,
        asOf,
        months: args.months,
        horizonDays: args.horizonDays,
        questionnaireNoise: args.noise,
        log,
        progress,
      });
      const archetypes = Object.entries(summary.byArchetype).map(([name, n]) => `${name} ${n}`).join(', ');
      const needs = Object.entries(summary.needs).map(([name, n]) => `${name} ${n}`).join(', ');
      print([
        `wrote ${summary.files.clients}, ${summary.files.transactions}, ${summary.files.truth}`,
        `clients ${summary.rows.clients}, transactions ${summary.rows.transactions}, advisors ${summary.advisors}`,
        `archetypes: ${archetypes}`,
        `needs taken up in the horizon: ${needs}`,
        `declared risk agrees with the truth for ${(summary.declaredAgreement * 100).toFixed(1)}% of assessed clients`,
      ].join('\n'));
    }));
}
