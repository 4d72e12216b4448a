import { selectValues } from '../classify/select-rows.js';
import { ASSET_TIERS } from '../fuse/asset-tier.js';
import type { ClientGroups } from '../fuse/client-groups.js';
import { LIFECYCLE_STAGES } from '../fuse/lifecycle-stage.js';
import { classifierSummary, type ClassifierSummary } from '../monitor/classifier-summary.js';
import { MIN_POSITIVES } from '../monitor/min-positives.js';
import { precisionAtK, rocAuc } from '../monitor/roc-auc.js';
import { MIN_SLICE_ROWS, sliceMetrics, type Slice } from '../monitor/slice-metrics.js';
import type { NeedSliceMetrics, SlicedMetrics } from '../report/training-report.js';

/** A slice's AUC needs this many positives and negatives; fewer make it mostly chance. */
const MIN_CLASS_ROWS = MIN_POSITIVES;

/**
 * The risk classifier's held-out metrics per asset tier and per life-cycle stage, so a model that
 * serves retirees or UHNW clients badly is seen before it is promoted.
 */
export function riskSlices(
  y: Int32Array, proba: Float32Array, classes: readonly string[], testRows: Uint32Array, groups: ClientGroups, minRows = MIN_SLICE_ROWS,
): SlicedMetrics<ClassifierSummary> {
  const c = classes.length;
  const yTest = selectValues(y, 1, testRows);
  const pTest = selectValues(proba, c, testRows);
  const measure = (rows: Uint32Array) => classifierSummary(selectValues(yTest, 1, rows), selectValues(pTest, c, rows), classes);
  return bothWays(testRows, groups, minRows, measure);
}

/** Per-need AUC and precision in the top decile per asset tier and life-cycle stage, on the held-out rows. */
export function needsSlices(
  labels: Uint8Array, proba: Float32Array, needs: readonly string[], testRows: Uint32Array, groups: ClientGroups, minRows = MIN_SLICE_ROWS,
): SlicedMetrics<readonly NeedSliceMetrics[]> {
  const k = needs.length;
  const yTest = selectValues(labels, k, testRows);
  const pTest = selectValues(proba, k, testRows);
  const measure = (rows: Uint32Array): NeedSliceMetrics[] => needs.map((need, j) => {
    const scores = Float64Array.from(rows, (r) => pTest[r * k + j]!);
    const y = Uint8Array.from(rows, (r) => yTest[r * k + j]!);
    const positives = y.reduce((s, v) => s + v, 0);
    const enough = positives >= MIN_CLASS_ROWS && rows.length - positives >= MIN_CLASS_ROWS;
    return { need, positives, auc: enough ? rocAuc(scores, y) : null, precisionAtTopDecile: precisionAtK(scores, y, Math.ceil(rows.length / 10)) };
  });
  return bothWays(testRows, groups, minRows, measure);
}

function bothWays<T>(testRows: Uint32Array, groups: ClientGroups, minRows: number, measure: (rows: Uint32Array) => T): SlicedMetrics<T> {
  const of = (codes: Int8Array) => Int32Array.from(testRows, (i) => codes[i]!);
  const byTier: Slice<T>[] = sliceMetrics(of(groups.tier), ASSET_TIERS, minRows, measure);
  const byLifecycle: Slice<T>[] = sliceMetrics(of(groups.lifecycle), LIFECYCLE_STAGES, minRows, measure);
  return { minRows, byTier, byLifecycle };
}
