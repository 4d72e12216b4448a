import { z } from 'zod';
import { dayNumber, type DayNumber } from '../core/days.js';
import { PipelineError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Progress } from '../core/progress.js';
import { ARCHETYPE_NAMES, ARCHETYPES, type ArchetypeName } from './archetypes.js';

/** Options of `generateClientBase`. */
export interface GenerateOptions {
  /** Number of clients, 1–9,999,999 (ids are C + 7 digits). */
  clients: number;
  seed: number | string;
  /** Directory for clients.csv, transactions.csv and truth.csv; created when missing. */
  outDir: string;
  /** Default 2026-06-30. */
  asOf?: DayNumber;
  /** Default 12: calendar months of history before (and including) the as-of date. */
  months?: number;
  /** Default 90: days of activity after the as-of date, where needs are taken up. */
  horizonDays?: number;
  /** Default 0.15: chance the declared risk differs from the true tolerance (moves one level). */
  questionnaireNoise?: number;
  /** Default 0.10: share of clients without declared_risk (and risk_assessed_on). */
  missingDeclaredShare?: number;
  /** Default 0.05: share with risk_assessed_on more than 3 years before the as-of date. */
  staleAssessmentShare?: number;
  /** Default ARCHETYPES' shares; the given ones replace theirs and the mix is renormalised. */
  archetypeShares?: Partial<Record<ArchetypeName, number>>;
  /** Default 1: multiplies every written amount (transactions and AUM), for drift tests. */
  amountScale?: number;
  progress?: Progress;
  log?: Logger;
}

const share = z.number().min(0).max(1);
const GenerateOptionsSchema = z.strictObject({
  clients: z.number().int().min(1).max(9_999_999),
  seed: z.union([z.number().finite(), z.string().min(1)]),
  outDir: z.string().min(1),
  asOf: z.number().int().optional(),
  months: z.number().int().min(1).max(120).optional(),
  horizonDays: z.number().int().min(1).max(730).optional(),
  questionnaireNoise: share.optional(),
  missingDeclaredShare: share.optional(),
  staleAssessmentShare: share.optional(),
  archetypeShares: z.partialRecord(z.enum(ARCHETYPE_NAMES), z.number().min(0).finite()).optional(),
  amountScale: z.number().positive().finite().optional(),
  progress: z.custom<Progress>((v) => typeof v === 'object' && v !== null).optional(),
  log: z.custom<Logger>((v) => typeof v === 'object' && v !== null).optional(),
});

export interface ResolvedGenerateOptions {
  readonly clients: number;
  readonly seed: number | string;
  readonly outDir: string;
  readonly asOf: DayNumber;
  readonly months: number;
  readonly horizonDays: number;
  readonly questionnaireNoise: number;
  readonly missingDeclaredShare: number;
  readonly staleAssessmentShare: number;
  /** Normalised shares in ARCHETYPES order. */
  readonly shares: readonly number[];
  readonly amountScale: number;
}

/** Validates the options and fills the defaults; bad options throw `config_invalid`. */
export function resolveGenerateOptions(options: GenerateOptions): ResolvedGenerateOptions {
  const parsed = GenerateOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new PipelineError('config_invalid', `generate options are invalid (${oneLine(z.prettifyError(parsed.error))}); fix them and retry`, {
      issues: parsed.error.issues,
    });
  }
  const o = parsed.data;
  const raw = ARCHETYPES.map((a) => o.archetypeShares?.[a.name] ?? a.defaultShare);
  const total = raw.reduce((s, w) => s + w, 0);
  if (!(total > 0)) {
    throw new PipelineError('config_invalid', 'archetypeShares leave every archetype at 0; give at least one a positive share', {});
  }
  return {
    clients: o.clients, seed: o.seed, outDir: o.outDir,
    asOf: o.asOf ?? dayNumber(2026, 6, 30),
    months: o.months ?? 12,
    horizonDays: o.horizonDays ?? 90,
    questionnaireNoise: o.questionnaireNoise ?? 0.15,
    missingDeclaredShare: o.missingDeclaredShare ?? 0.1,
    staleAssessmentShare: o.staleAssessmentShare ?? 0.05,
    shares: raw.map((w) => w / total),
    amountScale: o.amountScale ?? 1,
  };
}

function oneLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0).join(' ');
}
