import type { Command } from 'commander';
import { z } from 'zod';
import { PipelineError } from '../core/errors.js';
import { mergeDriftSettings, type DriftReferenceRule, type DriftSettings, type FeatureDriftRule } from '../monitor/drift-settings.js';
import { loadDriftSettings } from '../pipeline/load-drift-settings.js';

/** The drift flags shared by `score` and `run`. */
export const driftArgs = {
  driftSettings: z.string().min(1).optional(),
  driftExclude: z.string().min(1).optional(),
  driftThreshold: z.array(z.string().min(1)).optional(),
  driftReference: z.string().min(1).optional(),
};

type DriftArgs = { readonly [K in keyof typeof driftArgs]?: z.infer<(typeof driftArgs)[K]> };

const STATISTICS = ['psi', 'wasserstein', 'jensenShannon'] as const;

export function registerDriftOptions(command: Command): Command {
  return command
    .option('--drift-settings <file>', 'drift settings JSON (the same as a pipeline\'s "drift" block): bands, per-feature rules, reference')
    .option('--drift-exclude <names>', 'features or columns (comma-separated) measured but left out of the drift verdict, e.g. recency_days')
    .option('--drift-threshold <rule>', 'a band: [FEATURE.]STAT=WATCH,ALERT with STAT psi, wasserstein or jensenShannon, e.g. recency_days.psi=0.2,0.5 (repeatable)',
      (value: string, previous: string[] = []) => [...previous, value])
    .option('--drift-reference <rule>', 'what drift is measured against: model (default), seasonal[:MONTHS] (the run MONTHS months before, default 12) or pooled:MONTHS');
}

/**
 * The drift settings of the flags, over `base` (a pipeline's block): the file first, then
 * exclusions and bands, then the reference. Undefined when no flag and no base gives any.
 */
export async function driftSettingsFromArgs(args: DriftArgs, base?: DriftSettings): Promise<DriftSettings | undefined> {
  let settings = mergeDriftSettings(base, args.driftSettings === undefined ? undefined : await loadDriftSettings(args.driftSettings));
  const features: Record<string, FeatureDriftRule> = {};
  const thresholds: Record<string, readonly [number, number]> = {};
  for (const name of (args.driftExclude ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')) features[name] = { exclude: true };
  for (const rule of args.driftThreshold ?? []) {
    const m = /^(?:([A-Za-z0-9_]+)\.)?(psi|wasserstein|jensenShannon)=([0-9.eE+-]+),([0-9.eE+-]+)$/.exec(rule);
    const watch = Number(m?.[3]), alert = Number(m?.[4]);
    if (m === null || !Number.isFinite(watch) || !Number.isFinite(alert) || watch < 0 || watch > alert) {
      throw new PipelineError('config_invalid', `--drift-threshold ${rule}: expected [FEATURE.]STAT=WATCH,ALERT with STAT one of ${STATISTICS.join(', ')} and 0 ≤ WATCH ≤ ALERT, e.g. recency_days.psi=0.2,0.5`);
    }
    const stat = m[2] as (typeof STATISTICS)[number];
    if (m[1] === undefined) thresholds[stat] = [watch, alert];
    else features[m[1]] = { ...features[m[1]], [stat]: [watch, alert] };
  }
  const reference = args.driftReference === undefined ? undefined : referenceRule(args.driftReference);
  const flags: DriftSettings = {
    ...(Object.keys(thresholds).length === 0 ? {} : { thresholds }),
    ...(Object.keys(features).length === 0 ? {} : { features }),
    ...(reference === undefined ? {} : { reference }),
  };
  settings = mergeDriftSettings(settings, Object.keys(flags).length === 0 ? undefined : flags);
  return settings;
}

function referenceRule(text: string): DriftReferenceRule {
  if (text === 'model') return { kind: 'model' };
  const m = /^(seasonal|pooled)(?::(\d{1,2}))?$/.exec(text);
  const months = m?.[2] === undefined ? undefined : Number(m[2]);
  if (m !== null && m[1] === 'seasonal' && (months === undefined || (months >= 1 && months <= 60))) return { kind: 'seasonal', monthsBack: months ?? 12, toleranceDays: 3 };
  if (m !== null && m[1] === 'pooled' && months !== undefined && months >= 1 && months <= 36) return { kind: 'pooled', months };
  throw new PipelineError('config_invalid', `--drift-reference ${text}: expected model, seasonal, seasonal:MONTHS (1–60) or pooled:MONTHS (1–36)`);
}
