import { describe, expect, it } from 'vitest';
import { parseIsoDay, train } from '../../src/index.js';

describe('train --segment-features', () => {
  it('refuses a name outside the catalogue before reading any input', async () => {
    // The input files do not exist: a config_invalid (not a missing-file error) shows the check ran first.
    await expect(train({
      clientsPath: '/nonexistent/clients.csv', transactionsPath: '/nonexistent/transactions.csv', asOf: parseIsoDay('2026-06-30')!,
      modelDir: '/nonexistent/model', seed: 1, rejectsPath: '/nonexistent/rejects.csv', segments: { k: 3, features: ['type_share_buy', 'nope'] },
    })).rejects.toMatchObject({ code: 'config_invalid', details: { unknown: ['nope'] } });
  });
});
