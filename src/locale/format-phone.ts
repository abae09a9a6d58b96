import { parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import { NBSP, type Lang } from './lang.js';

const PROBLEMS: Record<string, string> = {
  NOT_A_NUMBER: 'not a phone number',
  INVALID_COUNTRY: 'no country code it could belong to',
  TOO_SHORT: 'too short',
  TOO_LONG: 'too long',
  INVALID_LENGTH: 'a length no number has',
};

/** Thrown for a phone number that is not valid; `input` is the text that was given. */
export class PhoneError extends Error {
  override name = 'PhoneError';

  constructor(readonly input: string, country: CountryCode) {
    const problem = PROBLEMS[validatePhoneNumberLength(input, country) ?? ''] ?? lengthProblem(input, country) ?? 'not an allocated number';
    const example = country === 'FR' ? 'a French number such as 01 53 18 46 19 or +33 1 53 18 46 19' : `a number valid in ${country}`;
    super(`Invalid phone number "${input}" (${problem}): expected ${example}`);
  }
}

/**
 * "too short" or "too long" for a number of a possible length that one digit more, or one fewer, would make valid
 * ("01 53 18 45 1"), which the length check alone does not tell.
 */
function lengthProblem(input: string, country: CountryCode): string | undefined {
  if ([...'0123456789'].some((digit) => parseValid(input + digit, country))) return 'too short';
  const shorter = input.replace(/\d(\D*)$/, '$1');
  if (shorter !== input && parseValid(shorter, country)) return 'too long';
  return undefined;
}

function parseValid(raw: string, country: CountryCode): PhoneNumber | undefined {
  const phone = parsePhoneNumberFromString(raw, { defaultCountry: country, extract: false });
  return phone?.isValid() ? phone : undefined;
}

/** Whether `raw` is a valid phone number, read as national to `country` (default 'FR') unless it starts with +. */
export function isValidPhone(raw: string, country: CountryCode = 'FR'): boolean {
  return parseValid(raw, country) !== undefined;
}

/**
 * Formats a phone number with U+00A0 between groups so it never wraps: fr national "07 62 61 50 25"
 * (international when the number is not from `country`, default 'FR'), en "+33 7 62 61 50 25". Throws PhoneError.
 */
export function formatPhone(raw: string, lang: Lang, country: CountryCode = 'FR'): string {
  const phone = parseValid(raw, country);
  if (!phone) throw new PhoneError(raw, country);
  const text = lang === 'fr' && phone.country === country ? phone.formatNational() : phone.formatInternational();
  return text.replace(/ /g, NBSP);
}

/** The tel: link of a phone number (default country 'FR'): "tel:+33762615025". Throws PhoneError. */
export function phoneHref(raw: string, country: CountryCode = 'FR'): string {
  const phone = parseValid(raw, country);
  if (!phone) throw new PhoneError(raw, country);
  return phone.getURI();
}
