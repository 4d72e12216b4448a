import { NEEDS, PRODUCT_RISKS } from '../core/contract.js';
import { yearsBetween, type DayNumber } from '../core/days.js';
import { MISSING_DAY, type ClientTable } from '../core/records.js';
import { csvField } from '../core/write-lines-atomically.js';
import { ASSET_TIERS, assetTier, TIER_CODES } from './asset-tier.js';
import { formatProbability } from './format-probability.js';
import { LIFECYCLE_STAGES, lifecycleStage } from './lifecycle-stage.js';
import type { RulesConfig } from './rules-config.js';
import { FLAG_ASSESSMENT_DUE, FLAG_NEAR_TIER_BOUNDARY, FLAG_RISK_MISMATCH, type ScoredColumns } from './scored-columns.js';

/** The client fields the rules read, row-indexed like a ClientTable. */
export type ClientColumns = Pick<ClientTable, 'ids' | 'aum' | 'birthDay' | 'marital' | 'dependants' | 'declaredRisk' | 'riskAssessedOn'>;

/** What the models said about the rows of a chunk. */
export interface ChunkPredictions {
  readonly segmentId: Int32Array;
  readonly riskClass: Int32Array;
  /** rows × risk classes. */
  readonly riskProba: Float32Array;
  /** rows × NEEDS. */
  readonly needProba: Float32Array;
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
    const level = ceiling === undefined ? 0 : RANK[ceiling]!;
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
    const riskClass = m.riskClass[p]!;
    out.segmentId[row] = m.segmentId[p]!;
    out.riskClass[row] = riskClass;
    for (let j = 0; j < c; j++) out.riskProba[row * c + j] = m.riskProba[p * c + j]!;
    for (let j = 0; j < k; j++) out.needProba[row * k + j] = m.needProba[p * k + j]!;
    out.tier[row] = ASSET_TIERS.indexOf(tier.tier);
    out.stage[row] = LIFECYCLE_STAGES.indexOf(stage);
    out.suitability[row] = level;
    out.aboveLevel[row] = above;
    out.flags[row] = (tier.nearBoundary ? FLAG_NEAR_TIER_BOUNDARY : 0)
      | (declared !== undefined && declared !== this.riskClasses[riskClass] ? FLAG_RISK_MISMATCH : 0)
      | (valid ? 0 : FLAG_ASSESSMENT_DUE);
  }

  /** Whole years from a birth day to as-of, as yearsBetween counts them, without Date objects. */
  private age(birth: DayNumber): number {
    if (!(birth > -1e8 && birth < 1e8)) return yearsBetween(birth, this.asOf);
    const { year, monthDay } = civil(birth);
    return this.asOfYear - year - (this.asOfMonthDay < monthDay ? 1 : 0);
  }
}

/**
 * Writes scores.csv lines (each ending in a newline) for rows of ScoredColumns: scoresRow's bytes.
 *
 * @example
 * const text = new ScoresLineWriter(asOf, version, classes, (id) => names.get(id)!, vocabulary).lines(columns, clients, 0);
 */
export class ScoresLineWriter {
  /** Each segment's name field, UTF-8 encoded once. */
  private readonly names = new Map<number, Buffer>();
  private readonly middle: string;

  constructor(
    asOf: string,
    modelVersion: string,
    private readonly riskClasses: readonly string[],
    private readonly segmentName: (id: number) => string,
    private readonly reasons: readonly string[],
  ) {
    this.middle = `,${asOf},${modelVersion},`;
  }

  /**
   * The lines of every row of `c` as UTF-8 in a buffer of its own (transferable to another
   * thread); row i is client `first + i` of `clients`. Each line is encoded as it is made: one
   * string for a whole chunk would hold a rope of a million pieces, in two-byte characters.
   */
  lines(c: ScoredColumns, clients: ClientColumns, first: number): Uint8Array {
    const k = NEEDS.length;
    const classes = this.riskClasses.length;
    let bytes = Buffer.allocUnsafeSlow(Math.max(1024, c.rows * 512));
    let at = 0;
    for (let i = 0; i < c.rows; i++) {
      const tier = ASSET_TIERS[c.tier[i]!]!;
      const id = c.segmentId[i]!;
      let name = this.names.get(id);
      if (name === undefined) { name = Buffer.from(csvField(this.segmentName(id)), 'utf8'); this.names.set(id, name); }
      // The (Chinese) segment name goes in as bytes: in the line it would make the whole line a
      // two-byte string, several times slower to encode.
      const head = `${csvField(clients.ids[first + i]!)}${this.middle}${tier},${TIER_CODES[tier]},${LIFECYCLE_STAGES[c.stage[i]!]},${id},`;
      let line = `,${this.riskClasses[c.riskClass[i]!]}`;
      for (let j = 0; j < classes; j++) line += `,${formatProbability(c.riskProba[i * classes + j]!)}`;
      line += `,${clients.declaredRisk[first + i] ?? ''},${PRODUCT_RISKS[c.suitability[i]!]},`;
      const above = c.aboveLevel[i]!;
      let needs = '';
      for (let r = 0; r < k; r++) {
        const j = c.needOrder[i * k + r]!;
        if (j < 0) break;
        if (!(above & (1 << j))) needs += needs === '' ? NEEDS[j]! : `;${NEEDS[j]!}`;
      }
      line += needs;
      for (let j = 0; j < k; j++) line += `,${formatProbability(c.needProba[i * k + j]!)}`;
      line += ',';
      for (let r = c.reasonStart[i]!; r < c.reasonStart[i + 1]!; r++) line += r === c.reasonStart[i] ? this.reasons[c.reasonCodes[r]!]! : `;${this.reasons[c.reasonCodes[r]!]!}`;
      line += ',';
      let flags = '';
      const f = c.flags[i]!;
      if (f & FLAG_NEAR_TIER_BOUNDARY) flags = 'near_tier_boundary';
      if (f & FLAG_RISK_MISMATCH) flags += flags === '' ? 'risk_mismatch' : ';risk_mismatch';
      if (f & FLAG_ASSESSMENT_DUE) flags += flags === '' ? 'assessment_due' : ';assessment_due';
      for (let r = 0; r < k; r++) {
        const j = c.needOrder[i * k + r]!;
        if (j < 0) break;
        if (above & (1 << j)) flags += flags === '' ? `need_above_level:${NEEDS[j]!}` : `;need_above_level:${NEEDS[j]!}`;
      }
      line += `${flags}\n`;
      const most = 3 * (head.length + line.length) + name.length;
      if (at + most > bytes.length) {
        const grown = Buffer.allocUnsafeSlow(2 * bytes.length + most);
        bytes.copy(grown, 0, 0, at);
        bytes = grown;
      }
      at += bytes.write(head, at, 'utf8');
      at += name.copy(bytes, at);
      at += bytes.write(line, at, 'utf8');
    }
    return new Uint8Array(bytes.buffer, 0, at);
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
