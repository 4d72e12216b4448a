import { describe, expect, it } from 'vitest';
import { ClientSchema, clearlyValidClient } from '../../src/ingest/client-schema.js';

const GOOD = { client_id: 'C1', birth_date: 7000, aum: 0 };

// Each variant changes one field of a valid client; the fast check must never pass what zod refuses.
const VARIANTS: [string, Record<string, unknown>, boolean][] = [
  ['minimal', {}, true],
  ['all optional fields', { marital_status: 'married', dependants: 32767, declared_risk: 'C5', risk_assessed_on: -3, advisor_id: '', opened_on: 0 }, true],
  ['empty id', { client_id: '' }, false],
  ['fractional birth day', { birth_date: 7000.5 }, false],
  ['NaN birth day', { birth_date: NaN }, false],
  ['negative aum', { aum: -0.01 }, false],
  ['infinite aum', { aum: Infinity }, false],
  ['NaN aum', { aum: NaN }, false],
  ['unknown marital status', { marital_status: 'engaged' }, false],
  ['negative dependants', { dependants: -1 }, false],
  ['too many dependants', { dependants: 32768 }, false],
  ['fractional dependants', { dependants: 1.5 }, false],
  ['unknown declared risk', { declared_risk: 'C6' }, false],
  ['fractional assessment day', { risk_assessed_on: 1.5 }, false],
  ['fractional opening day', { opened_on: Infinity }, false],
];

describe('clearlyValidClient', () => {
  it('passes exactly the candidates ClientSchema accepts', () => {
    for (const [name, change, valid] of VARIANTS) {
      const candidate = { ...GOOD, ...change } as Parameters<typeof clearlyValidClient>[0];
      expect([name, clearlyValidClient(candidate), ClientSchema.safeParse(candidate).success]).toEqual([name, valid, valid]);
    }
  });
});
