import { NEEDS, PRODUCT_RISKS } from '../core/contract.js';
import type { ClientTable } from '../core/records.js';
import { ASSET_TIERS, TIER_CODES, type AssetTier } from './asset-tier.js';
import type { ClientProfile } from './client-profile.js';
import { LIFECYCLE_STAGES } from './lifecycle-stage.js';

/** Bits of `ScoredColumns.flags`, in the order the flags are listed. */
export const FLAG_NEAR_TIER_BOUNDARY = 1;
export const FLAG_RISK_MISMATCH = 2;
export const FLAG_ASSESSMENT_DUE = 4;
export const FLAG_MINOR = 8;
/** The model has no risk classifier (trained without usable labels): no risk segment. */
export const FLAG_RISK_UNLABELLED = 16;
/** The model has no needs model (no take-ups in its training horizon): no needs. */
export const FLAG_NEEDS_UNLABELLED = 32;
/** `riskClass` of a row scored by a model without a risk classifier. */
export const NO_RISK_CLASS = 255;

/**
 * Fused profiles held column-wise: a few typed arrays per client instead of an object with
 * arrays and strings, so a million profiles cost tens of MiB and cross between threads as
 * transferable buffers. `profileAt` rebuilds the ClientProfile of one row.
 */
export interface ScoredColumns {
  readonly rows: number;
  /** Stable behavioural segment id. */
  readonly segmentId: Int32Array;
  /** Index into the model's risk classes; NO_RISK_CLASS without a risk classifier. */
  readonly riskClass: Uint8Array;
  /** rows × risk classes. */
  readonly riskProba: Float32Array;
  /** rows × NEEDS; NaN without a needs model. */
  readonly needProba: Float32Array;
  /** Index into ASSET_TIERS. */
  readonly tier: Uint8Array;
  /** Index into LIFECYCLE_STAGES. */
  readonly stage: Uint8Array;
  /** Index into PRODUCT_RISKS: the suitability ceiling. */
  readonly suitability: Uint8Array;
  /** FLAG_* bits. */
  readonly flags: Uint8Array;
  /** rows × NEEDS: the needs above threshold, strongest first, then -1. */
  readonly needOrder: Int8Array;
  /** Bit j: need j is above the client's level (flagged, not recommended). */
  readonly aboveLevel: Uint8Array;
  /** Row i's reasons are `reasonCodes[reasonStart[i] .. reasonStart[i + 1]]`, indices into a ReasonVocabulary. */
  readonly reasonStart: Int32Array;
  readonly reasonCodes: Uint16Array;
}

/** What turns codes back into words: the model's classes, segment names and reason codes. */
export interface ProfileVocabulary {
  readonly riskClasses: readonly string[];
  readonly segmentName: (id: number) => string;
  readonly reasons: readonly string[];
}

/** What places a client in each dimension: its segment, risk class and asset tier. */
export interface ClientCategories {
  readonly clientId: string;
  readonly behaviourSegment: number;
  readonly riskSegment: string;
  readonly assetTier: AssetTier;
}

/**
 * Row i's categories, read off the columns without building its profile (migration between runs
 * reads a million of them); `clients` row `first + i` is its client.
 *
 * @example
 * categoriesAt(columns, 0, clients, 0, ['conservative', 'balanced', 'aggressive']).riskSegment // 'balanced'
 */
export function categoriesAt(c: ScoredColumns, i: number, clients: ClientTable, first: number, riskClasses: readonly string[]): ClientCategories {
  return {
    clientId: clients.ids[first + i]!,
    behaviourSegment: c.segmentId[i]!,
    riskSegment: riskClasses[c.riskClass[i]!] ?? '',
    assetTier: ASSET_TIERS[c.tier[i]!]!,
  };
}

/**
 * Row i of `columns` as a ClientProfile; `clients` row `first + i` is its client.
 *
 * @example
 * const p = profileAt(columns, 0, clients, 0, vocabulary);
 */
