import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/core/days.js';
import type { FeatureMatrix } from '../../src/core/feature-matrix.js';
import { FEATURE_CATALOGUE } from '../../src/features/feature-catalogue.js';
import { topReasons } from '../../src/ingest/top-reasons.js';
import { dataWarnings } from '../../src/jobs/data-warnings.js';

const asOf = dayNumber(2024, 6, 30);
const names: string[] = FEATURE_CATALOGUE.map((f) => f.name);
const behaviour: string[] = FEATURE_CATALOGUE.filter((f) => f.group === 'behaviour').map((f) => f.name);

/** Three clients; the first `varying` behaviour features (and every profile feature) differ between them. */
function matrix(varying: number): FeatureMatrix {
  const values = new Float64Array(3 * names.length);
  names.forEach((name, j) => {
    const varies = !behaviour.includes(name) || behaviour.indexOf(name) < varying;
    for (let i = 0; i < 3; i++) values[i * names.length + j] = varies ? i : 7;
  });
  return { names, clientIds: ['a', 'b', 'c'], rows: 3, cols: names.length, values };
}

const periods = (lastDay: number | null) => ({ beforeWindow: 0, inWindow: 1, inHorizon: 0, lastDay });

describe('dataWarnings', () => {
  it('warns when more than half of the behaviour features are constant, naming them', () => {
    const half = Math.ceil(behaviour.length / 2);
    expect(dataWarnings(matrix(half), periods(asOf), asOf)).toEqual([]);
    const [w] = dataWarnings(matrix(half - 1), periods(asOf), asOf);
    expect(w?.code).toBe('constant_features');
    expect(w?.details.constant).toEqual(behaviour.slice(half - 1));
  });

  it('warns when the as-of date is more than 31 days past the last accepted transaction', () => {
    expect(dataWarnings(matrix(behaviour.length), periods(asOf - 31), asOf)).toEqual([]);
    expect(dataWarnings(matrix(behaviour.length), periods(null), asOf)).toEqual([]);
    const [w] = dataWarnings(matrix(behaviour.length), periods(asOf - 200), asOf);
    expect([w?.code, w?.details.days]).toEqual(['as_of_after_data', 200]);
  });

  it('names the three main reject reasons, most rows first', () => {
    expect(topReasons({ bad_date: 2, orphan_client: 9, unknown_code: 4, missing_value: 4 })).toBe('orphan_client 9, missing_value 4, unknown_code 4');
  });
});
