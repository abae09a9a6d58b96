import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from '../../src/locale/format-date.js';
import type { Lang } from '../../src/locale/lang.js';

const NBSP = '\u00A0';

describe('formatDate', () => {
  it.each<[string, Lang, string]>([
    ['2025-03-20', 'fr', '20\u00A0mars 2025'],
    ['2025-03-01', 'fr', '1er\u00A0mars 2025'],
    ['2025-03-02', 'fr', '2\u00A0mars 2025'],
    ['2025-12-31', 'fr', '31\u00A0décembre 2025'],
    ['2024-02-29', 'fr', '29\u00A0février 2024'],
    ['2025-03-20', 'en', '20\u00A0March 2025'],
    ['2025-03-01', 'en', '1\u00A0March 2025'],
    ['2025-08-01', 'en', '1\u00A0August 2025'],
  ])('should format %s in %s as %j, the day kept with its month', (iso, lang, expected) => {
    expect(formatDate(iso, lang)).toBe(expected);
  });

  it.each(['2025-02-29', '2025-02-30', '2025-13-01', '2025-00-10', '2025-3-1', '20/03/2025', '2025-03-20T10:30', ' 2025-03-20', '', 'demain'])(
    'should throw a RangeError naming %j and the expected shape',
    (iso) => {
      expect(() => formatDate(iso, 'fr')).toThrow(RangeError);
      expect(() => formatDate(iso, 'en')).toThrow(`Invalid date "${iso}": expected an existing date written YYYY-MM-DD`);
    },
  );
});

describe('formatDateTime', () => {
  it.each<[string, Lang, string]>([
    ['2025-03-20T10:30', 'fr', `20\u00A0mars 2025 à 10${NBSP}h${NBSP}30`],
    ['2025-03-20T10:00', 'fr', `20\u00A0mars 2025 à 10${NBSP}h`],
    ['2025-03-01T09:05', 'fr', `1er\u00A0mars 2025 à 9${NBSP}h${NBSP}05`],
    ['2025-03-20T00:00', 'fr', `20\u00A0mars 2025 à 0${NBSP}h`],
    ['2025-03-20T10:30', 'en', '20\u00A0March 2025 at 10:30'],
    ['2025-03-20T10:00', 'en', '20\u00A0March 2025 at 10:00'],
    ['2025-03-01T09:05', 'en', '1\u00A0March 2025 at 09:05'],
    ['2025-10-26T02:30', 'fr', `26\u00A0octobre 2025 à 2${NBSP}h${NBSP}30`], // happens twice in Paris: still a valid time
  ])('should format %s in %s as %j', (iso, lang, expected) => {
    expect(formatDateTime(iso, lang)).toBe(expected);
  });

  it.each(['2025-03-20', '2025-03-20 10:30', '2025-03-20T24:00', '2025-03-20T10:60', '2025-03-20T10:30:00', '2025-02-30T10:30', '2025-03-20T9:30'])(
    'should throw a RangeError naming malformed %j',
    (iso) => {
      expect(() => formatDateTime(iso, 'fr')).toThrow(`Invalid date "${iso}": expected an existing date written YYYY-MM-DDTHH:mm`);
    },
  );

  it('should reject a time that clocks in Paris skip', () => {
    expect(() => formatDateTime('2025-03-30T02:30', 'fr')).toThrow(
      'Invalid time "2025-03-30T02:30": clocks in Europe/Paris skip it',
    );
    expect(formatDateTime('2025-03-30T03:00', 'en')).toBe('30\u00A0March 2025 at 03:00');
  });

  it('should check the skipped hour against the time zone given', () => {
    expect(formatDateTime('2025-03-30T02:30', 'en', 'America/New_York')).toBe('30\u00A0March 2025 at 02:30');
    expect(() => formatDateTime('2025-03-09T02:30', 'en', 'America/New_York')).toThrow(RangeError);
    expect(formatDateTime('2025-03-09T02:30', 'en')).toBe('9\u00A0March 2025 at 02:30');
  });

  it('should throw a RangeError for an unknown time zone', () => {
    expect(() => formatDateTime('2025-03-20T10:30', 'fr', 'Europe/Atlantis')).toThrow(RangeError);
  });
});
