/** Where a refused or missing return address sends the user: their book. */
export const DEFAULT_RETURN_PATH = '/book';

const MAX_LENGTH = 2048;
// C0 and C1 controls and DEL: browsers strip tab, CR and LF from URLs, so `/\t/evil` becomes `//evil`.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Invisible or separating characters a browser may drop or fold the same way.
const INVISIBLE = /[\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u2060\u3000\ufeff]/;
const ORIGIN = 'http://clientseg.invalid';

/** Every form the value takes under repeated percent-decoding, or undefined when one layer is malformed. */
function decodedLayers(value: string): string[] | undefined {
  const layers = [value];
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(layers.at(-1)!);
    } catch {
      return undefined;
    }
    if (next === layers.at(-1)) break;
    layers.push(next);
  }
  return layers;
}

const unsafeLayer = (layer: string) => !layer.startsWith('/') || layer.includes('//') || layer.includes('\\')
  || CONTROL.test(layer) || INVISIBLE.test(layer);

/**
 * A return address (`/lang/*?back=`, the sign-in page's `next`) as a path on this site, or
 * `fallback`. The value is refused when it, or any percent-decoding of it, is not a path that
 * starts with one `/`, holds `//` or `\`, or holds a control or invisible character: the forms a
 * browser reads as another host. What passes is re-serialised by the WHATWG URL parser, so a
 * non-ASCII path comes back percent-encoded (a valid Location header, never a 500).
 *
 * @example
 * safePath('/clients/C0001?tab=history'); // '/clients/C0001?tab=history'
 * safePath('/%09/evil.example');           // '/book'
 */
export function safePath(value: unknown, fallback: string = DEFAULT_RETURN_PATH): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  const layers = decodedLayers(value);
  if (layers === undefined || layers.some(unsafeLayer)) return fallback;
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('/') && !path.startsWith('//') ? path : fallback;
}
