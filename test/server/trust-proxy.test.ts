import { describe, expect, it } from 'vitest';
import { parseTrustProxy, proxyTrust } from '../../src/server/trust-proxy.js';

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

  it('trusts exactly the configured number of hops from the socket, or the listed proxies, never everything', () => {
    const one = proxyTrust(true)!;
    expect([one('127.0.0.1', 0), one('198.51.100.1', 1)]).toEqual([true, false]);
    const two = proxyTrust(2)!;
    expect([two('a', 0), two('b', 1), two('c', 2)]).toEqual([true, true, false]);
    const listed = proxyTrust(['10.0.0.0/8', '127.0.0.1', 'fd00::/8'])!;
    expect(['10.1.2.3', '::ffff:10.1.2.3', '127.0.0.1', '::ffff:127.0.0.1', 'fd00::1', '11.0.0.1', '127.0.0.2', 'fe80::1', 'junk'].map((a) => listed(a, 0)))
      .toEqual([true, true, true, true, true, false, false, false, false]);
    expect(proxyTrust(false)).toBeUndefined();
    expect(proxyTrust(undefined)).toBeUndefined();
  });
});
