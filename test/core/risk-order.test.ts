import { describe, expect, it } from 'vitest';
import { compareRisk } from '../../src/core/risk-order.js';

describe('compareRisk', () => {
  it('orders risk classes from the most cautious up, regulatory levels after, others by name last', () => {
    expect(['aggressive', 'C3', 'x', 'conservative', 'C1', 'balanced', 'a'].sort(compareRisk))
      .toStrictEqual(['conservative', 'balanced', 'aggressive', 'C1', 'C3', 'a', 'x']);
  });
});
