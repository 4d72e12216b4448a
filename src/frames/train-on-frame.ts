import type { DataFrameInput } from './data-frame-input.js';
import path from 'node:path';
import { trainFromTable, type TableTrainResult, type TrainFromTableOptions } from '../jobs/train-from-table.js';
import { withFrameWorkspace } from './frame-workspace.js';
import { writeFrameCsv } from './write-frame-csv.js';

/** `trainFromTable`'s options without the file paths; `idColumn` defaults to `client_id`. */
export interface TrainOnFrameOptions extends Omit<TrainFromTableOptions, 'featuresPath' | 'idColumn' | 'rejectsPath'> {
  /** The column that identifies a client; default `client_id` (what `featuresFrame` gives). */
  idColumn?: string;
}

/**
 * Trains a bundle on a DataFrame exactly as `clientseg train --features` trains on the same table
 * written as CSV: the frame is written in the form the table path reads, and that path does the
 * rest (segments; with `target`, the classifier). Numeric columns learn as numbers, text and
 * boolean columns as categories; NaN and null are missing (the training median / no level).
 *
 * @example
 * const { dir, report } = await trainOnFrame(frame, { target: 'declared_risk', modelDir: 'models/mine', seed: 7 });
 */
export async function trainOnFrame(frame: DataFrameInput, options: TrainOnFrameOptions): Promise<TableTrainResult> {
  const idColumn = options.idColumn ?? 'client_id';
  return withFrameWorkspace(async (dir) => {
    // Named as `clientseg features` names its output, so the manifest reads as the CLI's would.
    const featuresPath = path.join(dir, 'features.csv');
    await writeFrameCsv(frame, idColumn, featuresPath);
    // Nothing is rejected (writeFrameCsv refuses missing and repeated ids first), so the rejects file stays in the workspace.
    return trainFromTable({ ...options, idColumn, featuresPath, rejectsPath: path.join(dir, 'rejects.csv') });
  });
}
