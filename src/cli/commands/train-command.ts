import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { checkOutputPaths } from '../../core/check-output-paths.js';
import { ingestArgs, ingestInputs, ingestOptionsFrom, registerIngestOptions } from '../ingest-options.js';
import { ingestSummary } from '../ingest-summary.js';
import { parseOptions } from '../parse-options.js';
import { parseThresholdRule } from '../../classify/decision-threshold.js';
import { honestText } from '../../report/honest-figure.js';
import { runAction, type ActionTools } from '../run-action.js';
import { trainingHint } from '../training-hints.js';
import type { ModelParams } from '../../pipeline/model-params.js';
import type { Logger } from '../../core/logger.js';

const TrainArgs = ingestArgs.extend({
  out: z.string().min(1),
  seed: z.string().min(1).default('42'),
  k: z.union([z.literal('auto'), z.coerce.number().int().min(2).max(50)]).optional(),
  params: z.string().min(1).optional(),
  target: z.string().min(1).optional(),
  features: z.string().min(1).optional(),
  idColumn: z.string().min(1).default('client_id'),
  exclude: z.string().optional(),
  allowIdLike: z.string().optional(),
  segmentFeatures: z.string().optional(),
  threshold: z.string().min(1).optional(),
  diagnostics: z.boolean().default(true),
});

/** The rarest class's held-out count: what a macro-F1 is only as solid as. */
const smallest = (perClass: readonly { readonly support: number }[]): number => Math.min(...perClass.map((c) => c.support));
/** `--segment-features a,b,c` as the segments' `features` param, absent when not given. */
function segmentFeatures(list: string | undefined): { features?: string[] } {
  const names = list?.split(',').map((c) => c.trim()).filter(Boolean) ?? [];
  return names.length > 0 ? { features: names } : {};
}

/**
 * The --params file with --k and --segment-features laid over its segments: a flag given on the
 * command line wins over the file, as flags do over config files (docs/params.md).
 */
async function paramsFrom(args: { params?: string; k?: 'auto' | number; segmentFeatures?: string }, log: Logger): Promise<ModelParams> {
  // Loaded on use: the schemas pull in the segment code, which start-up need not load.
  const file = args.params === undefined ? {} : await (await import('../../pipeline/model-params.js')).loadModelParams(args.params);
  const flags = { ...(args.k === undefined ? {} : { k: args.k }), ...segmentFeatures(args.segmentFeatures) };
  const overridden = Object.keys(flags).filter((key) => file.segments !== undefined && key in file.segments);
  if (overridden.length > 0) log.info({ overridden }, `command-line flags override the params file's segments.${overridden.join(', segments.')}`);
  return { ...file, segments: { ...file.segments, ...flags } };
}

export function registerTrain(program: Command): void {
  const command = program
    .command('train')
    .description('Train a model version (segments, risk classifier, needs model) into models/NAME/<version>/');
  registerIngestOptions(command);
  command
    .requiredOption('--out <dir>', 'model folder, e.g. models/retail (versions go below it)')
    .option('--seed <seed>', 'seed: same data + same seed gives the same bundle bytes', '42')
    .option('--k <k>', 'number of behavioural segments, or auto (chosen over 3–10 by silhouette); default auto')
    .option('--params <file>', 'model parameters (segments, classifier, needs, need rules) as JSON; see docs/params.md')
    .option('--target <column>', 'client column the risk classifier learns, default declared_risk (with --features: the label column; without it a segmentation-only bundle)')
    .option('--features <file>', 'train on your own feature table (CSV or Parquet) instead of clients and transactions')
    .option('--id-column <column>', 'with --features: the client id column', 'client_id')
    .option('--exclude <columns>', 'with --features: comma-separated columns not to learn from')
    .option('--allow-id-like <columns>', 'with --features: comma-separated id-like categorical columns (near-unique values) to learn from all the same')
    .option('--threshold <rule>', 'binary targets: decision threshold chosen on validation rows, f1 (default), precision=0.8, recall=0.7 or cost=5 (a missed positive costs 5 false alarms)')
    .option('--no-diagnostics', 'leave the logistic baseline, permutation importance and partial dependence out of the training report (saves their time)')
    .option('--segment-features <names>', 'comma-separated features the segments are fitted on (default: every behavioural feature; constant and near-duplicate ones are left out)')
    .action((raw: unknown) => runAction(async (tools) => {
      try {
        await trainAction(raw, tools);
      } catch (err) {
        throw trainingHint(err);
      }
    }));
}

