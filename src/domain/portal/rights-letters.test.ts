import { describe, expect, it } from 'vitest';
import { blockTexts } from '../letters/document.ts';
import { rightsLetter, rightsLetterKinds } from './rights-letters.ts';

describe('rightsLetter', () => {
  it.each(rightsLetterKinds.flatMap((kind) => (['fr', 'en'] as const).map((locale) => [kind, locale] as const)))('%s (%s) names both parties, the reference and its legal basis', (kind, locale) => {
    const letter = rightsLetter({
      kind, locale, date: '2027-03-10', sender: { name: 'Camille Martin', address: ['12 rue Oberkampf', '75011 Paris'] },
      recipient: { name: 'Recouvro SAS', address: ['1 rue X', '69001 Lyon'] }, reference: 'ABC-123', details: 'Détail libre',
    });
    const text = letter.blocks.flatMap(blockTexts).join('\n');
    expect(letter.sender[0]).toBe('Camille Martin');
    expect(letter.recipient[0]).toBe('Recouvro SAS');
    expect(text).toContain('ABC-123');
    expect(text).toContain('Détail libre');
    expect(text).toMatch(/(Fondement|Basis) ?: ?.*(art\.|Art\.|L1|R124|222-16)/);
  });
  it('cites the legal-claims exception in the erasure letter and the one-month deadline in the access letter', () => {
    const base = { locale: 'fr' as const, date: '2027-03-10', sender: { name: 'A', address: [] }, recipient: { name: 'B', address: [] } };
    expect(rightsLetter({ ...base, kind: 'erasure' }).blocks.flatMap(blockTexts).join(' ')).toContain('17(3)(e)');
    expect(rightsLetter({ ...base, kind: 'gdpr-access' }).blocks.flatMap(blockTexts).join(' ')).toContain('12(3)');
  });
});
