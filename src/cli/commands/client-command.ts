import type { Command } from 'commander';
import { z } from 'zod';
import { PipelineError } from '../../core/errors.js';
import type { ClientHistoryEntry } from '../../store/store.js';
import { parseOptions } from '../parse-options.js';
import { runAction } from '../run-action.js';
import { registerStoreOption, withStore } from '../store-option.js';

const ClientArgs = z.strictObject({ store: z.string().min(1).optional(), json: z.boolean().optional() });

export function registerClient(program: Command): void {
  const command = program
    .command('client')
    .description('One client\'s profile from the latest completed run, and its history across runs')
    .argument('<client-id>', 'the client\'s id')
    .option('--json', 'JSON: { current, history }');
  registerStoreOption(command).action((clientId: string, raw: unknown) => runAction(async ({ print }) => {
    const args = parseOptions(ClientArgs, raw);
    const history = await withStore(args.store, (store) => store.clientHistory(clientId), { readOnly: true });
    if (history.length === 0) throw new PipelineError('input_missing', 'no completed run holds this client id; check the id, or list the runs with `clientseg runs`');
    print(args.json ? JSON.stringify({ current: history[0], history }, null, 2) : formatClient(history));
  }));
}

/** The current profile in full, then one line per run. */
export function formatClient(history: readonly ClientHistoryEntry[]): string {
  const now = history[0]!;
  const pct = (p: number) => `${(100 * p).toFixed(0)}%`;
  const lines = [
    `client ${now.clientId} (advisor ${now.advisorId ?? '—'}), run ${now.runId}, as of ${now.asOf}, model ${now.modelVersion}`,
    `tier: ${now.assetTier} (${now.tierCode}); life-cycle: ${now.lifecycleStage}`,
    `behaviour: ${now.behaviourSegment} ${now.behaviourSegmentName} / ${now.behaviourSegmentNameEn}`,
    `risk: ${now.riskSegment} (${Object.entries(now.riskProbabilities).map(([c, p]) => `${c} ${pct(p)}`).join(', ')}); declared ${now.declaredRisk ?? '—'}; suitability up to ${now.suitability}`,
    `needs: ${now.predictedNeeds.join(', ') || '—'} (${Object.entries(now.needPropensities).sort(([, a], [, b]) => b - a).slice(0, 3).map(([n, p]) => `${n} ${pct(p)}`).join(', ')})`,
    `reasons: ${now.reasons.join(', ') || '—'}`,
    `flags: ${now.flags.join(', ') || '—'}`,
    '',
    'history (newest first):',
    ...history.map((h) => `  ${h.asOf}  ${h.runId}  ${h.assetTier.padEnd(4)}  segment ${h.behaviourSegment}  ${h.riskSegment.padEnd(12)}  ${h.predictedNeeds.join(';') || '—'}`),
  ];
  return lines.join('\n');
}
