import { NBSP, NNBSP, type Lang } from './lang.js';

/** What a figure measures; decides its symbol or words. */
export type Unit = 'count' | 'eur' | 'percent' | 'hectare' | 'year' | 'period';

/** A figure: a number, or for a period a [from, to] pair of years. */
export type FigureValue = number | readonly [number, number];

/** Options of formatFigure: `form` is 'short' ("39,7 M€") or 'long' ("39,7 millions d’euros"), default 'short'. */
export interface FormatOptions {
  form?: 'short' | 'long';
}

const formatters = {
  fr: new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};

/** A non-negative number, at most 2 decimals, grouped: fr "2 800,5" (U+202F), en "2,800.5". */
function digits(n: number, lang: Lang): string {
  return formatters[lang]
    .formatToParts(n)
    .map((part) => (part.type === 'group' && lang === 'fr' ? NNBSP : part.value))
    .join('');
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The power of ten euros are counted in: 9 (Md€), 6 (M€) or 0, moving up when rounding reaches 1 000 of the lower one. */
function eurExponent(abs: number): 0 | 6 | 9 {
  if (abs >= 1e9 || round2(abs / 1e6) >= 1000) return 9;
  if (abs >= 1e6 || round2(abs) >= 1e6) return 6;
  return 0;
}

function formatEur(abs: number, lang: Lang, long: boolean): string {
  const exp = eurExponent(abs);
  const n = digits(abs / 10 ** exp, lang);
  if (lang === 'en') {
    const suffix = exp === 0 ? '' : long ? `${NBSP}${exp === 9 ? 'billion' : 'million'}` : exp === 9 ? 'bn' : 'm';
    return `€${n}${suffix}`;
  }
  if (!long) return `${n}${NBSP}${exp === 9 ? 'Md€' : exp === 6 ? 'M€' : '€'}`;
  // French nouns stay singular below 2: "1,5 million", "1 euro".
  const s = /^[01](,|$)/.test(n) ? '' : 's';
  if (exp === 0) return `${n}${NBSP}euro${s}`;
  return `${n}${NBSP}${exp === 9 ? 'milliard' : 'million'}${s} d’euros`;
}

function formatHectare(abs: number, lang: Lang, long: boolean): string {
  const n = digits(abs, lang);
  if (!long) return `${n}${NBSP}ha`;
  const singular = lang === 'fr' ? /^[01](,|$)/.test(n) : n === '1';
  return `${n}${NBSP}hectare${singular ? '' : 's'}`;
}

function checkFinite(n: number): void {
  if (!Number.isFinite(n)) throw new RangeError(`Cannot format the non-finite number ${n}`);
}

function checkYear(n: number): void {
  checkFinite(n);
  if (!Number.isInteger(n)) throw new RangeError(`A year must be a whole number, got ${n}`);
}

/**
 * Writes a figure the way each language prints it, rounded to 2 decimals of the unit shown
 * (eur short and long: of the euro, million or billion; 39 712 345 € gives "39,71 M€").
 * French puts U+00A0 between number and unit and groups thousands with U+202F; English also
 * uses U+00A0 before words and "ha". Negative numbers get a leading "-" (parseFigure reads none).
 * Throws RangeError on a non-finite number or a fractional year, TypeError when value and unit disagree.
 */
export function formatFigure(value: FigureValue, unit: Unit, lang: Lang, options: FormatOptions = {}): string {
  const long = options.form === 'long';
  if (typeof value !== 'number') {
    if (unit !== 'period') throw new TypeError(`A [from, to] pair is only valid for unit 'period', not '${unit}'`);
    value.forEach(checkYear);
    return `${value[0]}${lang === 'fr' ? '-' : '–'}${value[1]}`;
  }
  if (unit === 'period') throw new TypeError(`A period needs a [from, to] pair of years, got ${value}`);
  if (unit === 'year') {
    checkYear(value);
    return String(value);
  }
  checkFinite(value);
  const abs = Math.abs(value);
  const body =
    unit === 'eur' ? formatEur(abs, lang, long)
    : unit === 'hectare' ? formatHectare(abs, lang, long)
    : unit === 'percent' ? `${digits(abs, lang)}${lang === 'fr' ? NBSP : ''}%`
    : digits(abs, lang);
  return value < 0 && /[1-9]/.test(body) ? `-${body}` : body;
}

// ---------------------------------------------------------------------------
// Reading figures back: one grammar per language, shared by parseFigure and findFigures.

const SP = '[ \\u00A0\\u202F]'; // space, NBSP or NNBSP
const APOS = "['’]";

/** fr: "2 800" (any of the three spaces) or "2800", decimal comma. */
const FR_NUMBER = `(?<int>\\d{1,3}(?:${SP}\\d{3})+|\\d+)(?:,(?<frac>\\d+))?`;
const FR_UNIT =
  `(?:${SP}?(?:` +
  `(?<eur9>Mds?${SP}?€|Mrds?${SP}?€|milliards?${SP}+d${APOS}${SP}?euros)` +
  `|(?<eur6>M${SP}?€|millions?${SP}+d${APOS}${SP}?euros)` +
  `|(?<eur>€|euros?)|(?<percent>%)|(?<hectare>hectares?|ha)` +
  `|(?<count9>milliards?)|(?<count6>millions?)` +
  `))?`;

/** en: "2,800" or "2800", decimal point; "€" before the number, "m"/"bn" only after one. */
const enNumber = (prefix: string): string =>
  `(?<${prefix}int>\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(?<${prefix}frac>\\d+))?`;
const EN_FIGURE =
  `€${SP}?${enNumber('eur')}(?:${SP}?(?:(?<eur9>bn|billion)|(?<eur6>million|m)))?` +
  `|${enNumber('')}(?:${SP}?(?:(?<percent>%)|(?<hectare>hectares?|ha)|(?<count9>billion)|(?<count6>million)))?`;

const GRAMMAR: Record<Lang, string> = { fr: `${FR_NUMBER}${FR_UNIT}`, en: EN_FIGURE };

/** Not glued to a word, identifier or other number: "A4", "covid19", "covid-19", "v3.2" give nothing. */
const BEFORE = '(?<![\\p{L}\\p{N}_]|\\d[.,]|\\p{L}-)';
const AFTER = '(?![\\p{L}\\p{N}_]|[.,]\\d)';

const WHOLE: Record<Lang, RegExp> = {
  fr: new RegExp(`^(?:${GRAMMAR.fr})$`, 'u'),
  en: new RegExp(`^(?:${GRAMMAR.en})$`, 'u'),
};
const SCAN: Record<Lang, RegExp> = {
  fr: new RegExp(`${BEFORE}(?:${GRAMMAR.fr})${AFTER}`, 'gu'),
  en: new RegExp(`${BEFORE}(?:${GRAMMAR.en})${AFTER}`, 'gu'),
};

/** A figure read back from text: its value in base units (euros, not millions) and its unit. */
export interface ParsedFigure {
  value: number;
  unit: Unit;
}

function toFigure(g: Partial<Record<string, string>>): ParsedFigure {
  const int = (g['int'] ?? g['eurint'] ?? '').replace(/\D/g, '');
  const frac = g['frac'] ?? g['eurfrac'] ?? '0';
  const exp = g['eur9'] ?? g['count9'] ? 9 : g['eur6'] ?? g['count6'] ? 6 : 0;
  // Moving the decimal point in the string keeps "39,71 M€" exactly 39 710 000.
  const value = Number(`${int}.${frac}e${exp}`);
  const unit: Unit =
    g['eurint'] ?? g['eur9'] ?? g['eur6'] ?? g['eur'] ? 'eur'
    : g['percent'] ? 'percent'
    : g['hectare'] ? 'hectare'
    : 'count';
  return { value, unit };
}

/**
 * Reads one figure, the whole (trimmed) text or nothing: what formatFigure writes and what people
 * type (fr "2800", "2 800" with any space, "39,7M€", "63 millions d'euros", "8%"; en "€39.7m",
 * "€2 billion"). Unsigned only. "2018" reads as a count, never a year; periods give null.
 * Round trip: parseFigure(formatFigure(x, unit, lang, o), lang).value === x for every x in
 * [0, 1e12] that formatFigure shows without rounding (see formatFigure).
 */
export function parseFigure(text: string, lang: Lang): ParsedFigure | null {
  const match = WHOLE[lang].exec(text.trim());
  return match?.groups ? toFigure(match.groups) : null;
}

/** A figure found in prose, with its [start, end) offsets in the text and the text it was read from. */
export interface FoundFigure extends ParsedFigure {
  start: number;
  end: number;
  raw: string;
}

/**
 * Finds every figure in running prose with parseFigure's grammar, longest match first
 * ("39,7 M€" and "63 millions d’euros" are one figure each, "2 800 actions" is 2800).
 * Numbers glued to letters ("A4", "covid19") are skipped; dates, times and phone numbers are not
 * recognised as such, so "20 mars 2025" yields 20 and 2025.
 */
export function findFigures(text: string, lang: Lang): FoundFigure[] {
  return [...text.matchAll(SCAN[lang])].map((m) => ({
    ...toFigure(m.groups ?? {}),
    start: m.index,
    end: m.index + m[0].length,
    raw: m[0],
  }));
}
