import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { PipelineError } from '../../core/errors.js';
import { writeLinesAtomically } from '../../core/write-lines-atomically.js';
import { MIN_POSITIVES } from '../../monitor/min-positives.js';
import type { CompareSide } from '../../report/compare-report.js';
import { renderCompareReport } from '../../report/compare-report-html.js';
import { honestText } from '../../report/honest-figure.js';
import { ingestArgs, ingestOptionsFrom, registerIngestOptions } from '../ingest-options.js';
import { parseOptions } from '../parse-options.js';
import { runAction } from '../run-action.js';

const CompareArgs = ingestArgs.extend({ out: z.string().min(1).default('compare'), seed: z.string().min(1).default('compare'), failOnKeep: z.boolean().default(false) });

export function registerCompare(program: Command): void {
  const command = program
    .command('compare')
    .description('Champion vs challenger on the same data: metrics side by side, segment agreement, and a promote / keep recommendation')
    .argument('<champion>', 'the model in service: a bundle folder, models/NAME (its champion) or models/NAME@champion')
    .argument('<challenger>', 'the candidate: a bundle folder or models/NAME@challenger');
  registerIngestOptions(command);
  command
    .option('--out <dir>', 'folder for compare.json and compare.html', 'compare')
    .option('--seed <seed>', 'seeds the silhouette sample', 'compare')
    .option('--fail-on-keep', 'exit 9 (quality gate) when the recommendation is to keep the champion, for schedulers')
    .action((championRef: string, challengerRef: string, raw: unknown) => runAction(async ({ log, progress, print }) => {
      const args = parseOptions(CompareArgs, raw);
      const options = await ingestOptionsFrom(args, args.out);
      const { compare } = await import('../../jobs/compare.js');
      const result = await compare({ ...options, champion: championRef, challenger: challengerRef, seed: args.seed, log, progress });
      const json = path.join(args.out, 'compare.json');
      const html = path.join(args.out, 'compare.html');
      await writeLinesAtomically(json, [JSON.stringify(result, null, 2)], 'comparison JSON');
      await writeLinesAtomically(html, [renderCompareReport(result).trimEnd()], 'comparison report');
      const c = result.champion, ch = result.challenger;
      const f = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? 'n/a' : v.toFixed(3));
      const f1 = (s: CompareSide) => (!s.riskModel ? 'no risk model' : s.risk === null ? 'n/a'
        : s.risk.macroF1 === null ? honestText(Number.NaN, s.risk.smallestClass) : honestText(s.risk.macroF1, MIN_POSITIVES, s.risk.macroF1Interval));
      print(`risk macro-F1      champion ${f1(c)}  challenger ${f1(ch)}  (${result.labels.riskLabelled} labelled clients)`);
      print(`needs mean AUC     champion ${f(c.meanNeedAuc)}  challenger ${f(ch.meanNeedAuc)}`);
      print(`segments           ARI ${f(result.segments.ari)}, ${result.segments.changed} of ${result.clients} clients change segment`);
      const moved = result.identity.flagged;
      print(`segment identity   ${!result.identity.comparable ? 'ids not comparable (no shared segment feature)' : moved.length === 0 ? 'every shared id keeps its meaning' : `id${moved.length > 1 ? 's' : ''} ${moved.join(', ')} changed meaning or name`}`);
      for (const w of result.warnings) print(`warning: ${w}`);
      print(`recommendation: ${result.recommendation.decision === 'promote' ? 'promote the challenger' : 'keep the champion'}: ${result.recommendation.reason}`);
      print(`report: ${html}; data: ${json}`);
      if (args.failOnKeep && result.recommendation.decision === 'keep_champion') {
        throw new PipelineError('gate_failed', `the challenger is not to be promoted: ${result.recommendation.reason}`);
      }
    }));
}
