import { NEEDS, PRODUCT_RISKS } from '../core/contract.js';
import { yearsBetween, type DayNumber } from '../core/days.js';
import { MISSING_DAY, type ClientTable } from '../core/records.js';
import { ASSET_TIERS, assetTier } from './asset-tier.js';
import { LIFECYCLE_STAGES, lifecycleStage } from './lifecycle-stage.js';
import type { RulesConfig } from './rules-config.js';
import {
  FLAG_ASSESSMENT_DUE, FLAG_MINOR, FLAG_NEAR_TIER_BOUNDARY, FLAG_NEEDS_UNLABELLED, FLAG_RISK_MISMATCH, FLAG_RISK_UNLABELLED, NO_RISK_CLASS, type ScoredColumns,
} from './scored-columns.js';

/** The client fields the rules read, row-indexed like a ClientTable. */
export type ClientColumns = Pick<ClientTable, 'ids' | 'aum' | 'birthDay' | 'marital' | 'dependants' | 'declaredRisk' | 'riskAssessedOn'>;

/** What the models said about the rows of a chunk. */
export interface ChunkPredictions {
  readonly segmentId: Int32Array;
  /** Undefined when the model has no risk classifier. */
  readonly riskClass: Int32Array | undefined;
  /** rows × risk classes. */
  readonly riskProba: Float32Array;
  /** rows × NEEDS; NaN when the model has no needs model. */
  readonly needProba: Float32Array;
  /** The model has no needs model. */
  readonly needsUnlabelled: boolean;
  readonly pensionRegularity: (row: number) => number;
}

const RANK: Readonly<Record<string, number>> = Object.fromEntries(PRODUCT_RISKS.map((r, i) => [r, i]));
const MS_PER_DAY = 86_400_000;

/**
 * fuseProfile and scoresRow for many rows at once, into ScoredColumns and scores.csv lines,
 * without building a profile object per client: the same rules, decisions and bytes
 * (test/fuse/profile-fuser.test.ts holds them to fuseProfile and scoresRow).
 *
 * @example
 * const fuser = new ProfileFuser(rules, needThresholds, ['conservative', 'balanced', 'aggressive'], asOf);
 * fuser.fuse(columns, i, clients, first + i, predictions, i);
 */
export class ProfileFuser {
  private readonly needRank: Int32Array;
  private readonly asOfYear: number;
  private readonly asOfMonthDay: number;

  constructor(
    private readonly rules: RulesConfig,
    private readonly needThresholds: readonly number[],
    private readonly riskClasses: readonly string[],
    private readonly asOf: DayNumber,
  ) {
    this.needRank = Int32Array.from(NEEDS, (n) => RANK[rules.suitability.needProductRisk[n]]!);
    const d = new Date(asOf * MS_PER_DAY);
    this.asOfYear = d.getUTCFullYear();
    this.asOfMonthDay = (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
  }

  /** Fuses client row `client` with prediction row `p` into row `row` of `out`. */
  fuse(out: ScoredColumns, row: number, clients: ClientColumns, client: number, m: ChunkPredictions, p: number): void {
    const k = NEEDS.length;
    const c = this.riskClasses.length;
    const tier = assetTier(clients.aum[client]!, this.rules.tiers);
    const stage = lifecycleStage({
      age: this.age(clients.birthDay[client]!),
      marital: clients.marital[client]!,
      dependants: clients.dependants[client]!,
      pensionRegularity: m.pensionRegularity(p),
    }, this.rules.lifecycle);
    const declared = clients.declaredRisk[client];
    const assessedOn = clients.riskAssessedOn[client]!;
    const suit = this.rules.suitability;
    const valid = declared !== undefined && (assessedOn === MISSING_DAY || this.asOf - assessedOn <= suit.assessmentMaxAgeDays);
    const ceiling = declared !== undefined && valid ? suit.maxProductRisk[declared] : undefined;
    const minor = stage === 'minor';
    // A minor may hold R1 products only, whatever the questionnaire says.
    const level = ceiling === undefined || minor ? 0 : RANK[ceiling]!;
    // Needs at or above their threshold, strongest first, ties in NEEDS order (insertion keeps it).
    let n = 0;
    let above = 0;
    const order = out.needOrder;
    const base = row * k;
    for (let j = 0; j < k; j++) {
      const v = m.needProba[p * k + j]!;
      if (!(v >= this.needThresholds[j]!)) continue;
      let at = n;
      while (at > 0 && m.needProba[p * k + order[base + at - 1]!]! < v) { order[base + at] = order[base + at - 1]!; at--; }
      order[base + at] = j;
      n++;
      if (this.needRank[j]! > level) above |= 1 << j;
    }
    for (let r = n; r < k; r++) order[base + r] = -1;
    const riskClass = m.riskClass === undefined ? NO_RISK_CLASS : m.riskClass[p]!;
    out.segmentId[row] = m.segmentId[p]!;
    out.riskClass[row] = riskClass;
    for (let j = 0; j < c; j++) out.riskProba[row * c + j] = m.riskProba[p * c + j]!;
    for (let j = 0; j < k; j++) out.needProba[row * k + j] = m.needProba[p * k + j]!;
    out.tier[row] = ASSET_TIERS.indexOf(tier.tier);
    out.stage[row] = LIFECYCLE_STAGES.indexOf(stage);
    out.suitability[row] = level;
    out.aboveLevel[row] = above;
    out.flags[row] = (tier.nearBoundary ? FLAG_NEAR_TIER_BOUNDARY : 0)
      | (declared !== undefined && m.riskClass !== undefined && declared !== this.riskClasses[riskClass] ? FLAG_RISK_MISMATCH : 0)
      | (valid ? 0 : FLAG_ASSESSMENT_DUE)
      | (minor ? FLAG_MINOR : 0)
      | (m.riskClass === undefined ? FLAG_RISK_UNLABELLED : 0)
      | (m.needsUnlabelled ? FLAG_NEEDS_UNLABELLED : 0);
  }

  /** Whole years from a birth day to as-of, as yearsBetween counts them, without Date objects. */
  private age(birth: DayNumber): number {
    if (!(birth > -1e8 && birth < 1e8)) return yearsBetween(birth, this.asOf);
    const { year, monthDay } = civil(birth);
    return this.asOfYear - year - (this.asOfMonthDay < monthDay ? 1 : 0);
  }
}

/** Year and month × 100 + day of a UTC day number (H. Hinnant's civil_from_days). */
function civil(day: number): { year: number; monthDay: number } {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (m <= 2 ? 1 : 0), monthDay: m * 100 + d };
}
