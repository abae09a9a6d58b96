import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/locale/lang.js';
import { typeset, type TypesetState } from '../../src/locale/typography.js';

interface Case {
  name: string;
  input: string;
  lang: Lang;
  expected: string;
}

// Invisible characters are spelled out: \u202F (narrow no-break space), \u00A0 (no-break space).
const cases: Case[] = [
  // French: ; ! ?
  { name: 'add a narrow no-break space before "!" (fr)', input: 'Bonjour!', lang: 'fr', expected: 'Bonjour\u202F!' },
  { name: 'replace a normal space before "!" (fr)', input: 'Bonjour !', lang: 'fr', expected: 'Bonjour\u202F!' },
  { name: 'replace a no-break space before "?" (fr)', input: 'Quoi\u00A0?', lang: 'fr', expected: 'Quoi\u202F?' },
  { name: 'space ";" inside a sentence (fr)', input: 'Attention ; la suite', lang: 'fr', expected: 'Attention\u202F; la suite' },
  { name: 'space only the first mark of "?!" (fr)', input: 'Vraiment?!', lang: 'fr', expected: 'Vraiment\u202F?!' },
  { name: 'keep one space before a spaced "?!" (fr)', input: 'Vraiment ?! Oui.', lang: 'fr', expected: 'Vraiment\u202F?! Oui.' },
  { name: 'leave a query string "?id=3" alone (fr)', input: 'page?id=3', lang: 'fr', expected: 'page?id=3' },
  { name: 'leave "a;b" alone (fr)', input: 'a;b', lang: 'fr', expected: 'a;b' },
  { name: 'space a mark after a closing parenthesis (fr)', input: '(voir p. 3)!', lang: 'fr', expected: '(voir p. 3)\u202F!' },
  { name: 'not space a mark after an opening parenthesis (fr)', input: 'Ah (?)', lang: 'fr', expected: 'Ah (?)' },
  // Dates: the day stays with its month
  { name: 'keep the day with its month (fr)', input: 'jeudi 9 novembre 2023', lang: 'fr', expected: 'jeudi 9\u00A0novembre 2023' },
  { name: 'keep "1er" with its month (fr)', input: 'le 1er mars', lang: 'fr', expected: 'le 1er\u00A0mars' },
  { name: 'keep the day with its month (en)', input: 'on 9 November 2023', lang: 'en', expected: 'on 9\u00A0November 2023' },
  { name: 'keep the month with its day (en)', input: 'on November 9, 2023', lang: 'en', expected: 'on November\u00A09, 2023' },
  { name: 'leave a count before a word that starts like a month alone (en)', input: '10 Mayday calls', lang: 'en', expected: '10 Mayday calls' },
  { name: 'leave a figure before a French word alone (fr)', input: '12 maisons', lang: 'fr', expected: '12 maisons' },
  // French: colon
  { name: 'add a no-break space before ":" (fr)', input: 'Note: voir', lang: 'fr', expected: 'Note\u00A0: voir' },
  { name: 'replace a normal space before ":" (fr)', input: 'Note : voir', lang: 'fr', expected: 'Note\u00A0: voir' },
  { name: 'replace a narrow space before ":" (fr)', input: 'Note\u202F: voir', lang: 'fr', expected: 'Note\u00A0: voir' },
  { name: 'leave a time "14:30" alone (fr)', input: 'Rendez-vous à 14:30.', lang: 'fr', expected: 'Rendez-vous à 14:30.' },
  { name: 'leave "mailto:x" alone (fr)', input: 'mailto:x', lang: 'fr', expected: 'mailto:x' },
  // French: guillemets and quotes
  { name: 'put a narrow space inside tight guillemets (fr)', input: '«Bonjour»', lang: 'fr', expected: '«\u202FBonjour\u202F»' },
  { name: 'replace normal spaces inside guillemets (fr)', input: '« Bonjour »', lang: 'fr', expected: '«\u202FBonjour\u202F»' },
  { name: 'replace no-break spaces inside guillemets (fr)', input: '«\u00A0Bonjour\u00A0»', lang: 'fr', expected: '«\u202FBonjour\u202F»' },
  { name: 'turn straight double quotes into guillemets (fr)', input: '"Bonjour"', lang: 'fr', expected: '«\u202FBonjour\u202F»' },
  { name: 'get quote direction right for two quotations (fr)', input: 'Il a dit "oui" puis "non".', lang: 'fr', expected: 'Il a dit «\u202Foui\u202F» puis «\u202Fnon\u202F».' },
  { name: 'close a spaced straight quotation (fr)', input: '" Bonjour " !', lang: 'fr', expected: '«\u202FBonjour\u202F»\u202F!' },
  { name: 'open a quote after a parenthesis (fr)', input: '("Bonjour")', lang: 'fr', expected: '(«\u202FBonjour\u202F»)' },
  { name: 'space a colon before a quotation inside guillemets (fr)', input: '« Il a dit : "oui" »', lang: 'fr', expected: '«\u202FIl a dit\u00A0: «\u202Foui\u202F»\u202F»' },
  { name: 'turn a straight apostrophe into ’ (fr)', input: "l'État c'est", lang: 'fr', expected: 'l’État c’est' },
  // French: units
  { name: 'add a no-break space in "8%" (fr)', input: 'Hausse de 8%', lang: 'fr', expected: 'Hausse de 8\u00A0%' },
  { name: 'replace the space in "8 %" (fr)', input: 'Hausse de 8 %.', lang: 'fr', expected: 'Hausse de 8\u00A0%.' },
  { name: 'replace a narrow space before "%" (fr)', input: '8\u202F%', lang: 'fr', expected: '8\u00A0%' },
  { name: 'bind "M€" to its number (fr)', input: '39,7 M€', lang: 'fr', expected: '39,7\u00A0M€' },
  { name: 'bind "k€" and "Md€" to their numbers (fr)', input: 'Entre 500k€ et 1,2 Md€', lang: 'fr', expected: 'Entre 500\u00A0k€ et 1,2\u00A0Md€' },
  { name: 'bind "€" to its number (fr)', input: '12€ ou 1 000 €', lang: 'fr', expected: '12\u00A0€ ou 1 000\u00A0€' },
  { name: 'bind "ha", "km" and "km²" to their numbers (fr)', input: '15 ha, 42km et 3 km²', lang: 'fr', expected: '15\u00A0ha, 42\u00A0km et 3\u00A0km²' },
  { name: 'bind hours "10 h" (fr)', input: 'À 10 h.', lang: 'fr', expected: 'À 10\u00A0h.' },
  { name: 'bind hours and minutes "10h30" (fr)', input: 'À 10h30 et 11 h 15', lang: 'fr', expected: 'À 10\u00A0h\u00A030 et 11\u00A0h\u00A015' },
  { name: 'leave "8 heures" alone (fr)', input: '8 heures', lang: 'fr', expected: '8 heures' },
  { name: 'turn three dots into an ellipsis (fr)', input: 'Et puis... ?', lang: 'fr', expected: 'Et puis…\u202F?' },
  // French: URLs and e-mail addresses
  { name: 'leave a URL alone but space the mark after it (fr)', input: 'Voir https://www.gouv.fr/a?b=1:2 !', lang: 'fr', expected: 'Voir https://www.gouv.fr/a?b=1:2\u202F!' },
  { name: 'leave a www address alone (fr)', input: 'Site : www.example.fr/p?x=1;y=2', lang: 'fr', expected: 'Site\u00A0: www.example.fr/p?x=1;y=2' },
  { name: 'not take the final full stop into a URL (fr)', input: 'Voir https://x.fr/a...', lang: 'fr', expected: 'Voir https://x.fr/a…' },
  { name: 'quote a URL without touching it (fr)', input: '"https://x.fr/a?b"', lang: 'fr', expected: '«\u202Fhttps://x.fr/a?b\u202F»' },
  { name: 'leave an e-mail address alone (fr)', input: "Écrire à presse@gouv.fr !", lang: 'fr', expected: 'Écrire à presse@gouv.fr\u202F!' },
  { name: 'leave a mailto address alone (fr)', input: 'Contact : mailto:o\'brien@x.fr', lang: 'fr', expected: "Contact\u00A0: mailto:o'brien@x.fr" },
  // English
  { name: 'remove the space before "!" (en)', input: 'Hello !', lang: 'en', expected: 'Hello!' },
  { name: 'remove a narrow space before "?" (en)', input: 'Really\u202F?!', lang: 'en', expected: 'Really?!' },
  { name: 'remove the space before ":" and ";" (en)', input: 'Note : one ; two', lang: 'en', expected: 'Note: one; two' },
  { name: 'leave a time "14:30" alone (en)', input: 'Meet at 14:30.', lang: 'en', expected: 'Meet at 14:30.' },
  { name: 'curl double quotes (en)', input: 'She said "yes" and "no".', lang: 'en', expected: 'She said “yes” and “no”.' },
  { name: 'curl single quotes (en)', input: "'Hello'", lang: 'en', expected: '‘Hello’' },
  { name: 'curl apostrophes (en)', input: "it's the dogs' bowl", lang: 'en', expected: 'it’s the dogs’ bowl' },
  { name: 'curl a year elision the right way (en)', input: "the '90s", lang: 'en', expected: 'the ’90s' },
  { name: 'turn three dots into an ellipsis (en)', input: 'Wait...', lang: 'en', expected: 'Wait…' },
  { name: 'leave a URL alone (en)', input: 'See https://x.org/?q=a:b "here"', lang: 'en', expected: 'See https://x.org/?q=a:b “here”' },
  { name: 'leave an e-mail address alone (en)', input: "Write to o'neil@x.org", lang: 'en', expected: "Write to o'neil@x.org" },
  { name: 'leave French guillemets alone (en)', input: '«x»', lang: 'en', expected: '«x»' },
];

/** Letters and digits only. */
const skeleton = (text: string): string => text.replace(/[^\p{L}\p{N}]/gu, '');

describe('typeset', () => {
  it.each(cases)('should $name', ({ input, lang, expected }) => {
    expect(typeset(input, lang)).toBe(expected);
  });

  it.each(cases)('should be idempotent: $input ($lang)', ({ input, lang }) => {
    const once = typeset(input, lang);
    expect(typeset(once, lang)).toBe(once);
  });

  it.each(cases)('should keep letters and digits: $input ($lang)', ({ input, lang }) => {
    expect(skeleton(typeset(input, lang))).toBe(skeleton(input));
  });

  it('should carry quote direction across calls through the state', () => {
    const state: TypesetState = { previous: '' };
    const parts = ['"', 'Bonjour', '" !'].map((text) => typeset(text, 'fr', state));
    expect(parts).toEqual(['«\u202F', 'Bonjour', '\u202F»\u202F!']);
    expect(state.previous).toBe('!');
  });

  it('should space a mark that starts a text after a word', () => {
    expect(typeset('!', 'fr', { previous: 'r' })).toBe('\u202F!');
    expect(typeset(' !', 'en', { previous: 'o' })).toBe('!');
  });
});
