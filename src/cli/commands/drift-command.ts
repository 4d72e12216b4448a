import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { checkOutputPaths } from '../../core/check-output-paths.js';
import { PipelineError } from '../../core/errors.js';
import { writeLinesAtomically } from '../../core/write-lines-atomically.js';
import { stableJson } from '../../registry/stable-json.js';
import { driftGateStatus, failOnArg } from '../drift-gate.js';
import { driftArgs, driftSettingsFromArgs, registerDriftOptions } from '../drift-options.js';
import { parseOptions } from '../parse-options.js';
import { formatDriftSummary } from '../print-drift-summary.js';
import { runAction } from '../run-action.js';

const DriftArgs = z.strictObject({
  model: z.string().min(1), features: z.string().min(1), out: z.string().min(1).optional(),
  rejects: z.string().min(1).optional(), failOn: failOnArg, ...driftArgs,
});

export function registerDrift(program: Command): void {
  const command = program
    .command('drift')
    .description('Drift of a features.csv (from `clientseg features`) against a model\'s reference, as drift.json')
    .requiredOption('--model <ref>', 'models/NAME (its champion), models/NAME@challenger, or a bundle folder')
    .requiredOption('--features <file>', 'features CSV written by `clientseg features`')
    .option('--out <file>', 'drift JSON to write (default: drift.json beside --features)')
    .option('--rejects <file>', 'where unreadable feature rows go (default: rejects.csv beside --out)')
    .option('--fail-on <verdict>', 'exit 10 when the drift verdict is at least this (watch or alert), after writing drift.json');
  registerDriftOptions(command)
    .action((raw: unknown) => runAction(async ({ print }) => {
      const args = parseOptions(DriftArgs, raw);
      const out = args.out ?? path.join(path.dirname(args.features), 'drift.json');
      const rejectsPath = args.rejects ?? path.join(path.dirname(out), 'rejects.csv');
      checkOutputPaths([{ label: '--features', path: args.features }], [{ label: '--out', path: out }, { label: '--rejects', path: rejectsPath }]);
      const { driftFromFeatures } = await import('../../jobs/drift-from-features.js');
      const settings = await driftSettingsFromArgs(args);
      if (settings?.reference !== undefined && settings.reference.kind !== 'model') {
        throw new PipelineError('config_invalid', 'a seasonal or pooled reference needs earlier runs: use `clientseg score --drift-history` or `--store`');
      }
      const result = await driftFromFeatures({ model: args.model, featuresPath: args.features, rejectsPath, settings });
      const { verdict, ...rest } = result.drift;
      const body = stableJson({ ...rest, modelVersion: result.modelVersion, counts: result.counts });
      await writeLinesAtomically(out, [`{\n  "verdict": ${JSON.stringify(verdict)},${body.slice(1).trimEnd()}`], 'drift file');
      print(`rows read ${result.rows.read}, accepted ${result.rows.accepted}, rejected ${result.rows.rejected}`);
      print(formatDriftSummary(result.drift, out));
      const gate = driftGateStatus(verdict, args.failOn);
      if (gate.message !== undefined) process.stderr.write(`clientseg: ${gate.message}\n`);
      return gate.status;
    }));
}