export function profileAt(c: ScoredColumns, i: number, clients: ClientTable, first: number, v: ProfileVocabulary): ClientProfile {
  const k = NEEDS.length;
  const classes = v.riskClasses.length;
  const { clientId, assetTier: tier, behaviourSegment: segmentId, riskSegment } = categoriesAt(c, i, clients, first, v.riskClasses);
  const candidates: (typeof NEEDS)[number][] = [];
  for (let r = 0; r < k; r++) {
    const j = c.needOrder[i * k + r]!;
    if (j < 0) break;
    candidates.push(NEEDS[j]!);
  }
  const above = c.aboveLevel[i]!;
  const flags: string[] = [];
  if (c.flags[i]! & FLAG_NEAR_TIER_BOUNDARY) flags.push('near_tier_boundary');
  if (c.flags[i]! & FLAG_RISK_MISMATCH) flags.push('risk_mismatch');
  if (c.flags[i]! & FLAG_ASSESSMENT_DUE) flags.push('assessment_due');
  if (c.flags[i]! & FLAG_MINOR) flags.push('minor');
  if (c.flags[i]! & FLAG_RISK_UNLABELLED) flags.push('risk_unlabelled');
  if (c.flags[i]! & FLAG_NEEDS_UNLABELLED) flags.push('needs_unlabelled');
  for (const need of candidates) if (above & (1 << NEEDS.indexOf(need))) flags.push(`need_above_level:${need}`);
  const reasons: string[] = [];
  for (let r = c.reasonStart[i]!; r < c.reasonStart[i + 1]!; r++) reasons.push(v.reasons[c.reasonCodes[r]!]!);
  return {
    clientId,
    assetTier: tier,
    tierCode: TIER_CODES[tier],
    lifecycleStage: LIFECYCLE_STAGES[c.stage[i]!]!,
    behaviourSegment: segmentId,
    behaviourSegmentName: v.segmentName(segmentId),
    riskSegment,
    riskProbabilities: Array.from(c.riskProba.subarray(i * classes, (i + 1) * classes)),
    declaredRisk: clients.declaredRisk[first + i],
    suitability: PRODUCT_RISKS[c.suitability[i]!]!,
    predictedNeeds: candidates.filter((need) => !(above & (1 << NEEDS.indexOf(need)))),
    needPropensities: c.flags[i]! & FLAG_NEEDS_UNLABELLED ? [] : Array.from(c.needProba.subarray(i * k, (i + 1) * k)),
    reasons,
    flags,
  };
}

/**
 * Every row's profile, built on first access and kept: a lazily filled array for callers that
 * want objects, while scoring itself never builds them.
 *
 * @example
 * const profiles = profilesOf(columns, clients, vocabulary);
 */
export function profilesOf(c: ScoredColumns, clients: ClientTable, v: ProfileVocabulary): ClientProfile[] {
  const out: ClientProfile[] = new Array<ClientProfile>(c.rows);
  for (let i = 0; i < c.rows; i++) out[i] = profileAt(c, i, clients, 0, v);
  return out;
}

/** Empty columns for `rows` clients of a model with `classes` risk classes and `reasons` reason codes in all. */
export function allocateScoredColumns(rows: number, classes: number, reasons: number): ScoredColumns {
  const k = NEEDS.length;
  return {
    rows,
    segmentId: new Int32Array(rows), riskClass: new Uint8Array(rows),
    riskProba: new Float32Array(rows * classes), needProba: new Float32Array(rows * k),
    tier: new Uint8Array(rows), stage: new Uint8Array(rows), suitability: new Uint8Array(rows), flags: new Uint8Array(rows),
    needOrder: new Int8Array(rows * k).fill(-1), aboveLevel: new Uint8Array(rows),
    reasonStart: new Int32Array(rows + 1), reasonCodes: new Uint16Array(reasons),
  };
}

/**
 * One set of columns from consecutive parts, in order.
 *
 * @example
 * const all = concatScoredColumns([first, second]);
 */
export function concatScoredColumns(parts: readonly ScoredColumns[]): ScoredColumns {
  const rows = parts.reduce((n, p) => n + p.rows, 0);
  const reasons = parts.reduce((n, p) => n + p.reasonStart[p.rows]!, 0);
  const classes = rows === 0 ? 0 : parts.find((p) => p.rows > 0)!.riskProba.length / parts.find((p) => p.rows > 0)!.rows;
  const out = allocateScoredColumns(rows, classes, reasons);
  let row = 0;
  let reason = 0;
  const k = NEEDS.length;
  for (const p of parts) {
    out.segmentId.set(p.segmentId, row); out.riskClass.set(p.riskClass, row);
    out.riskProba.set(p.riskProba, row * classes); out.needProba.set(p.needProba, row * k);
    out.tier.set(p.tier, row); out.stage.set(p.stage, row); out.suitability.set(p.suitability, row); out.flags.set(p.flags, row);
    out.needOrder.set(p.needOrder, row * k); out.aboveLevel.set(p.aboveLevel, row);
    for (let i = 0; i < p.rows; i++) out.reasonStart[row + i] = reason + p.reasonStart[i]!;
    out.reasonCodes.set(p.reasonCodes.subarray(0, p.reasonStart[p.rows]!), reason);
    row += p.rows;
    reason += p.reasonStart[p.rows]!;
  }
  out.reasonStart[rows] = reason;
  return out;
}
