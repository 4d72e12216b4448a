import type { DayNumber } from '../core/days.js';
import { formatDay } from '../core/days.js';
import { NEEDS } from '../core/contract.js';
import { PipelineError } from '../core/errors.js';
import type { TopAttributions } from '../classify/dense-network.js';
import { ProfileFuser, type ClientColumns } from '../fuse/profile-fuser.js';
import { ScoresLineWriter } from '../fuse/scores-line-writer.js';
import type { ProbabilityFormat } from '../fuse/probability-format.js';
import { allocateScoredColumns, type ScoredColumns } from '../fuse/scored-columns.js';
import { pickColumns } from '../segment/pick-columns.js';
import type { LoadedModel } from './load-model.js';
import { reasonVocabulary, type ReasonVocabulary } from './reason-vocabulary.js';

/** Rows of the feature matrix to score, with their clients. */
export interface ScoreChunk {
  readonly rows: number;
  /** Raw features, rows × names.length, row-major. */
  readonly values: Float64Array;
  readonly clients: ClientColumns;
  /** Row i of this chunk is client `first + i` of `clients`. */
  readonly first: number;
}

export interface ScoredChunk {
  readonly columns: ScoredColumns;
  /** The chunk's scores.csv lines, UTF-8, when asked for. */
  readonly csv: Uint8Array | undefined;
}

const TOP = 4;

/**
 * The model half of scoring for one chunk of rows: segments, risk and needs with their reasons,
 * fused with the rules into ScoredColumns and, optionally, scores.csv lines. The same code runs
 * on the calling thread and in score workers, so every thread writes the same bytes.
 *
 * @example
 * const scorer = new ChunkScorer(model, matrix.names, asOf, true);
 * const { columns, csv } = scorer.score({ rows, values, clients, first: 0 });
 */
export class ChunkScorer {
  readonly vocabulary: ReasonVocabulary;
  private readonly fuser: ProfileFuser;
  private readonly lines: ScoresLineWriter | undefined;
  private readonly segmentColumns: number[];
  private readonly pension: number;

  constructor(
    private readonly model: LoadedModel, private readonly names: readonly string[], asOf: DayNumber, csv: boolean,
    probabilities: ProbabilityFormat = 'rounded',
  ) {
    const needs = model.needs?.needs;
    if (needs !== undefined && (needs.length !== NEEDS.length || needs.some((n, j) => n !== NEEDS[j]))) {
      throw new PipelineError('model_incompatible', `the needs model predicts ${needs.join(', ')}, not the needs this clientseg scores (${NEEDS.join(', ')}); retrain the model`);
    }
    this.vocabulary = reasonVocabulary(model);
    this.fuser = new ProfileFuser(model.rules, model.needThresholds, model.riskClasses, asOf);
    const segmentName = (id: number): string => model.segments.nameOf(id).zh;
    this.lines = csv ? new ScoresLineWriter(formatDay(asOf), model.version, model.riskClasses, segmentName, this.vocabulary.codes, probabilities) : undefined;
    this.segmentColumns = model.segments.features.map((f) => names.indexOf(f));
    this.pension = names.indexOf('pension_regularity');
  }

  score(chunk: ScoreChunk): ScoredChunk {
    const { model, names, vocabulary: v } = this;
    const rows = chunk.rows;
    const cols = names.length;
    const z = model.scaler.transform({ names, clientIds: [], rows, cols, values: chunk.values });
    const x = { names, rows, cols, values: z };
    const zb = pickColumns(z, rows, cols, this.segmentColumns);
    const assignment = model.segments.assign(zb, rows);
    // A model trained without labels lacks a network: its outputs stay empty and the rows are flagged.
    let riskProba: Float32Array = new Float32Array(0);
    let riskClass: Int32Array | undefined;
    let risk: TopAttributions | undefined;
    if (model.risk !== undefined) {
      const pass = model.risk.forward(x);
      riskProba = model.risk.probaOf(pass);
      riskClass = model.risk.classesFrom(riskProba);
      risk = model.risk.attributions(x, TOP, riskClass, pass);
    }
    const k = NEEDS.length;
    const needsPass = model.needs?.forward(x);
    const needProba = model.needs !== undefined && needsPass !== undefined ? model.needs.probaOf(needsPass) : new Float32Array(rows * k).fill(Number.NaN);

    const out = allocateScoredColumns(rows, model.riskClasses.length, rows * (2 * TOP + k * TOP));
    const thresholds = model.needThresholds;
    // Needs reasons arrive in row order; each row's segment and risk reasons go in front of them.
    let at = 0;
    let next = 0;
    const segmentFeatures = new Int32Array(TOP);
    const gains = new Float64Array(model.segments.features.length);
    const startRow = (i: number): void => {
      out.reasonStart[i] = at;
      const n = model.segments.reasonFeatures(zb, i, assignment, segmentFeatures, gains);
      for (let r = 0; r < n; r++) {
        const j = segmentFeatures[r]!;
        out.reasonCodes[at++] = v.segment + 2 * j + (zb[i * this.segmentColumns.length + j]! >= 0 ? 0 : 1);
      }
      for (let r = 0; r < TOP && risk !== undefined; r++) {
        const j = risk.feature[i * TOP + r]!;
        if (j < 0) break;
        out.reasonCodes[at++] = v.risk + 2 * j + (risk.value[i * TOP + r]! > 0 ? 0 : 1);
      }
    };
    const upTo = (row: number): void => { while (next <= row) startRow(next++); };
    if (model.needs !== undefined && needsPass !== undefined) {
      model.needs.explainWhere(x, (i, j) => needProba[i * k + j]! >= thresholds[j]!, (row, need, features, values, count) => {
        upTo(row);
        for (let r = 0; r < count; r++) out.reasonCodes[at++] = v.needs + 2 * (need * v.needFeatures + features[r]!) + (values[r]! > 0 ? 0 : 1);
      }, TOP, needsPass);
    }
    upTo(rows - 1);
    out.reasonStart[rows] = at;

    const predictions = {
      segmentId: assignment.ids, riskClass, riskProba, needProba, needsUnlabelled: model.needs === undefined,
      pensionRegularity: (i: number): number => chunk.values[i * cols + this.pension]!,
    };
    for (let i = 0; i < rows; i++) this.fuser.fuse(out, i, chunk.clients, chunk.first + i, predictions, i);
    const csv = this.lines?.lines(out, chunk.clients, chunk.first);
    return { columns: out, csv };
  }
}
