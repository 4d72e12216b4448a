import { describe, expect, it } from 'vitest';
import { dayNumber, realisedAccuracy } from '../../src/index.js';
import { realisedAccuracyOfConfusion, realisedConfusion } from '../../src/monitor/realised-accuracy.js';
import { MISSING_DAY } from '../../src/core/records.js';

describe('realised accuracy on fresh labels', () => {
  const trainedAsOf = dayNumber(2026, 6, 30), asOf = dayNumber(2026, 9, 30);
  const classes = ['conservative', 'balanced', 'aggressive'];

  it('counts only answers after the training as-of and up to this run, in the model classes', () => {
    const declared = ['balanced', 'balanced', 'aggressive', 'conservative', 'balanced', 'C3', undefined, 'aggressive'];
    const assessedOn = Int32Array.from([
      dayNumber(2026, 7, 1), // fresh, right
      dayNumber(2026, 8, 15), // fresh, wrong
      dayNumber(2026, 9, 30), // fresh (on this run's as-of), right
      trainedAsOf, // seen at training: not fresh
      MISSING_DAY, // undated: may be old
      dayNumber(2026, 7, 2), // not one of the classes
      dayNumber(2026, 7, 3), // no answer
      dayNumber(2026, 10, 1), // after this run's as-of
    ]);
    const predicted = ['balanced', 'conservative', 'aggressive', 'conservative', 'balanced', 'balanced', 'balanced', 'aggressive'];
    const realised = realisedAccuracy({ declared, assessedOn, predicted, classes, trainedAsOf, asOf })!;
    expect(realised.labelled).toBe(3);
    expect(realised.metrics.accuracy).toBeCloseTo(2 / 3, 12);
    expect(realised.metrics.confusion).toStrictEqual([[0, 0, 0], [1, 1, 0], [0, 0, 1]]);
  });

  it('counts confusions that, summed over parts of the clients, give the accuracy of all of them', () => {
    const declared = ['balanced', 'aggressive', 'conservative', 'balanced', 'aggressive', 'balanced'];
    const predicted = ['balanced', 'balanced', 'conservative', 'aggressive', 'aggressive', 'balanced'];
    const assessedOn = Int32Array.from([1, 2, 3, 4, 5, 6].map((d) => dayNumber(2026, 7, d)));
    const part = (from: number, to: number) => realisedConfusion({
      declared: declared.slice(from, to), assessedOn: assessedOn.slice(from, to), predicted: predicted.slice(from, to), classes, trainedAsOf, asOf,
    });
    const [a, b] = [part(0, 2), part(2, 6)];
    const summed = a.map((row, t) => row.map((v, p) => v + b[t]![p]!));
    expect(realisedAccuracyOfConfusion(summed, classes)).toStrictEqual(realisedAccuracy({ declared, assessedOn, predicted, classes, trainedAsOf, asOf }));
    expect(realisedAccuracyOfConfusion(summed, classes)?.metrics.accuracy).toBeCloseTo(4 / 6, 12);
    expect(realisedAccuracyOfConfusion(classes.map(() => [0, 0, 0]), classes)).toBeUndefined();
  });

  it('is undefined when no label is fresh', () => {
    expect(realisedAccuracy({ declared: ['balanced'], assessedOn: Int32Array.from([trainedAsOf - 5]), predicted: ['balanced'], classes, trainedAsOf, asOf })).toBeUndefined();
  });
});
