import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { segmentDescriber } from '../../src/server/segment-descriptions.js';
import { unreliableBadge } from '../../src/server/unreliable-badge.js';

describe('unreliable segments in the advisor app', () => {
  it('renders the badge in the page language with the reason as its title', () => {
    expect(String(unreliableBadge('zh'))).toContain('<span class="flag unreliable" title="训练时该客群的自助法 Jaccard 低于 0.6');
    expect(String(unreliableBadge('zh'))).toContain('>不可靠</span>');
    expect(String(unreliableBadge('en'))).toContain('>unreliable</span>');
  });

  it('reads each segment\'s reliability and description from the run\'s bundle', async () => {
    const describe = segmentDescriber('models');
    const { champion } = JSON.parse(await readFile('models/sample/aliases.json', 'utf8')) as { champion: string };
    const info = await describe('sample', champion, 0);
    // The sample model's segments all have bootstrap Jaccard ≥ 0.6 (its report).
    expect(info).toMatchObject({ reliable: true, description: { zh: expect.stringMatching(/\p{Script=Han}/u) } });
    expect(await describe('sample', 'no-such-version', 0)).toBeUndefined();
  });
});
