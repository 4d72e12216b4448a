import { formatDay, type DayNumber } from '../core/days.js';
import { verdictReaches, type DriftVerdict } from '../monitor/drift-verdict.js';
import { driftJson, type ScoreResult } from './score.js';

export interface RunDrift {
  readonly verdict: DriftVerdict;
  /** drift.json's document: what the store keeps for the run. */
  readonly document: unknown;
}

/**
 * The drift a scoring result carries, as the store keeps it: undefined when the model's drift
 * reference is too old to measure drift, and the run is then stored with no verdict.
 */
export function driftOfScore(result: Pick<ScoreResult, 'monitoring' | 'modelVersion'>, asOf: DayNumber): RunDrift | undefined {
  if (result.monitoring === undefined) return undefined;
  return { verdict: result.monitoring.drift.verdict, document: JSON.parse(driftJson(result.monitoring, formatDay(asOf), result.modelVersion)) as unknown };
}

/** True when a verdict reaches the gate's level (ok < watch < alert); 'never' never fails. */
export function driftGateFails(verdict: DriftVerdict | undefined, failOn: DriftVerdict | 'never'): boolean {
  return verdict !== undefined && failOn !== 'never' && verdictReaches(verdict, failOn);
}
