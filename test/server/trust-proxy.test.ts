import { describe, expect, it } from 'vitest';
import { fastifyTrustProxy, parseTrustProxy } from '../../src/server/trust-proxy.js';

describe('--trust-proxy', () => {
  it('reads a hop count, an address list or the bare flag (one hop), and refuses the rest', () => {
    expect(parseTrustProxy(undefined)).toEqual({ ok: true, value: false });
    expect(parseTrustProxy(true)).toEqual({ ok: true, value: 1 });
    expect(parseTrustProxy('2')).toEqual({ ok: true, value: 2 });
    expect(parseTrustProxy('10.0.0.0/8, 127.0.0.1,::1,fd00::/8')).toEqual({ ok: true, value: ['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8'] });
    for (const bad of ['0', '11', 'all', '10.0.0.0/33', '::1/129', '10.0.0/8', '1.2.3.4/8/8', ',']) {
      expect(parseTrustProxy(bad).ok, bad).toBe(false);
    }
  });

  it('trusts exactly the configured number of hops from the socket, never everything', () => {
    const one = fastifyTrustProxy(true);
    expect(typeof one).toBe('function');
    const trust = one as (address: string, hop: number) => boolean;
    expect([trust('127.0.0.1', 0), trust('198.51.100.1', 1)]).toEqual([true, false]);
    const two = fastifyTrustProxy(2) as (address: string, hop: number) => boolean;
    expect([two('a', 0), two('b', 1), two('c', 2)]).toEqual([true, true, false]);
    expect(fastifyTrustProxy(['10.0.0.0/8'])).toEqual(['10.0.0.0/8']);
    expect(fastifyTrustProxy(false)).toBe(false);
  });
});
