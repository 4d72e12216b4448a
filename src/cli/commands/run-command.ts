import type { Command } from 'commander';
import { z } from 'zod';
import type { PipelineResult } from '../../jobs/run-pipeline.js';
import { PipelineError } from '../../core/errors.js';
import { loadPipeline } from '../../pipeline/load-pipeline.js';
import { driftArgs, driftSettingsFromArgs, registerDriftOptions } from '../drift-options.js';
import { EXIT } from '../exit-codes.js';
import { parseOptions } from '../parse-options.js';
import { formatMigration, formatStoredRun } from '../print-run.js';
import { runAction } from '../run-action.js';

const RunArgs = z.strictObject({ store: z.string().min(1).optional(), actor: z.string().min(1).default('scheduler'), ...driftArgs });

export function registerRun(program: Command): void {
  const command = program
    .command('run')
    .description('Run a pipeline file (pipelines/*.json): the nightly scoring job or the monthly retrain, with its gates and exit code')
    .argument('<pipeline>', 'pipeline file, e.g. pipelines/nightly-score.json')
    .option('--store <url>', 'use this store instead of the pipeline\'s: sqlite:PATH, a file path, or postgres://…')
    .option('--actor <name>', 'who runs it, for the audit log', 'scheduler');
  registerDriftOptions(command)
    .action((file: string, raw: unknown) => runAction(async ({ log, progress, print }) => {
      const args = parseOptions(RunArgs, raw);
      const pipeline = await loadPipeline(file);
      const { runPipeline } = await import('../../jobs/run-pipeline.js');
      if (pipeline.kind !== 'score' && (args.driftSettings ?? args.driftExclude ?? args.driftThreshold?.[0] ?? args.driftReference) !== undefined) {
        throw new PipelineError('config_invalid', 'the --drift-* flags apply to score pipelines; a retrain pipeline measures no drift');
      }
      const driftSettings = await driftSettingsFromArgs(args);
      const result = await runPipeline(pipeline, { store: args.store, actor: args.actor, log, progress, driftSettings });
      for (const line of describe(result)) print(line);
      return exitStatus(result);
    }));
}

/** A gate that fails is the scheduler's signal: the run is stored, the exit status says what to look at. */
export function exitStatus(result: PipelineResult): number {
  if (result.kind === 'score') return result.driftGate.failed ? EXIT.driftGate : EXIT.ok;
  return result.outcome === 'refused' ? EXIT.gateFailed : EXIT.ok;
}

function describe(result: PipelineResult): string[] {
  if (result.kind === 'score') {
    const lines = [formatStoredRun(result.run, result.outcome, result.storeLocation)];
    if (result.outcome === 'completed') lines.push(`report: ${result.outputDir}/report.html, ${result.outputDir}/run-report.json`);
    if (result.migration) lines.push(formatMigration(result.migration.previousRunId, result.migration.matrix));
    if (result.pruned.length) lines.push(`retention: deleted ${result.pruned.length} old run(s): ${result.pruned.join(', ')}`);
    const g = result.driftGate;
    lines.push(g.verdict === null ? 'drift: not computed by this scoring' : `drift: ${g.verdict} (gate fails on ${g.failOn})${g.failed ? ' — GATE FAILED' : ''}`);
    return lines;
  }
  const lines = [`retrain ${result.modelDir}: challenger ${result.challenger}, champion ${result.champion ?? '—'} → ${result.outcome.replaceAll('_', ' ')}`];
  for (const g of result.gates) {
    const value = (x: number | null) => (x === null ? '—' : x.toFixed(4));
    lines.push(`  ${g.passed ? 'pass' : 'FAIL'}  ${g.metric} (${g.better} is better): challenger ${value(g.challenger)}, champion ${value(g.champion)}${g.reason ? ` — ${g.reason}` : ''}`);
  }
  lines.push(`report: ${result.outputDir}/retrain-report.json`);
  return lines;
}
