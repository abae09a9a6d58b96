import { getDay } from 'date-fns/getDay';
import { isValid } from 'date-fns/isValid';
import type { Lang } from './lang.js';

/** A date written in prose: what it gives (a day and month, a month and year, or all three) and where. */
export interface FoundDate {
  /** [start, end) in the text, the weekday included. */
  readonly start: number;
  readonly end: number;
  readonly raw: string;
  /** 1 to 31, when the text gives the day. */
  readonly day?: number;
  /** 1 to 12. */
  readonly month: number;
  readonly year?: number;
  /** 0 (Sunday) to 6 (Saturday), as date-fns numbers them, when the text names the day of the week. */
  readonly weekday?: number;
  /** [start, end) of the weekday's name in the text. */
  readonly weekdayStart?: number;
  readonly weekdayEnd?: number;
}

const SP = '[\\s\\u00A0\\u202F]';

/** Month names (and their usual abbreviations) by month number, 1 to 12. */
const MONTHS: Record<Lang, readonly string[]> = {
  fr: ['janvier|janv\\.', 'février|fevrier|févr\\.|fevr\\.', 'mars', 'avril|avr\\.', 'mai', 'juin', 'juillet|juil\\.', 'août|aout', 'septembre|sept\\.', 'octobre|oct\\.', 'novembre|nov\\.', 'décembre|decembre|déc\\.|dec\\.'],
  en: ['January|Jan\\.?', 'February|Feb\\.?', 'March|Mar\\.?', 'April|Apr\\.?', 'May', 'June|Jun\\.?', 'July|Jul\\.?', 'August|Aug\\.?', 'September|Sept?\\.?', 'October|Oct\\.?', 'November|Nov\\.?', 'December|Dec\\.?'],
};

/** Weekday names by date-fns number, 0 (Sunday) to 6. */
const WEEKDAYS: Record<Lang, readonly string[]> = {
  fr: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
  en: ['Sunday|Sun\\.?', 'Monday|Mon\\.?', 'Tuesday|Tues?\\.?', 'Wednesday|Wed\\.?', 'Thursday|Thu(?:rs?)?\\.?', 'Friday|Fri\\.?', 'Saturday|Sat\\.?'],
};

/** The weekday names written out, for messages: index 0 is Sunday. */
export const WEEKDAY_NAMES: Record<Lang, readonly string[]> = {
  fr: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

const alternatives = (names: readonly string[]) => names.map((n) => `(?:${n})`).join('|');
const YEAR = '(?:1[89]|2\\d)\\d\\d';
const END = '(?![\\p{L}\\p{N}])';
const START = '(?<![\\p{L}\\p{N}])';

/**
 * fr: "9 novembre 2023", "1er mars", "jeudi 9 novembre 2023", "novembre 2023" (any case: a sentence may start with it).
 * en: "9 November 2023", "1st March", "Thursday, 9 November 2023", "November 9, 2023", "November 2023"
 * (names capitalised, as English writes them: "may 2" is not a date).
 */
const PATTERN: Record<Lang, RegExp> = {
  fr: new RegExp(
    `${START}(?:(?:(?<weekday>${alternatives(WEEKDAYS.fr)}),?${SP}+)?(?<day>1er|[0-3]?\\d)${SP}+)?(?<month>${alternatives(MONTHS.fr)})(?:${SP}+(?<year>${YEAR}))?${END}`,
    'giu',
  ),
  en: new RegExp(
    `${START}(?:(?<weekday>${alternatives(WEEKDAYS.en)}),?${SP}+)?(?:` +
      `(?:the${SP}+)?(?<day>[0-3]?\\d)(?:st|nd|rd|th)?${SP}+(?:of${SP}+)?(?<month>${alternatives(MONTHS.en)})(?:,?${SP}+(?<year>${YEAR}))?` +
      `|(?<month2>${alternatives(MONTHS.en)})${SP}+(?:the${SP}+)?(?<day2>[0-3]?\\d)(?:st|nd|rd|th)?(?![\\p{N}])(?:,?${SP}+(?<year2>${YEAR}))?` +
      `|(?<month3>${alternatives(MONTHS.en)}),?${SP}+(?<year3>${YEAR})` +
      `)${END}`,
    'gu',
  ),
};

/** The index in `names` of the alternative `word` is written as, or -1. */
function indexOf(names: readonly string[], word: string, flags: string): number {
  return names.findIndex((n) => new RegExp(`^(?:${n})$`, flags).test(word));
}

/**
 * Finds the dates written in a text: a day and a month, a month and a year, or all three, with the weekday when one
 * is named just before. A month alone ("en mars") is not a date. The day is not checked against the month here.
 */
export function findDates(text: string, lang: Lang): FoundDate[] {
  const flags = lang === 'fr' ? 'iu' : 'u';
  const found: FoundDate[] = [];
  for (const match of text.matchAll(PATTERN[lang])) {
    const g = match.groups ?? {};
    const monthName = g['month'] ?? g['month2'] ?? g['month3'];
    const dayText = g['day'] ?? g['day2'];
    const yearText = g['year'] ?? g['year2'] ?? g['year3'];
    if (monthName === undefined || (dayText === undefined && yearText === undefined)) continue;
    const day = dayText === undefined ? undefined : /^1er$/i.test(dayText) ? 1 : Number(dayText);
    if (day !== undefined && (day < 1 || day > 31)) continue;
    const weekdayName = g['weekday'];
    const weekday = weekdayName === undefined ? -1 : indexOf(WEEKDAYS[lang], weekdayName, flags);
    const weekdayStart = weekday === -1 ? undefined : match.index + match[0].indexOf(weekdayName!);
    found.push({
      start: match.index,
      end: match.index + match[0].length,
      raw: match[0],
      month: indexOf(MONTHS[lang], monthName, flags) + 1,
      ...(day === undefined ? {} : { day }),
      ...(yearText === undefined ? {} : { year: Number(yearText) }),
      ...(weekday === -1 ? {} : { weekday, weekdayStart: weekdayStart!, weekdayEnd: weekdayStart! + weekdayName!.length }),
    });
  }
  return found;
}

/** The day of the week (0 = Sunday) of a whole date, or undefined when the date does not exist (31 November). */
export function weekdayOf(year: number, month: number, day: number): number | undefined {
  const date = new Date(year, month - 1, day);
  if (!isValid(date) || date.getMonth() !== month - 1 || date.getDate() !== day) return undefined;
  return getDay(date);
}

/** Whether two dates may be the same date written in two languages: same day and month, years and weekdays equal where both give one. */
export function sameDate(a: FoundDate, b: FoundDate): boolean {
  return (
    a.month === b.month &&
    a.day === b.day &&
    (a.year === undefined || b.year === undefined || a.year === b.year) &&
    (a.weekday === undefined || b.weekday === undefined || a.weekday === b.weekday)
  );
}
