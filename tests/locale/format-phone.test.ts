import { describe, expect, it } from 'vitest';
import { formatPhone, isValidPhone, PhoneError, phoneHref } from '../../src/locale/format-phone.js';

const NBSP = '\u00A0';
const nb = (text: string): string => text.replace(/ /g, NBSP);

describe('formatPhone', () => {
  it.each([
    ['07.62.61.50.25', 'fr', '07 62 61 50 25'],
    ['0762615025', 'fr', '07 62 61 50 25'],
    ['01 53 18 46 19', 'fr', '01 53 18 46 19'],
    ['+33 1 53 18 46 19', 'fr', '01 53 18 46 19'],
    ['01-53-18-46-19', 'fr', '01 53 18 46 19'],
    ['07.62.61.50.25', 'en', '+33 7 62 61 50 25'],
    ['01 53 18 46 19', 'en', '+33 1 53 18 46 19'],
    ['+33 1 53 18 46 19', 'en', '+33 1 53 18 46 19'],
    ['+44 20 7946 0958', 'fr', '+44 20 7946 0958'], // not French: international even in French
  ] as const)('should format %j in %s as %j with no-break spaces', (raw, lang, expected) => {
    const text = formatPhone(raw, lang);
    expect(text).toBe(nb(expected));
    expect(text).not.toContain(' ');
  });

  it('should read a national number in the country given', () => {
    expect(formatPhone('020 7946 0958', 'en', 'GB')).toBe(nb('+44 20 7946 0958'));
    expect(formatPhone('020 7946 0958', 'fr', 'GB')).toBe(nb('020 7946 0958'));
  });

  it.each(['01 23', '12345678901234', 'hello', 'tél. 01 53 18 46 19', '', '00 00 00 00 00'])(
    'should throw a PhoneError for %j',
    (raw) => {
      expect(() => formatPhone(raw, 'fr')).toThrow(PhoneError);
      expect(() => formatPhone(raw, 'fr')).toThrow(
        `Invalid phone number "${raw}"`,
      );
      expect(() => formatPhone(raw, 'fr')).toThrow('expected a French number such as 01 53 18 46 19 or +33 1 53 18 46 19');
    },
  );

  it('should say what is wrong and keep the input on the error', () => {
    const error = (() => {
      try {
        formatPhone('01 23', 'en');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(PhoneError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'PhoneError', input: '01 23', message: expect.stringContaining('too short') });
  });
});

describe('isValidPhone', () => {
  it.each([
    ['07.62.61.50.25', undefined, true],
    ['+33 1 53 18 46 19', undefined, true],
    ['01 53 18 46 19', 'FR', true],
    ['01 53 18 46 19', 'GB', false],
    ['020 7946 0958', 'GB', true],
    ['01 23', undefined, false],
    ['hello', undefined, false],
    ['tél. 01 53 18 46 19', undefined, false],
  ] as const)('should say %j is valid in %s: %s', (raw, country, expected) => {
    expect(isValidPhone(raw, country)).toBe(expected);
  });
});

describe('phoneHref', () => {
  it.each([
    ['07 62 61 50 25', 'tel:+33762615025'],
    ['07.62.61.50.25', 'tel:+33762615025'],
    ['+33 1 53 18 46 19', 'tel:+33153184619'],
  ])('should link %j to %s', (raw, expected) => {
    expect(phoneHref(raw)).toBe(expected);
  });

  it('should throw a PhoneError for an invalid number', () => {
    expect(() => phoneHref('01 23')).toThrow(PhoneError);
  });
});
