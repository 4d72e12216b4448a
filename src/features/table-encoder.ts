import { z } from 'zod';
import { PipelineError } from '../core/errors.js';
import type { FeatureMatrix } from '../core/feature-matrix.js';

export const TABLE_ENCODER_FORMAT = 'clientseg.table-encoder/1';

export const TableEncoderJSONSchema = z.strictObject({
  format: z.literal(TABLE_ENCODER_FORMAT),
  numeric: z.array(z.strictObject({ name: z.string(), median: z.number() })),
  categorical: z.array(z.strictObject({ name: z.string(), vocabulary: z.array(z.string()) })),
});
export type TableEncoderJSON = z.infer<typeof TableEncoderJSONSchema>;

type Columns = ReadonlyMap<string, readonly (string | undefined)[]>;

/**
 * Turns a feature table's text columns into numbers the way training saw them: numeric columns
 * with missing values imputed by the training median, categorical columns one-hot encoded over
 * the training vocabulary (a value unseen at training gets all zeros). Both are stored in the
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

/** Decides numeric vs categorical per column (numeric when every present value is a number). */
export function fitTableEncoder(columns: Columns, use: readonly string[]): TableEncoder {
  const numeric: TableEncoderJSON['numeric'] = [];
  const categorical: TableEncoderJSON['categorical'] = [];
  for (const name of use) {
    const data = columns.get(name)!;
    const present = data.filter((v): v is string => v !== undefined);
    const numbers = present.map(Number);
    if (present.length > 0 && numbers.every(Number.isFinite)) {
      numeric.push({ name, median: median(numbers) });
    } else {
      categorical.push({ name, vocabulary: [...new Set(present)].sort() });
    }
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