async function trainAction(raw: unknown, { log, progress, print }: ActionTools): Promise<void> {
  const args = parseOptions(TrainArgs, raw);
  const decisionOptions = { ...(args.threshold === undefined ? {} : { threshold: parseThresholdRule(args.threshold) }), diagnostics: args.diagnostics };
  const params = await paramsFrom(args, log);
  if (args.features !== undefined) {
    const unused = (['needs', 'needRules'] as const).filter((group) => params[group] !== undefined);
    if (unused.length > 0) log.warn({ code: 'params_unused', groups: unused }, `feature table input has no needs model: the params file's ${unused.join(' and ')} are not used`);
    checkOutputPaths([{ label: '--features', path: args.features }], [
      { label: '--out', path: args.out, kind: 'folder' }, { label: '--rejects', path: args.rejects ?? path.join(args.out, 'rejects.csv') },
    ]);
    const { trainFromTable } = await import('../../jobs/train-from-table.js');
    const result = await trainFromTable({
      featuresPath: args.features, idColumn: args.idColumn, target: args.target, exclude: args.exclude?.split(',').map((c) => c.trim()).filter(Boolean),
      allowIdLike: args.allowIdLike?.split(',').map((c) => c.trim()).filter(Boolean),
      modelDir: args.out, seed: /^\d+$/.test(args.seed) ? Number(args.seed) : args.seed, segments: params.segments, classifier: params.classifier,
      rejectsPath: args.rejects ?? path.join(args.out, 'rejects.csv'), log, ...decisionOptions,
    });
    const r = result.report;
    print(`rows read ${r.data.rows.read}, accepted ${r.data.rows.accepted}, rejected ${r.data.rows.rejected}; ${r.data.features.length} features`);
    print(`${result.created ? 'trained' : 'unchanged (same data and seed)'}: ${result.dir}`);
    const tg = r.target;
    const classifier = tg === undefined ? 'no --target: segmentation only'
      : tg.skipped !== undefined ? `${tg.column}: no classifier (risk_unlabelled: ${tg.labelled} usable labels in ${tg.classes.length} classes)`
        : `${tg.column}: macro-F1 ${honestText(tg.test.macroF1, smallest(tg.test.perClass), tg.intervals.macroF1)} (baseline ${tg.test.baseline.macroF1.toFixed(3)})${tg.rocAuc !== undefined ? `, ROC AUC ${honestText(tg.rocAuc, smallest(tg.test.perClass), tg.intervals.rocAuc)}` : ''}`;
    print(`segments: k = ${r.segments.k}; ${classifier}`);
    if (tg !== undefined && tg.skipped === undefined && tg.threshold !== undefined) {
      const th = tg.threshold;
      print(`threshold (${th.rule}): ${th.positiveClass} when p ≥ ${th.value.toFixed(4)}; held out: precision ${th.test.precision.toFixed(3)}, recall ${th.test.recall.toFixed(3)}, ${(100 * th.test.predictedShare).toFixed(1)}% predicted ${th.positiveClass} (base rate ${(100 * th.test.baseRate).toFixed(1)}%)`);
    }
    for (const w of r.warnings.filter((x) => x.code !== 'risk_unlabelled')) print(`warning ${w.code}: ${w.message}`);
    print(`skipped (they need client records and transactions): ${r.skipped.join(', ')}`);
    return;
  }
  const options = await ingestOptionsFrom(args, args.out);
  checkOutputPaths(ingestInputs(args), [{ label: '--out', path: args.out, kind: 'folder' }, { label: '--rejects', path: options.rejectsPath }]);
  const { train } = await import('../../jobs/train.js');
  const result = await train({
    ...options, modelDir: args.out, seed: /^\d+$/.test(args.seed) ? Number(args.seed) : args.seed,
    ...params, target: args.target, log, progress, ...decisionOptions,
  });
  const r = result.report;
  print(ingestSummary(r.data, options.rejectsPath));
  print(`${result.created ? 'trained' : 'unchanged (same data and seed)'}: ${result.dir}`);
  print(`segments: k = ${r.segments.k}: ${r.segments.profiles.map((p) => `${p.id} ${p.en} (${p.size})`).join(', ')}`);
  if (r.segments.columns && r.segments.columns.constant.length > 0) print(`segment features constant in this data, left out: ${r.segments.columns.constant.join(', ')}`);
  const identity = result.segmentIdentity;
  if (identity !== undefined) {
    print(identity.flagged.length === 0
      ? `segment ids: aligned to the champion ${identity.previousVersion}, none changed meaning`
      : `segment ids ${identity.flagged.join(', ')} changed meaning or name against the champion ${identity.previousVersion}: \`clientseg compare\` shows where each went`);
  }
  print(r.risk.skipped !== undefined
    ? `risk: no classifier (risk_unlabelled: ${r.risk.labelled} usable ${r.risk.target} labels in ${r.risk.classes.length} classes)`
    : `risk: macro-F1 ${honestText(r.risk.test.macroF1, smallest(r.risk.test.perClass), r.risk.intervals.macroF1)} (baseline ${r.risk.test.baseline.macroF1.toFixed(3)}), ECE ${r.risk.calibration.ece.toFixed(3)} on ${r.risk.testRows} held-out clients`);
  print(r.needs.skipped !== undefined
    ? `needs: no model (needs_unlabelled: ${r.needs.takeUps} clients took up a need in the horizon)`
    : `needs AUC: ${r.needs.perNeed.map((m) => `${m.need} ${honestText(m.auc, m.positives, undefined, 2)}`).join(', ')}`);
  print(`report: ${path.join(result.dir, 'report.html')}`);
}
