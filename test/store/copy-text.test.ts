import { describe, expect, it } from 'vitest';
import { copyTextLine } from '../../src/store/copy-text.js';

describe('copyTextLine', () => {
  it('separates with tabs, writes NULL as \\N and ends the row with a newline', () => {
    expect(copyTextLine(['r1', 3, null])).toBe('r1\t3\t\\N\n');
  });

  it('escapes exactly the characters the text format reserves', () => {
    expect(copyTextLine(['a\\b', 'c\td', 'e\nf', 'g\rh', '\\N', '"客户"'])).toBe('a\\\\b\tc\\td\te\\nf\tg\\rh\t\\\\N\t"客户"\n');
  });
});
