import { describe, expect, it } from 'vitest';
import { parseStoreUrl } from '../../src/store/store-url.js';

describe('parseStoreUrl', () => {
  it('reads SQLite paths with or without the sqlite: prefix', () => {
    expect(parseStoreUrl('sqlite:out/clientseg.db')).toEqual({ engine: 'sqlite', file: 'out/clientseg.db' });
    expect(parseStoreUrl('/var/lib/clientseg.db')).toEqual({ engine: 'sqlite', file: '/var/lib/clientseg.db' });
    expect(parseStoreUrl('sqlite::memory:')).toEqual({ engine: 'sqlite', file: ':memory:' });
  });

  it('reads PostgreSQL URLs and takes the schema out of them', () => {
    expect(parseStoreUrl('postgres://scorer@db:5432/wealth')).toEqual({ engine: 'postgres', url: 'postgres://scorer@db:5432/wealth' });
    expect(parseStoreUrl('postgresql://scorer:pw@db/wealth?schema=clientseg&sslmode=require')).toEqual({
      engine: 'postgres', url: 'postgresql://scorer:pw@db/wealth?sslmode=require', schema: 'clientseg',
    });
  });

  it('refuses what it cannot open, as a usage error', () => {
    for (const bad of ['', 'sqlite:', 'mysql://db/x', 'postgres://db/x?schema=a;drop', 'postgres://[bad']) {
      expect(() => parseStoreUrl(bad), bad).toThrow(expect.objectContaining({ code: 'config_invalid' }));
    }
  });
});
