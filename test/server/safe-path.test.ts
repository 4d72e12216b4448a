import { describe, expect, it } from 'vitest';
import { safePath } from '../../src/server/safe-path.js';

describe('safePath', () => {
  it('keeps a path on this site with its query and fragment', () => {
    expect(safePath('/book?tier=A&flag=risk_mismatch')).toBe('/book?tier=A&flag=risk_mismatch');
    expect(safePath('/clients/C0001')).toBe('/clients/C0001');
    expect(safePath('/clients/C%2F1#history')).toBe('/clients/C%2F1#history');
  });

  it('refuses every way of naming another host, after decoding, and falls back to the book', () => {
    for (const evil of [
      '/\t/evil.example/phish', '/%09/evil.example/phish', '/\n/evil.example', '/%0a/evil.example', '/\r/evil.example', '/%0D/evil.example',
      '//evil.example', '/%2F/evil.example', '/%252F/evil.example', '/\\evil.example', '/%5Cevil.example', '\\\\evil.example',
      'https://evil.example/', 'http:evil.example', 'javascript:alert(1)', 'evil.example', ' /book', '/\u3000/evil.example', '/\u200b/evil.example',
      '/%E0%A4%A', '', 'x'.repeat(3000),
    ]) {
      expect(safePath(evil), JSON.stringify(evil)).toBe('/book');
    }
    expect(safePath(['/book', '//evil.example'])).toBe('/book');
    expect(safePath(undefined, '/elsewhere')).toBe('/elsewhere');
  });

  it('percent-encodes a non-ASCII path instead of failing on it', () => {
    expect(safePath('/clients/客户1')).toBe('/clients/%E5%AE%A2%E6%88%B71');
    expect(safePath('/book?q=张')).toBe('/book?q=%E5%BC%A0');
  });
});
