import type { DataFrame } from 'danfojs-node';
import { NEEDS } from '../core/contract.js';
import type { ClientProfile } from '../fuse/client-profile.js';
import { formatProbability } from '../fuse/format-probability.js';
import type { ScoreResult } from '../jobs/score.js';
import { loadDanfo } from './load-danfo.js';

type Cell = string | number | null;

/** Text as scores.csv has it, with its empty cells as missing (null). */
const text = (value: string | undefined): string | null => (value === undefined || value === '' ? null : value);
/** A probability as scores.csv has it (four decimals), NaN where the file's cell is empty. */
const probability = (value: number | undefined): number => (value === undefined || Number.isNaN(value) ? NaN : Number(formatProbability(value)));

/**
 * A run's scores as a danfo DataFrame: scores.csv's columns (DESIGN.md "Scores") but `as_of`
 * (it is the `asOf` given to `score`), cell for cell: `behaviour_segment` int32; `p_<class>`
 * and `need_<need>` numbers with the file's four decimals; lists (`predicted_needs`, `reasons`,
 * `flags`) `;`-separated as in the file; an empty cell is missing (null, or NaN for numbers).
 *
 * @example
 * const result = await score({ model: 'models/sample', clientsPath, transactionsPath, asOf, outPath, rejectsPath });
 * const scores = await scoresFrame(result);
 * scores.groupby(['asset_tier']).count().print();
 */
export async function scoresFrame(result: ScoreResult): Promise<DataFrame> {
  const { DataFrame } = await loadDanfo();
  const columns: (readonly [string, 'string' | 'int32' | 'float32', (p: ClientProfile) => Cell])[] = [
    ['client_id', 'string', (p) => p.clientId],
    ['model_version', 'string', () => result.modelVersion],
    ['asset_tier', 'string', (p) => p.assetTier],
    ['tier_code', 'string', (p) => p.tierCode],
    ['lifecycle_stage', 'string', (p) => p.lifecycleStage],
    ['behaviour_segment', 'int32', (p) => p.behaviourSegment],
    ['behaviour_segment_name', 'string', (p) => text(p.behaviourSegmentName)],
    ['risk_segment', 'string', (p) => text(p.riskSegment)],
    ...result.riskClasses.map((c, j) => [`p_${c}`, 'float32', (p: ClientProfile) => probability(p.riskProbabilities[j])] as const),
    ['declared_risk', 'string', (p) => text(p.declaredRisk)],
    ['suitability', 'string', (p) => p.suitability],
    ['predicted_needs', 'string', (p) => text(p.predictedNeeds.join(';'))],
    ...NEEDS.map((n, j) => [`need_${n}`, 'float32', (p: ClientProfile) => probability(p.needPropensities[j])] as const),
    ['reasons', 'string', (p) => text(p.reasons.join(';'))],
    ['flags', 'string', (p) => text(p.flags.join(';'))],
  ];
  const data: Record<string, Cell[]> = {};
  for (const [name] of columns) data[name] = [];
  for (const profile of result.profiles) {
    for (const [name, , value] of columns) data[name]!.push(value(profile));
  }
  return new DataFrame(data, { columns: columns.map(([name]) => name), dtypes: columns.map(([, dtype]) => dtype) });
}
