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
    expect(m.risk.labels).toEqual(['aggressive', 'balanced', 'conservative']);
    expect(m.risk.counts).toEqual([[1, 0, 0], [1, 1, 0], [0, 0, 1]]);
  });

  it('tells tier moves across a boundary apart from moves that came with a behaviour change', () => {
    expect(m.tierMoves).toEqual({ total: 3, boundary: 2, behaviour: 1 });
  });

  it('has an undefined stay rate, not a false 100%, when no client is in both runs', () => {
    const none = migrationBetween(previous, [subject('x', 0, 'balanced', 'mass')]);
    expect(none.matched).toBe(0);
    expect(none.behaviour.stayRate).toBeNaN();
    expect(none.behaviour.counts).toEqual([]);
  });
});
