import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { enGB } from 'date-fns/locale/en-GB';
import { fr } from 'date-fns/locale/fr';
import { parse } from 'date-fns/parse';
import { NBSP, type Lang } from './lang.js';

const LOCALES = { fr, en: enGB };

/** 'YYYY-MM-DD', optionally followed by 'THH:mm'. */
const ISO = /^(\d{4}-\d{2}-\d{2})(?:T([01]\d|2[0-3]):([0-5]\d))?$/;

/** Splits an ISO date (with a time iff `withTime`) into a local-midnight Date and the clock time; RangeError if malformed or nonexistent. */
function read(text: string, withTime: boolean): { day: Date; hours: number; minutes: number } {
  const match = ISO.exec(text);
  const day = parse(match?.[1] ?? '', 'yyyy-MM-dd', new Date(2000, 0, 1));
  if (!match || !isValid(day) || (match[2] !== undefined) !== withTime) {
    const expected = withTime ? 'YYYY-MM-DDTHH:mm, e.g. 2025-03-20T10:30' : 'YYYY-MM-DD, e.g. 2025-03-20';
    throw new RangeError(`Invalid date "${text}": expected an existing date written ${expected}`);
  }
  return { day, hours: Number(match[2] ?? 0), minutes: Number(match[3] ?? 0) };
}

function formatDay(day: Date, lang: Lang): string {
  // French writes the first of the month as an ordinal: "1er mars 2025".
  // A no-break space keeps the day with its month: "9\u00A0novembre 2023", "9\u00A0November 2023".
  const pattern = lang === 'fr' && day.getDate() === 1 ? `d'er'${NBSP}MMMM yyyy` : `d${NBSP}MMMM yyyy`;
  return format(day, pattern, { locale: LOCALES[lang] });
}

/** Formats a 'YYYY-MM-DD' date: fr "20 mars 2025", "1er mars 2025"; en "20 March 2025" (U+00A0 after the day). Throws RangeError if it is not an existing date. */
export function formatDate(isoDate: string, lang: Lang): string {
  return formatDay(read(isoDate, false).day, lang);
}

/** The day an instant falls on in Paris, 'YYYY-MM-DD'. */
export function dayInParis(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** The moment SOURCE_DATE_EPOCH names (seconds since 1970), when it is set: outputs then carry it instead of now. */
export function sourceDateEpoch(env: NodeJS.ProcessEnv = process.env): Date | undefined {
  const epoch = env['SOURCE_DATE_EPOCH'];
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : undefined;
}

/** Now, or SOURCE_DATE_EPOCH when it is set (reproducible outputs). */
export function currentInstant(env: NodeJS.ProcessEnv = process.env): Date {
  return sourceDateEpoch(env) ?? new Date();
}

/** Whether the wall-clock time `wanted` (fields as a UTC timestamp) occurs in `timeZone`, i.e. is not skipped by a DST change. */
function existsIn(wanted: number, timeZone: string): boolean {
  const fields = new Intl.DateTimeFormat('en-GB', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
  });
  const wallClockAt = (instant: number): number => {
    const p = Object.fromEntries(fields.formatToParts(instant).map((part) => [part.type, Number(part.value)]));
    return Date.UTC(p['year'] ?? NaN, (p['month'] ?? NaN) - 1, p['day'] ?? NaN, p['hour'] ?? NaN, p['minute'] ?? NaN);
  };
  // The zone's UTC offset the day before or the day after applies if the time exists.
  return [wanted - 864e5, wanted + 864e5].some((probe) => {
    const offset = wallClockAt(probe) - probe;
    return wallClockAt(wanted - offset) === wanted;
  });
}

/**
 * Formats a 'YYYY-MM-DDTHH:mm' wall-clock time in `timeZone` (default 'Europe/Paris') without converting it:
 * fr "20 mars 2025 à 10 h 30", "à 10 h" on the hour (U+00A0 around "h"); en "20 March 2025 at 10:30".
 * Throws RangeError if the string is malformed or the time does not exist there (skipped by a DST change).
 */
export function formatDateTime(iso: string, lang: Lang, timeZone = 'Europe/Paris'): string {
  const { day, hours, minutes } = read(iso, true);
  if (!existsIn(Date.UTC(day.getFullYear(), day.getMonth(), day.getDate(), hours, minutes), timeZone)) {
    throw new RangeError(`Invalid time "${iso}": clocks in ${timeZone} skip it (daylight saving change)`);
  }
  const mm = String(minutes).padStart(2, '0');
  if (lang === 'en') return `${formatDay(day, lang)} at ${String(hours).padStart(2, '0')}:${mm}`;
  return `${formatDay(day, lang)} à ${hours}${NBSP}h${minutes === 0 ? '' : NBSP + mm}`;
}
