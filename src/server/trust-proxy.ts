import { BlockList, isIP } from 'node:net';

/**
 * Which reverse proxies the app believes about the client's address and protocol: none (false),
 * a number of hops in front of it, or the proxies' addresses and CIDR ranges. `true` means one
 * hop, never "every hop": trusting the whole X-Forwarded-For lets a client name any address it
 * likes, and so slip past the per-address sign-in limit.
 */
export type TrustProxy = boolean | number | readonly string[];

const MAX_HOPS = 10;

/** Whether the address at this hop (0: the socket's peer) is a proxy the app believes. */
export type ProxyTrust = (address: string, hop: number) => boolean;

/**
 * The option as a trust function, for Fastify's `trustProxy` and for answers Fastify makes before
 * routing: a hop count trusts the first `hops` addresses counted from the socket (Fastify 5 reads
 * a plain number as "trust nothing"); an address list trusts those addresses and ranges, IPv4
 * ones also in their IPv6-mapped form.
 */
export function proxyTrust(option: TrustProxy | undefined): ProxyTrust | undefined {
  if (option === undefined || option === false) return undefined;
  const hops = option === true ? 1 : option;
  if (typeof hops === 'number') return (_address, hop) => hop < hops;
  const list = new BlockList();
  for (const item of hops) {
    const [address, prefix] = item.split('/') as [string, string | undefined];
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family); else list.addSubnet(address, Number(prefix), family);
  }
  return (address) => {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return list.check(mapped[1]!, 'ipv4');
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
}

function validRange(item: string): boolean {
  const [address, prefix, extra] = item.split('/');
  if (extra !== undefined || address === undefined) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * `serve --trust-proxy`: a hop count (`1`), or a comma-separated list of proxy addresses and
 * CIDR ranges (`10.0.0.0/8,192.168.1.7`). The bare flag is one hop. Returns an error message for
 * anything else.
 *
 * @example
 * parseTrustProxy('10.0.0.0/8, 127.0.0.1'); // { ok: true, value: ['10.0.0.0/8', '127.0.0.1'] }
 */
export function parseTrustProxy(raw: string | boolean | undefined): { ok: true; value: TrustProxy } | { ok: false; error: string } {
  if (raw === undefined || raw === false) return { ok: true, value: false };
  if (raw === true) return { ok: true, value: 1 };
  const text = raw.trim();
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops < 1 || hops > MAX_HOPS) return { ok: false, error: `--trust-proxy ${text}: a hop count is 1 to ${MAX_HOPS}` };
    return { ok: true, value: hops };
  }
  const items = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = items.filter((item) => !validRange(item));
  if (items.length === 0 || bad.length > 0) {
    return { ok: false, error: `--trust-proxy: ${bad.length > 0 ? `"${bad[0]}" is` : 'the value is'} neither a hop count nor an IP address or CIDR range (e.g. 1, or 10.0.0.0/8,127.0.0.1)` };
  }
  return { ok: true, value: items };
}
