import { DRIFT_VERDICTS, type DriftVerdict } from '../store/store.js';

export interface RunDrift {
  readonly verdict: DriftVerdict;
  /** The drift report as scoring produced it (stored as a JSON document). */
  readonly document: unknown;
}

/**
 * The drift a scoring result carries, when the scoring computed one: a `drift` object with a
 * top-level `verdict` of ok, watch or alert. Scoring without drift gives undefined, and the run
 * is stored with no verdict.
 */
export function driftOfScore(result: object): RunDrift | undefined {
  const drift = (result as { drift?: unknown }).drift;
  if (drift === null || typeof drift !== 'object') return undefined;
  const verdict = (drift as { verdict?: unknown }).verdict;
  if (!(DRIFT_VERDICTS as readonly unknown[]).includes(verdict)) return undefined;
  return { verdict: verdict as DriftVerdict, document: drift };
}

/** True when a verdict reaches the gate's level (ok < watch < alert); 'never' never fails. */
export function driftGateFails(verdict: DriftVerdict | undefined, failOn: DriftVerdict | 'never'): boolean {
  if (verdict === undefined || failOn === 'never') return false;
  return DRIFT_VERDICTS.indexOf(verdict) >= DRIFT_VERDICTS.indexOf(failOn);
}
