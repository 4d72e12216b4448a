import { z } from 'zod';
import { PipelineError } from '../core/errors.js';
import type { FeatureMatrix } from '../core/feature-matrix.js';
import { categoricalLevels, type LevelRule } from './categorical-levels.js';

export const TABLE_ENCODER_FORMAT = 'clientseg.table-encoder/1';

export const TableEncoderJSONSchema = z.strictObject({
  format: z.literal(TABLE_ENCODER_FORMAT),
  numeric: z.array(z.strictObject({ name: z.string(), median: z.number() })),
  categorical: z.array(z.strictObject({
    name: z.string(),
    vocabulary: z.array(z.string()),
    /** The least count a level needed at training; rarer levels were pooled (absent in older bundles). */
    minCount: z.int().min(1).optional(),
    /** How many distinct levels were pooled, and their rows. */
    pooledLevels: z.int().min(0).optional(),
    pooledRows: z.int().min(0).optional(),
  })),
});
export type TableEncoderJSON = z.infer<typeof TableEncoderJSONSchema>;

type Columns = ReadonlyMap<string, readonly (string | undefined)[]>;

/**
 * Turns a feature table's text columns into numbers the way training saw them: numeric columns
 * with missing values imputed by the training median, categorical columns one-hot encoded over
 * the training vocabulary (a value unseen at training, or pooled as too rare, gets all zeros). Both are stored in the
 * bundle, so scoring encodes exactly as training did.
 *
 * @example
 * const encoder = fitTableEncoder(table.columns, ['income', 'segment_code']);
 * const matrix = encoder.transform(table.ids, table.columns);
 */
export class TableEncoder {
  constructor(readonly spec: TableEncoderJSON) {}

  /** Output columns: numeric names, then `<column>=<value>` per category. */
  get names(): string[] {
    return [...this.spec.numeric.map((c) => c.name), ...this.levelNames];
  }

  /** The one-hot output columns, `<column>=<value>`: indicators, not measurements. */
  get levelNames(): string[] {
    return this.spec.categorical.flatMap((c) => c.vocabulary.map((v) => `${c.name}=${v}`));
  }

  transform(ids: readonly string[], columns: Columns): FeatureMatrix {
    const names = this.names;
    const rows = ids.length;
    const cols = names.length;
    const values = new Float64Array(rows * cols);
    const column = (name: string) => {
      const data = columns.get(name);
      if (!data) throw new PipelineError('model_incompatible', `the feature table has no column ${name}, which the model was trained on; supply it or retrain`, { column: name });
      return data;
    };
    let j = 0;
    for (const { name, median } of this.spec.numeric) {
      const data = column(name);
      for (let i = 0; i < rows; i++) {
        const v = data[i] === undefined ? NaN : Number(data[i]);
        values[i * cols + j] = Number.isFinite(v) ? v : median;
      }
      j++;
    }
    for (const { name, vocabulary } of this.spec.categorical) {
      const data = column(name);
      const at = new Map(vocabulary.map((v, k) => [v, k]));
      for (let i = 0; i < rows; i++) {
        const k = data[i] === undefined ? undefined : at.get(data[i]!);
        if (k !== undefined) values[i * cols + j + k] = 1;
      }
      j += vocabulary.length;
    }
    return { names, clientIds: ids, rows, cols, values };
  }

  toJSON(): TableEncoderJSON {
    return this.spec;
  }
}

export interface TableEncoderOptions {
  /** How rare a level may be before it is pooled. Default 1% of the rows and at least 10. */
  readonly levels?: LevelRule;
  /** Id-like columns (near-unique values) to keep all the same; any other one is refused. */
  readonly allowIdLike?: readonly string[];
}

/**
 * Decides numeric vs categorical per column (numeric when every present value is a number) and a
 * categorical column's levels (categoricalLevels: rare levels pooled). An id-like categorical
 * column fails with `config_invalid` unless named in `allowIdLike`: a customer number one-hot
 * encoded is memorisation, not a feature.
 */
export function fitTableEncoder(columns: Columns, use: readonly string[], options: TableEncoderOptions = {}): TableEncoder {
  const numeric: TableEncoderJSON['numeric'] = [];
  const categorical: TableEncoderJSON['categorical'] = [];
  const idLike: string[] = [];
  for (const name of use) {
    const data = columns.get(name)!;
    const present = data.filter((v): v is string => v !== undefined);
    const numbers = present.map(Number);
    if (present.length > 0 && numbers.every(Number.isFinite)) {
      numeric.push({ name, median: median(numbers) });
      continue;
    }
    const levels = categoricalLevels(present, options.levels);
    if (levels.idLike && !(options.allowIdLike ?? []).includes(name)) idLike.push(`${name} (${levels.distinct} distinct values in ${present.length} rows)`);
    categorical.push({ name, vocabulary: levels.vocabulary, minCount: levels.minCount, pooledLevels: levels.pooledLevels, pooledRows: levels.pooledRows });
  }
  if (idLike.length > 0) {
    throw new PipelineError('config_invalid', `${idLike.join(', ')} look like identifiers, not features: leave them out with --exclude, or keep them with --allow-id-like`, { idLike });
  }
  return new TableEncoder({ format: TABLE_ENCODER_FORMAT, numeric, categorical });
}

export function tableEncoderFromJSON(json: unknown): TableEncoder {
  const parsed = TableEncoderJSONSchema.safeParse(json);
  if (!parsed.success) throw new PipelineError('model_incompatible', `table-encoder.json is not one this version reads: ${z.prettifyError(parsed.error)}`);
  return new TableEncoder(parsed.data);
}

function median(values: number[]): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
