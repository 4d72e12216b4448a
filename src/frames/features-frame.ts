import type { DataFrame } from 'danfojs-node';
import { buildFeatures, type BuildFeaturesOptions } from '../jobs/build-features.js';
import { matrixFrame } from './matrix-frame.js';

/** What `featuresFrame` takes: `buildFeatures`' options (the `features` command's). */
export type FeaturesFrameOptions = Omit<BuildFeaturesOptions, 'alsoFeed'>;

/**
 * The feature table of a client base as a danfo DataFrame: `client_id` then every catalogue
 * feature, the same numbers `clientseg features` writes. Ingest streams the inputs as it always
 * does; only the one-row-per-client result becomes a frame.
 *
 * @example
 * const frame = await featuresFrame({ clientsPath: 'clients.csv', transactionsPath: 'transactions.csv',
 *   asOf: parseIsoDay('2026-06-30')!, rejectsPath: 'out/rejects.csv' });
 * frame.describe().print();
 */
export async function featuresFrame(options: FeaturesFrameOptions): Promise<DataFrame> {
  const { matrix } = await buildFeatures(options);
  return matrixFrame(matrix);
}
