import { describe, expect, it } from 'vitest';
import { approvalCode, combinedCode, normaliseQuote, quoteHash } from '../../src/approval/normalise-quote.js';
import { typeset } from '../../src/locale/typography.js';

const WORDS = 'L’ambition est claire : développer l’industrie ! « Vraiment » ? Oui…';

describe('normaliseQuote', () => {
  it.each([
    ['typographic spaces', 'claire\u00A0: développer\u202F!', 'claire: développer!'],
    ['apostrophes', 'l’État, l\'État', "l'État, l'État"],
    ['French quotation marks and their inner spaces', '«\u202Fx\u202F» and « y »', '"x" and "y"'],
    ['English quotation marks', '“x”', '"x"'],
    ['ellipsis', 'Oui…', 'Oui...'],
    ['line breaks and runs of spaces', 'a\n  b\t c', 'a b c'],
    ['decomposed accents (NFC)', 'e\u0301tat', 'état'],
  ])('should fold %s', (_, input, expected) => {
    expect(normaliseQuote(input)).toBe(expected);
  });

  it.each(['fr', 'en'] as const)('should give the same hash once our %s typography has run over the words', (lang) => {
    expect(quoteHash(typeset(WORDS, lang))).toBe(quoteHash(WORDS));
  });

  it.each([
    ['a changed digit', 'soutenus à hauteur de 63 millions', 'soutenus à hauteur de 68 millions'],
    ['a changed word', 'une industrie durable', 'une industrie verte'],
    ['a removed comma', 'Oui, vraiment', 'Oui vraiment'],
    ['a changed accent', 'développé', 'développe'],
  ])('should change the hash for %s', (_, before, after) => {
    expect(quoteHash(after)).not.toBe(quoteHash(before));
  });

  it('should make an 8-digit upper-case code from the hash, and a different one for both languages together', () => {
    const fr = quoteHash('Bonjour');
    const en = quoteHash('Hello');
    expect(approvalCode(fr)).toMatch(/^[0-9A-F]{8}$/);
    expect(approvalCode(fr)).toBe(fr.slice(0, 8).toUpperCase());
    expect(combinedCode([fr])).toBe(approvalCode(fr));
    expect(combinedCode([fr, en])).not.toBe(approvalCode(fr));
    expect(combinedCode([fr, en])).not.toBe(combinedCode([en, fr]));
  });
});
