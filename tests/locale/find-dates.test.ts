import { describe, expect, it } from 'vitest';
import { findDates, sameDate, weekdayOf } from '../../src/locale/find-dates.js';

const parts = (text: string, lang: 'fr' | 'en') => findDates(text, lang).map(({ raw, day, month, year, weekday }) => ({ raw, day, month, year, weekday }));

describe('findDates', () => {
  it('should read French dates: day, month, year and weekday, "1er" and abbreviations', () => {
    expect(parts('Lancé le jeudi 9 novembre 2023 à Chalon-sur-Saône, puis le 1er mars et en déc. 2024.', 'fr')).toEqual([
      { raw: 'jeudi 9 novembre 2023', day: 9, month: 11, year: 2023, weekday: 4 },
      { raw: '1er mars', day: 1, month: 3, year: undefined, weekday: undefined },
      { raw: 'déc. 2024', day: undefined, month: 12, year: 2024, weekday: undefined },
    ]);
  });

  it('should read English dates written day first or month first, with or without a comma and an ordinal', () => {
    expect(parts('On Thursday, 9 November 2023; on November 9, 2023; on Thursday November 9th; from 1st March; in March 2025.', 'en')).toEqual([
      { raw: 'Thursday, 9 November 2023', day: 9, month: 11, year: 2023, weekday: 4 },
      { raw: 'November 9, 2023', day: 9, month: 11, year: 2023, weekday: undefined },
      { raw: 'Thursday November 9th', day: 9, month: 11, year: undefined, weekday: 4 },
      { raw: '1st March', day: 1, month: 3, year: undefined, weekday: undefined },
      { raw: 'March 2025', day: undefined, month: 3, year: 2025, weekday: undefined },
    ]);
  });

  it('should leave alone a month alone, an English month not capitalised and figures that are not dates', () => {
    expect(findDates('En mars, les 183 territoires ; 2 800 actions.', 'fr')).toEqual([]);
    expect(findDates('They may 2 times; 183 territories in 2023.', 'en')).toEqual([]);
  });
});

describe('weekdayOf and sameDate', () => {
  it('should give the day of the week of a date, and nothing for a day its month does not have', () => {
    expect(weekdayOf(2023, 11, 9)).toBe(4);
    expect(weekdayOf(2023, 11, 10)).toBe(5);
    expect(weekdayOf(2023, 11, 31)).toBeUndefined();
    expect(weekdayOf(2024, 2, 29)).toBe(4);
  });

  it('should take a date whose year or weekday one language leaves out as the same date, but not another day or weekday', () => {
    const [fr] = findDates('jeudi 9 novembre 2023', 'fr');
    const [noYear] = findDates('9 November', 'en');
    const [otherDay] = findDates('Thursday 19 November 2023', 'en');
    const [otherWeekday] = findDates('Friday 9 November 2023', 'en');
    expect(sameDate(fr!, noYear!)).toBe(true);
    expect(sameDate(fr!, otherDay!)).toBe(false);
    expect(sameDate(fr!, otherWeekday!)).toBe(false);
  });
});
