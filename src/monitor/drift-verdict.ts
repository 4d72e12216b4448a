/** Three bands a scheduler can gate on: ok, watch (look at it), alert (act: retrain or check the data). */
export const DRIFT_VERDICTS = ['ok', 'watch', 'alert'] as const;
export type DriftVerdict = (typeof DRIFT_VERDICTS)[number];

/** Lower bounds of watch and alert for each statistic (DESIGN.md "Monitoring defaults"). */
export interface DriftThresholds {
  /** PSI: 0.1 minor → watch, 0.25 major → alert. */
  readonly psi: readonly [watch: number, alert: number];
  /** Normalised Wasserstein: 0.1 → watch, twice that → alert. */
  readonly wasserstein: readonly [watch: number, alert: number];
  /** Jensen–Shannon distance (categories, segment and prediction shares): 0.1 → watch, 0.2 → alert. */
  readonly jensenShannon: readonly [watch: number, alert: number];
  /**
   * Fewer rows than this on either side and a verdict is never above `ok` (the statistics are
   * still reported, marked `lowSample`): below it, sampling noise alone crosses the thresholds.
   */
  readonly minRows: number;
}

export const DEFAULT_DRIFT_THRESHOLDS: DriftThresholds = {
  psi: [0.1, 0.25],
  wasserstein: [0.1, 0.2],
  jensenShannon: [0.1, 0.2],
  minRows: 100,
};

/**
 * The band a statistic falls in. A NaN is `ok` (nothing measured); Infinity is `alert`.
 *
 * @example
 * bandOf(0.12, [0.1, 0.25]); // 'watch'
 */
export function bandOf(value: number, [watch, alert]: readonly [number, number]): DriftVerdict {
  if (value >= alert) return 'alert';
  if (value >= watch) return 'watch';
  return 'ok';
}

/** The most severe of several verdicts (`ok` for none). */
export function worstVerdict(verdicts: Iterable<DriftVerdict>): DriftVerdict {
  let worst = 0;
  for (const v of verdicts) worst = Math.max(worst, DRIFT_VERDICTS.indexOf(v));
  return DRIFT_VERDICTS[worst]!;
}

/** True when `verdict` is at least as severe as `gate` (for `--fail-on`). */
export function verdictReaches(verdict: DriftVerdict, gate: DriftVerdict): boolean {
  return DRIFT_VERDICTS.indexOf(verdict) >= DRIFT_VERDICTS.indexOf(gate);
}
