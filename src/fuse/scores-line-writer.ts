import { NEEDS, PRODUCT_RISKS } from '../core/contract.js';
import { csvField } from '../core/write-lines-atomically.js';
import { ASSET_TIERS, TIER_CODES } from './asset-tier.js';
import { tenThousandths } from './format-probability.js';
import { fullProbability, type ProbabilityFormat } from './probability-format.js';
import type { ClientColumns } from './profile-fuser.js';
import { LIFECYCLE_STAGES } from './lifecycle-stage.js';
import {
  FLAG_ASSESSMENT_DUE, FLAG_MINOR, FLAG_NEAR_TIER_BOUNDARY, FLAG_NEEDS_UNLABELLED, FLAG_RISK_MISMATCH, FLAG_RISK_UNLABELLED, type ScoredColumns,
} from './scored-columns.js';

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');
const COMMA = 44;
const SEMICOLON = 59;
const NEWLINE = 10;
/** The flag bits in the order scores.csv lists them, with their words. */
const FLAG_BITS = [FLAG_NEAR_TIER_BOUNDARY, FLAG_RISK_MISMATCH, FLAG_ASSESSMENT_DUE, FLAG_MINOR, FLAG_RISK_UNLABELLED, FLAG_NEEDS_UNLABELLED] as const;
const FLAG_WORDS = ['near_tier_boundary', 'risk_mismatch', 'assessment_due', 'minor', 'risk_unlabelled', 'needs_unlabelled'] as const;
const NOTHING = new Uint8Array(0);

/**
 * Writes scores.csv lines (each ending in a newline) for rows of ScoredColumns: scoresRow's bytes,
 * written byte by byte into one buffer. Every fixed word (tiers, classes, reason codes, flags) is
 * encoded once; per client only the id and the declared risk are encoded, and the numbers are
 * written as digits, so no string is made per field.
 *
 * @example
 * const bytes = new ScoresLineWriter('2026-06-30', version, classes, (id) => names.get(id)!, reasonCodes).lines(columns, clients, 0);
 */
export class ScoresLineWriter {
  private readonly segmentNames = new Map<number, Uint8Array>();
  private readonly middle: Uint8Array;
  private readonly tiers: Uint8Array[];
  private readonly stages: Uint8Array[];
  private readonly classes: Uint8Array[];
  private readonly suitability: Uint8Array[];
  private readonly needs: Uint8Array[];
  private readonly aboveLevel: Uint8Array[];
  private readonly reasons: Uint8Array[];
  private readonly flags: Uint8Array[];
  /** Bytes a line can take besides its id, declared risk, segment name and reasons. */
  private readonly fixedBytes: number;
  private readonly longestReason: number;
  private buf: Buffer = Buffer.allocUnsafeSlow(1 << 16);
  private at = 0;
  /**
   * Bytes to allot a row: the last chunk's average plus an eighth, so a chunk's buffer is sized
   * once instead of doubled and copied when the reasons run long (about 570 bytes a row on the
   * generated base).
   */
  private bytesPerRow = 400;

  constructor(
    asOf: string,
    modelVersion: string,
    riskClasses: readonly string[],
    private readonly segmentName: (id: number) => string,
    reasons: readonly string[],
    /** 'full' writes each probability's every float32 digit instead of 4 decimals; default 'rounded'. */
    private readonly probabilities: ProbabilityFormat = 'rounded',
  ) {
    this.middle = utf8(`,${asOf},${modelVersion},`);
    this.tiers = ASSET_TIERS.map((t) => utf8(`${t},${TIER_CODES[t]},`));
    this.stages = LIFECYCLE_STAGES.map((s) => utf8(`${s},`));
    this.classes = riskClasses.map(utf8);
    this.suitability = PRODUCT_RISKS.map((r) => utf8(`,${r},`));
    this.needs = NEEDS.map(utf8);
    this.aboveLevel = NEEDS.map((n) => utf8(`need_above_level:${n}`));
    this.reasons = reasons.map(utf8);
    this.flags = FLAG_WORDS.map(utf8);
    const longest = (words: readonly Uint8Array[]): number => Math.max(0, ...words.map((w) => w.length));
    const total = (words: readonly Uint8Array[]): number => words.reduce((n, w) => n + w.length + 1, 0);
    // A number is at most 14 characters ('999999999.9999'), or toFixed's longest, 21 + 5.
    this.fixedBytes = this.middle.length + longest(this.tiers) + longest(this.stages) + 16 + longest(this.classes)
      + (this.classes.length + NEEDS.length) * 27 + longest(this.suitability) + total(this.needs) + total(this.aboveLevel) + total(this.flags) + 16;
    this.longestReason = longest(this.reasons) + 1;
  }

