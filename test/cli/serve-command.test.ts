import { describe, expect, it } from 'vitest';
import { sessionKeyFromEnv } from '../../src/cli/commands/serve-command.js';

describe('serve: CLIENTSEG_SESSION_KEY', () => {
  it('takes 64 hex digits as the 32-byte key, none when unset, and refuses anything else', () => {
    expect(sessionKeyFromEnv(undefined)).toBeUndefined();
    expect(sessionKeyFromEnv('')).toBeUndefined();
    expect(sessionKeyFromEnv('ab'.repeat(32))).toEqual(Buffer.alloc(32, 0xab));
    for (const bad of ['ab'.repeat(31), 'zz'.repeat(32), 'secret']) {
      expect(() => sessionKeyFromEnv(bad)).toThrow(expect.objectContaining({ code: 'config_invalid' }));
    }
  });
});
