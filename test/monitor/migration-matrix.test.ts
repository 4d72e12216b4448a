import { describe, expect, it } from 'vitest';
import { migrationBetween, type MigrationSubject } from '../../src/monitor/migration-matrix.js';

const subject = (clientId: string, behaviourSegment: number, riskSegment: string, assetTier: string): MigrationSubject => ({ clientId, behaviourSegment, riskSegment, assetTier });

describe('migrationBetween', () => {
  const previous = [
    subject('a', 0, 'conservative', 'mass'),
    subject('b', 0, 'balanced', 'mass'),
    subject('c', 1, 'balanced', 'hnw'),
    subject('d', 10, 'aggressive', 'hnw'),
    subject('gone', 2, 'balanced', 'mass'),
  ];
  const current = [
    subject('a', 0, 'conservative', 'hnw'), // tier moved, behaviour stayed: a boundary crossing
    subject('b', 1, 'balanced', 'hnw'), // tier moved with the behaviour segment
    subject('c', 1, 'aggressive', 'hnw'),
    subject('d', 10, 'aggressive', 'uhnw'),
    subject('new', 2, 'balanced', 'mass'),
  ];
  const m = migrationBetween(previous, current);

  it('matches clients by id and counts those that entered and left', () => {
    expect([m.matched, m.entered, m.left]).toEqual([4, 1, 1]);
  });

  it('counts moves from row to column, with labels in their natural order', () => {
    expect(m.behaviour.labels).toEqual(['0', '1', '10']);
    expect(m.behaviour.counts).toEqual([[1, 1, 0], [0, 1, 0], [0, 0, 1]]);
    expect(m.behaviour.stayRate).toBe(3 / 4);
    expect(m.tier.labels).toEqual(['mass', 'hnw', 'uhnw']);
    expect(m.tier.counts).toEqual([[0, 2, 0], [0, 1, 1], [0, 0, 0]]);
    expect(m.tier.stayRate).toBe(1 / 4);
    // Risk classes from the most cautious up, not alphabetically.
    expect(m.risk.labels).toEqual(['conservative', 'balanced', 'aggressive']);
    expect(m.risk.counts).toEqual([[1, 0, 0], [0, 1, 1], [0, 0, 1]]);
  });

  it('tells tier moves across a boundary apart from moves that came with a behaviour change', () => {
    expect(m.tierMoves).toEqual({ total: 3, boundary: 2, behaviour: 1 });
  });

  it('reads both runs from any iterable, one pass each, a client listed twice before counting once with its last entry', () => {
    function* once<T>(items: readonly T[]): Generator<T> { yield* items; }
    const twice = [subject('d', 3, 'conservative', 'mass'), ...previous];
    expect(migrationBetween(once(twice), once(current))).toEqual(m);
  });

  it('has an undefined stay rate, not a false 100%, when no client is in both runs', () => {
    const none = migrationBetween(previous, [subject('x', 0, 'balanced', 'mass')]);
    expect(none.matched).toBe(0);
    expect(none.behaviour.stayRate).toBeNaN();
    expect(none.behaviour.counts).toEqual([]);
  });

  it('reads a previous run of another model version through the alignment, so renumbered segments are no moves', () => {
    // The new model calls the old 0 "3" and the old 1 "0"; the old 10 has no counterpart.
    const aligned = migrationBetween(previous, [
      subject('a', 3, 'conservative', 'hnw'), subject('b', 3, 'balanced', 'hnw'), subject('c', 0, 'aggressive', 'hnw'), subject('d', 0, 'aggressive', 'uhnw'),
    ], { basis: 'aligned', previousModel: 'old', currentModel: 'new', mapping: [{ from: 0, to: 3 }, { from: 1, to: 0 }, { from: 10, to: null }] });
    expect(aligned.behaviour.labels).toEqual(['0', '3']);
    expect(aligned.behaviour.counts).toEqual([[1, 0], [0, 2]]);
    expect(aligned.behaviour.stayRate).toBe(1);
    expect(aligned.behaviourUnmapped).toBe(1);
    // a and b stayed in their (renamed) segment while their tier moved; d's old segment has no counterpart.
    expect(aligned.tierMoves).toEqual({ total: 3, boundary: 2, behaviour: 0, unknown: 1 });
    // Read by bare ids, the same runs would show three clients moving.
    expect(migrationBetween(previous, [
      subject('a', 3, 'conservative', 'hnw'), subject('b', 3, 'balanced', 'hnw'), subject('c', 0, 'aggressive', 'hnw'), subject('d', 0, 'aggressive', 'uhnw'),
    ]).behaviour.stayRate).toBe(0);
  });

  it('gives no behaviour migration when the ids are not comparable, and still the risk and tier ones', () => {
    const blind = migrationBetween(previous, current, { basis: 'not_comparable', reason: 'no bundle' });
    expect(blind.behaviour.counts).toEqual([]);
    expect(blind.behaviour.stayRate).toBeNaN();
    expect(blind.behaviourUnmapped).toBe(4);
    expect(blind.tier.stayRate).toBe(1 / 4);
    expect(blind.tierMoves).toEqual({ total: 3, boundary: 0, behaviour: 0, unknown: 3 });
  });
});