  /**
   * The lines of every row of `c` as UTF-8 in a buffer of its own (transferable to another
   * thread); row i is client `first + i` of `clients`.
   */
  lines(c: ScoredColumns, clients: ClientColumns, first: number): Uint8Array {
    const k = NEEDS.length;
    const classes = this.classes.length;
    this.buf = Buffer.allocUnsafeSlow(Math.max(1 << 12, c.rows * this.bytesPerRow));
    this.at = 0;
    for (let i = 0; i < c.rows; i++) {
      const id = clients.ids[first + i]!;
      const declared = clients.declaredRisk[first + i];
      const segment = c.segmentId[i]!;
      const name = this.segmentNameBytes(segment);
      const reasons = c.reasonStart[i + 1]! - c.reasonStart[i]!;
      this.reserve(3 * (id.length + 2 * id.length + 2) + 3 * (declared?.length ?? 0) + name.length + reasons * this.longestReason + this.fixedBytes);
      this.text(csvField(id));
      this.put(this.middle);
      this.put(this.tiers[c.tier[i]!]!);
      this.put(this.stages[c.stage[i]!]!);
      this.integer(segment);
      this.byte(COMMA);
      this.put(name);
      this.byte(COMMA);
      // No risk classifier: NO_RISK_CLASS is past the classes, and the cell stays empty.
      this.put(this.classes[c.riskClass[i]!] ?? NOTHING);
      for (let j = 0; j < classes; j++) { this.byte(COMMA); this.probability(c.riskProba[i * classes + j]!); }
      this.byte(COMMA);
      if (declared !== undefined) this.text(declared);
      this.put(this.suitability[c.suitability[i]!]!);
      const above = c.aboveLevel[i]!;
      let any = false;
      for (let r = 0; r < k; r++) {
        const j = c.needOrder[i * k + r]!;
        if (j < 0) break;
        if (above & (1 << j)) continue;
        if (any) this.byte(SEMICOLON);
        this.put(this.needs[j]!);
        any = true;
      }
      const noNeeds = (c.flags[i]! & FLAG_NEEDS_UNLABELLED) !== 0;
      for (let j = 0; j < k; j++) { this.byte(COMMA); if (!noNeeds) this.probability(c.needProba[i * k + j]!); }
      this.byte(COMMA);
      for (let r = c.reasonStart[i]!; r < c.reasonStart[i + 1]!; r++) {
        if (r > c.reasonStart[i]!) this.byte(SEMICOLON);
        this.put(this.reasons[c.reasonCodes[r]!]!);
      }
      this.byte(COMMA);
      any = false;
      const f = c.flags[i]!;
      for (let b = 0; b < FLAG_BITS.length; b++) {
        if (!(f & FLAG_BITS[b]!)) continue;
        if (any) this.byte(SEMICOLON);
        this.put(this.flags[b]!);
        any = true;
      }
      for (let r = 0; r < k; r++) {
        const j = c.needOrder[i * k + r]!;
        if (j < 0) break;
        if (!(above & (1 << j))) continue;
        if (any) this.byte(SEMICOLON);
        this.put(this.aboveLevel[j]!);
        any = true;
      }
      this.byte(NEWLINE);
    }
    if (c.rows > 0) this.bytesPerRow = Math.ceil((this.at / c.rows) * 1.125);
    return new Uint8Array(this.buf.buffer, 0, this.at);
  }

  private segmentNameBytes(id: number): Uint8Array {
    let name = this.segmentNames.get(id);
    if (name === undefined) {
      name = utf8(csvField(this.segmentName(id)));
      this.segmentNames.set(id, name);
    }
    return name;
  }

  private reserve(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    const grown = Buffer.allocUnsafeSlow(2 * this.buf.length + bytes);
    this.buf.copy(grown, 0, 0, this.at);
    this.buf = grown;
  }

  private byte(b: number): void {
    this.buf[this.at++] = b;
  }

  // Words are short: a loop beats a copy call. Callers reserved the room.
  private put(bytes: Uint8Array): void {
    for (let j = 0; j < bytes.length; j++) this.buf[this.at++] = bytes[j]!;
  }

  private text(s: string): void {
    this.at += this.buf.write(s, this.at, 'utf8');
  }

  private integer(n: number): void {
    this.text(String(n));
  }

  /** toFixed(4)'s digits, or with 'full' the float32's own (fullProbability). */
  private probability(v: number): void {
    if (this.probabilities === 'full') { this.text(fullProbability(v)); return; }
    const n = tenThousandths(v);
    if (n < 0 || n >= 1e8) { this.text(v.toFixed(4)); return; }
    const int = Math.floor(n / 10_000);
    let dec = n - int * 10_000;
    if (int < 10) this.byte(48 + int); else this.text(String(int));
    this.byte(46);
    const d0 = Math.floor(dec / 1000); dec -= d0 * 1000;
    const d1 = Math.floor(dec / 100); dec -= d1 * 100;
    const d2 = Math.floor(dec / 10); dec -= d2 * 10;
    this.buf[this.at] = 48 + d0; this.buf[this.at + 1] = 48 + d1; this.buf[this.at + 2] = 48 + d2; this.buf[this.at + 3] = 48 + dec;
    this.at += 4;
  }
}
