import { describe, expect, it } from 'vitest';
import { migrationBetween, type MigrationSubject } from '../../src/index.js';
import { renderMigrationSection } from '../../src/report/migration-section-html.js';

const subject = (clientId: string, behaviourSegment: number, riskSegment: string): MigrationSubject => ({ clientId, behaviourSegment, riskSegment, assetTier: 'mass' });
const before = [subject('a', 0, 'aggressive'), subject('b', 1, 'conservative'), subject('c', 2, 'balanced')];
const after = [subject('a', 5, 'aggressive'), subject('b', 0, 'balanced'), subject('c', 0, 'balanced')];
const names = { 0: 'Steady holder', 5: 'Frequent trader' };

describe('the migration section', () => {
  it('labels segments by id and name, and risk classes from conservative to aggressive', () => {
    const html = renderMigrationSection(migrationBetween(before, after), names);
    expect(html).toContain('>0 Steady holder</text>');
    expect(html).toContain('>5 Frequent trader</text>');
    // An id without a name (a segment of the previous model only) is shown by its id.
    expect(html).toContain('>2</text>');
    const risk = html.slice(html.indexOf('risk migration'));
    expect(risk.indexOf('>conservative<')).toBeLessThan(risk.indexOf('>balanced<'));
    expect(risk.indexOf('>balanced<')).toBeLessThan(risk.indexOf('>aggressive<'));
  });

  it('says how another model version\'s ids were read, and which had no counterpart', () => {
    const aligned = migrationBetween(before, after, { basis: 'aligned', previousModel: 'old1', currentModel: 'new1', mapping: [{ from: 0, to: 5 }, { from: 1, to: 0 }, { from: 2, to: null }] });
    const html = renderMigrationSection(aligned, names);
    expect(html).toContain('The previous run used model old1, this one new1');
    expect(html).toContain('Ids mapped: 0→5, 1→0.');
    expect(html).toContain('Previous segments 2 have no counterpart in this model: their 1 clients are not counted');
    expect(aligned.behaviour.stayRate).toBe(1);
    const blind = renderMigrationSection(migrationBetween(before, after, { basis: 'not_comparable', reason: 'no bundle for old1' }), names);
    expect(blind).toContain('Behavioural segment ids are not comparable, so no segment migration is given: no bundle for old1');
    expect(blind).not.toContain('segment migration (rows: before');
  });
});
