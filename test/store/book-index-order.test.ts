import { describe, expect, it } from 'vitest';
import { inBookIndexOrder } from '../../src/store/book-index-order.js';
import { score } from './score-fixtures.js';

describe('inBookIndexOrder', () => {
  it('orders a batch by advisor, then tier, stage and segment, then client, with no advisor first', () => {
    const rows = [
      score('C5', { advisorId: 'A02', tierCode: 'B' }),
      score('C4', { advisorId: 'A01', tierCode: 'C' }),
      score('C3', { advisorId: 'A01', tierCode: 'B', behaviourSegment: 10 }),
      score('C2', { advisorId: 'A01', tierCode: 'B', behaviourSegment: 9 }),
      score('C1', { advisorId: null }),
      score('C0', { advisorId: 'A01', tierCode: 'B', behaviourSegment: 9 }),
    ];
    expect(inBookIndexOrder(rows).map((r) => r.clientId)).toEqual(['C1', 'C0', 'C2', 'C3', 'C4', 'C5']);
  });

  it('keeps each client once, with its last row in the batch, whatever that row sorts by', () => {
    const rows = [score('C1', { tierCode: 'C', suitability: 'R1' }), score('C2'), score('C1', { tierCode: 'A', suitability: 'R5' })];
    const ordered = inBookIndexOrder(rows);
    expect(ordered.map((r) => [r.clientId, r.suitability])).toEqual([['C1', 'R5'], ['C2', 'R3']]);
  });
});
