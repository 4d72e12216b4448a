import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import type { ScoreResult } from '../../jobs/score.js';
import { PipelineError } from '../../core/errors.js';
import { writeTextAtomically } from '../../core/write-lines-atomically.js';
import { renderScoreReport } from '../../report/score-report-html.js';
import { driftGateStatus, failOnArg } from '../drift-gate.js';
import { driftArgs, driftSettingsFromArgs, registerDriftOptions } from '../drift-options.js';
import { formatDriftSummary } from '../print-drift-summary.js';
import { checkOutputPaths } from '../../core/check-output-paths.js';
import { ingestArgs, ingestInputs, ingestOptionsFrom, registerIngestOptions } from '../ingest-options.js';
import { ingestCountsOf } from '../../ingest/ingest-counts.js';
import { storeFile } from '../store-file.js';
import { reportAfterStoredRun } from '../report-after-stored-run.js';
import { ingestSummary } from '../ingest-summary.js';
import { parseOptions } from '../parse-options.js';
import { formatScoreSummary } from '../print-score-summary.js';
import { formatMigration, formatStoredRun } from '../print-run.js';
import { runAction } from '../run-action.js';
import { storeBatchSize, withStore } from '../store-option.js';
import { PROBABILITY_FORMATS } from '../../fuse/probability-format.js';
import { distributedScoreAction, registerDistributedScoreOptions } from './distributed-score-command.js';

const ScoreArgs = ingestArgs.extend({
  model: z.string().min(1), out: z.string().min(1), report: z.string().optional(),
  features: z.string().min(1).optional(), idColumn: z.string().min(1).default('client_id'),
  drift: z.string().min(1).optional(), previous: z.string().min(1).optional(), failOn: failOnArg,
  store: z.string().min(1).optional(), storeBatchSize, pipeline: z.string().min(1).default('score'),
  probabilities: z.enum(PROBABILITY_FORMATS).optional(),
  ...driftArgs, driftHistory: z.string().min(1).optional(),
});

export function registerScore(program: Command): void {
  const command = program
    .command('score')
    .description('Score clients with a model: one fused profile per client in scores.csv, and an HTML report');
  registerIngestOptions(command);
  command
    .requiredOption('--model <ref>', 'models/NAME (its champion), models/NAME@challenger, or a bundle folder')
    .option('--out <file>', 'scores CSV to write (required unless --distributed)')
    .option('--report <file>', 'HTML report (default: report.html beside --out)')
    .option('--drift <file>', 'drift, migration and realised accuracy as JSON (default: drift.json beside --out)')
    .option('--previous <file>', 'scores.csv of an earlier run: adds the migration of clients between the runs')
    .option('--fail-on <verdict>', 'exit 10 when the drift verdict is at least this (watch or alert), after writing every result')
    .option('--features <file>', 'score your own feature table with a model trained on one (train --features)')
    .option('--id-column <column>', 'with --features: the client id column', 'client_id')
    .option('--store <url>', 'also store the run: sqlite:PATH, a file path, or postgres://… (atomic; the same inputs again add nothing)')
    .option('--store-batch-size <rows>', 'with --store: scores per store transaction (default 5000 on PostgreSQL, 50000 on SQLite)')
    .option('--pipeline <name>', 'with --store: the pipeline name the run is stored under', 'score')
    .option('--probabilities <format>', 'scores.csv probabilities: rounded (4 decimals, default) or full (every digit of the model\'s float32 output)');
  registerDriftOptions(command)
    .option('--drift-history <files>', 'earlier runs\' drift.json files (comma-separated) a seasonal or pooled --drift-reference chooses from; with --store the store\'s runs are used');
  registerDistributedScoreOptions(command)
    .action((raw: unknown) => runAction(async ({ log, progress, print }) => {
      if ((raw as { distributed?: unknown }).distributed === true) return distributedScoreAction(raw, { log, progress, print });
      const args = parseOptions(ScoreArgs, raw);
      if (args.features !== undefined) {
        const driftFlag = args.driftSettings ?? args.driftExclude ?? args.driftThreshold?.[0] ?? args.driftReference ?? args.driftHistory;
        if (driftFlag !== undefined) throw new PipelineError('config_invalid', 'the --drift-* flags need --clients and --transactions; for a features.csv use `clientseg drift --features` with the same flags');
        if (args.failOn !== undefined || args.previous !== undefined) throw new PipelineError('config_invalid', '--fail-on and --previous need --clients and --transactions; for a features.csv use `clientseg drift --features`');
        if (args.store !== undefined) throw new PipelineError('config_invalid', '--store stores fused profiles; a feature-table model has none, so score it without --store');
        checkOutputPaths([{ label: '--features', path: args.features }], [
          { label: '--out', path: args.out }, { label: '--rejects', path: args.rejects ?? path.join(path.dirname(args.out), 'rejects.csv') },
        ]);
        const { scoreFromTable } = await import('../../jobs/score-from-table.js');
        const result = await scoreFromTable({ model: args.model, featuresPath: args.features, idColumn: args.idColumn, outPath: args.out, rejectsPath: args.rejects ?? path.join(path.dirname(args.out), 'rejects.csv'), probabilities: args.probabilities });
        print(`rows read ${result.table.counts.read}, accepted ${result.table.counts.accepted}, rejected ${result.table.counts.rejected}`);
        print(`scores: ${args.out} (model version ${result.modelVersion}); tiers, life-cycle and needs are not part of a feature-table model`);
        return;
      }
      return scoreAndReport(args, { log, progress, print });
    }));
}

