import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFigure, parseFigure, type Unit } from '../../src/locale/format-number.js';
import { LANGS } from '../../src/locale/lang.js';
import { RUNS } from './runs.js';

/**
 * Values formatFigure shows without rounding (it rounds to 2 decimals of the unit shown): cents for counts, percents
 * and hectares up to 1e12; for euros, cents below a million, hundredths of a million below a billion, hundredths of a
 * billion above.
 */
const cents = fc.integer({ min: 0, max: 1e14 }).map((n) => n / 100);
const representable: Record<'count' | 'percent' | 'hectare' | 'eur', fc.Arbitrary<number>> = {
  count: cents,
  percent: cents,
  hectare: cents,
  eur: fc.oneof(
    fc.integer({ min: 0, max: 99_999_999 }).map((n) => n / 100),
    fc.integer({ min: 100, max: 99_999 }).map((n) => n * 1e4),
    fc.integer({ min: 100, max: 100_000 }).map((n) => n * 1e7),
    fc.constantFrom(0, 0.01, 1, 999_999.99, 1e6, 999_990_000, 1e9, 1e12),
  ),
};

describe('parseFigure(formatFigure(x)) (properties)', () => {
  for (const unit of Object.keys(representable) as Array<Exclude<Unit, 'year' | 'period'>>) {
    it.each(LANGS)(`should give back every ${unit} value in %s, short and long form`, (lang) => {
      fc.assert(
        fc.property(representable[unit], fc.constantFrom('short' as const, 'long' as const), (x, form) => {
          const text = formatFigure(x, unit, lang, { form });
          expect(parseFigure(text, lang), text).toEqual({ value: x, unit });
        }),
        { numRuns: RUNS },
      );
    });
  }

  it.each(LANGS)('should give back every year in %s (read as a count: "2018")', (lang) => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), (year) => {
        expect(parseFigure(formatFigure(year, 'year', lang), lang)).toEqual({ value: year, unit: 'count' });
      }),
      { numRuns: RUNS },
    );
  });
});
