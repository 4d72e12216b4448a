import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { storeContract } from './store-contract.js';
import { testSchema } from './pg-schema.js';

const schema = testSchema('store');
afterAll(() => schema.drop());

describe('PostgreSQL store', () => {
  storeContract(() => openStore(schema.url), () => openStore(schema.url));

  it('says clearly when the server cannot be reached', async () => {
    await expect(openStore('postgres://postgres@127.0.0.1:1/test')).rejects.toMatchObject({ code: 'store_failed' });
  });
});
