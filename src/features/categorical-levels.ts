/** How a categorical column's levels are chosen. */
export interface LevelRule {
  /** A level needs at least this share of the column's present values. Default 0.01. */
  readonly minShare: number;
  /** …and at least this many rows. Default 10. */
  readonly minCount: number;
}

export const DEFAULT_LEVEL_RULE: LevelRule = { minShare: 0.01, minCount: 10 };

/** Past this many distinct values a column is called high-cardinality (a warning). */
export const HIGH_CARDINALITY = 50;
/** A column with at least this share of distinct values among present ones, past 50 values, is id-like. */
export const ID_LIKE_SHARE = 0.9;

export interface CategoricalLevels {
  /** The levels that get a one-hot column, sorted. */
  readonly vocabulary: string[];
  /** The rows' least count a level needed (max of minCount and minShare × present rows). */
  readonly minCount: number;
  readonly distinct: number;
  /** Levels too rare for a column of their own: pooled with unseen values (all indicators 0). */
  readonly pooledLevels: number;
  readonly pooledRows: number;
  /** Near-unique values: an identifier, not a category. */
  readonly idLike: boolean;
}

/**
 * The levels of one categorical column. A level rarer than the rule pools with the values training
 * never saw: all its indicators are 0, so no reason can cite it and a rare level cannot become a
 * column of noise (133 advisor codes lowered a classifier's AUC by 0.04 in issue 16).
 *
 * @example
 * categoricalLevels(['a', 'a', 'b'], { minShare: 0, minCount: 2 }).vocabulary; // ['a']
 */
export function categoricalLevels(present: readonly string[], rule: LevelRule = DEFAULT_LEVEL_RULE): CategoricalLevels {
  const counts = new Map<string, number>();
  for (const v of present) counts.set(v, (counts.get(v) ?? 0) + 1);
  const minCount = Math.max(rule.minCount, Math.ceil(rule.minShare * present.length));
  const vocabulary: string[] = [];
  let pooledRows = 0;
  for (const [level, n] of counts) {
    if (n >= minCount) vocabulary.push(level);
    else pooledRows += n;
  }
  vocabulary.sort();
  const distinct = counts.size;
  return {
    vocabulary, minCount, distinct, pooledLevels: distinct - vocabulary.length, pooledRows,
    idLike: distinct > HIGH_CARDINALITY && distinct >= ID_LIKE_SHARE * present.length,
  };
}