/** Shared by `score` and `sample`: score, write the report, print the summary. */
export async function scoreAndReport(
  args: z.infer<typeof ScoreArgs>,
  tools: Pick<Parameters<Parameters<typeof runAction>[0]>[0], 'log' | 'progress' | 'print'>,
): Promise<number> {
  const options = await ingestOptionsFrom(args, path.dirname(args.out));
  const driftPath = args.drift ?? path.join(path.dirname(args.out), 'drift.json');
  const reportPath = args.report ?? path.join(path.dirname(args.out), 'report.html');
  const driftHistoryPaths = (args.driftHistory ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  checkOutputPaths([...ingestInputs(args), { label: '--previous', path: args.previous }, ...driftHistoryPaths.map((p) => ({ label: '--drift-history', path: p }))], [
    { label: '--out', path: args.out }, { label: '--rejects', path: options.rejectsPath }, { label: '--report', path: reportPath },
    { label: '--drift', path: driftPath }, { label: 'the store file (--store)', path: storeFile(args.store) },
  ]);
  const scoreOptions = {
    ...options, model: args.model, outPath: args.out, driftPath, previousScoresPath: args.previous, requireDrift: args.failOn !== undefined,
    log: tools.log, progress: tools.progress, probabilities: args.probabilities,
    driftSettings: await driftSettingsFromArgs(args),
    driftHistory: driftHistoryPaths.length === 0 ? undefined : await (await import('../../jobs/read-drift-history.js')).readDriftHistory(driftHistoryPaths),
  };
  let result: ScoreResult;
  let stored: string[] = [];
  if (args.store === undefined) {
    const { score } = await import('../../jobs/score.js');
    result = await score(scoreOptions);
  } else {
    const { scoreIntoStore } = await import('../../jobs/score-into-store.js');
    const run = await withStore(args.store, async (store) => {
      const r = await scoreIntoStore({ ...scoreOptions, store, pipeline: args.pipeline, batchSize: args.storeBatchSize });
      return { ...r, location: store.location };
    });
    result = run.score!;
    stored = [formatStoredRun(run.run, run.outcome, run.location)];
    if (run.migration) stored.push(formatMigration(run.migration.previousRunId, run.migration.matrix));
  }
  tools.print(ingestSummary(ingestCountsOf(result.ingest), options.rejectsPath));
  tools.print(formatScoreSummary(result.summary));
  if (result.monitoring !== undefined) tools.print(formatDriftSummary(result.monitoring.drift, driftPath));
  if (result.monitoring?.migration !== undefined) tools.print(formatMigration(args.previous ?? 'the previous scores', result.monitoring.migration));
  try {
    await writeTextAtomically(reportPath, renderScoreReport({ asOf: args.asOf ?? '', modelVersion: result.modelVersion, summary: result.summary, monitoring: result.monitoring, ingest: ingestCountsOf(result.ingest) }), 'report');
  } catch (err) {
    for (const line of stored) tools.print(line);
    throw stored.length === 0 ? err : reportAfterStoredRun(err);
  }
  tools.print(`scores: ${args.out} (model ${result.modelDir}); report: ${reportPath}`);
  for (const line of stored) tools.print(line);
  const gate = driftGateStatus(result.monitoring?.drift.verdict ?? 'ok', args.failOn);
  if (gate.message !== undefined) process.stderr.write(`clientseg: ${gate.message}\n`);
  return gate.status;
}
