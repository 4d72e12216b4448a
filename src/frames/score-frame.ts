import type { DataFrame } from 'danfojs-node';
import type { DataFrameInput } from './data-frame-input.js';
import path from 'node:path';
import { readFeatureTable } from '../ingest/read-feature-table.js';
import { scoreFromTable } from '../jobs/score-from-table.js';
import { withFrameWorkspace } from './frame-workspace.js';
import { textTableFrame, type NumericDtype } from './text-table-frame.js';
import { writeFrameCsv } from './write-frame-csv.js';

export interface ScoreFrameOptions {
  /** A bundle trained on a table (`trainOnFrame`, `train --features`): its folder, model folder or `NAME@alias`. */
  model: string;
  /** The column that identifies a client; default `client_id`. */
  idColumn?: string;
}

/**
 * Scores a DataFrame with a model trained on a table, as `clientseg score --features` scores the
 * same table written as CSV, and returns that command's scores as a frame: `client_id`,
 * `model_version`, `behaviour_segment` (int32), `behaviour_segment_name`, then with a classifier
 * `predicted_<target>` and `p_<class>` (numbers, four decimals as in the file), `reasons`
 * (`;`-separated codes) and, for a segmentation-only model, `flags`. Empty cells are missing.
 *
 * @example
 * const scores = await scoreFrame(frame, { model: 'models/mine' });
 * scores.groupby(['behaviour_segment_name']).count().print();
 */
export async function scoreFrame(frame: DataFrameInput, options: ScoreFrameOptions): Promise<DataFrame> {
  const idColumn = options.idColumn ?? 'client_id';
  return withFrameWorkspace(async (dir) => {
    const featuresPath = path.join(dir, 'features.csv');
    const outPath = path.join(dir, 'scores.csv');
    await writeFrameCsv(frame, idColumn, featuresPath);
    await scoreFromTable({ model: options.model, featuresPath, idColumn, outPath, rejectsPath: path.join(dir, 'rejects.csv') });
    const scores = await readFeatureTable(outPath, 'client_id', path.join(dir, 'scores-rejects.csv'));
    return textTableFrame(scores, 'client_id', scoreColumnDtype);
  });
}

/** The numeric columns of a table model's scores.csv. */
function scoreColumnDtype(name: string): NumericDtype | undefined {
  if (name === 'behaviour_segment') return 'int32';
  return name.startsWith('p_') ? 'float32' : undefined;
}
