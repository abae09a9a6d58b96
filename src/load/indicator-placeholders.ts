import { formatFigure } from '../locale/format-number.js';
import type { Lang } from '../locale/lang.js';
import { citedValue } from './indicator-values.js';
import type { IndicatorData } from './schema.js';

/**
 * A `{indicator:id}` (or `{indicator:id:long}`) placeholder in a text of the data: a title, a description…; with
 * `@YYYY-MM-DD` at its end (`{indicator:id@2023-11-13}`), it cites the value in force at that date.
 */
export interface IndicatorPlaceholder {
  /** [start, end) of the whole placeholder in the text. */
  readonly start: number;
  readonly end: number;
  readonly id: string;
  readonly form: 'short' | 'long';
  /** What follows the id when it is not a form ("{indicator:x:longue}" gives "longue"): an error. */
  readonly badForm?: string;
  /** The date written after "@", when the placeholder names the value it cites. */
  readonly at?: string;
}

/** `{indicator:…}`, whatever is inside, so that a misspelt id is reported rather than printed. */
const PLACEHOLDER = /\{indicator:([^{}:@]*)(?::([^{}@]*))?(?:@([^{}]*))?\}/g;

/** The `{indicator:…}` placeholders of a text, in order. */
export function indicatorPlaceholders(text: string): IndicatorPlaceholder[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => {
    const form = match[2];
    return {
      start: match.index,
      end: match.index + match[0].length,
      id: match[1]!.trim(),
      form: form === 'long' ? 'long' : 'short',
      ...(form !== undefined && form !== 'long' && form !== 'short' ? { badForm: form } : {}),
      ...(match[3] !== undefined ? { at: match[3].trim() } : {}),
    };
  });
}

/**
 * Writes each `{indicator:id}` of a text as `<Indicator id="id" />` writes the figure in `lang` ("183", "39,7 M€" /
 * "€39.7m"; `{indicator:id:long}` for "39,7 millions d’euros"): the value in force at `date` (a document's date;
 * default: the latest value), or at the date after "@". A placeholder of an unknown indicator is left as it is: the
 * loader reports it.
 */
export function fillIndicators(text: string, lang: Lang, indicators: ReadonlyMap<string, IndicatorData>, date = '9999-12-31'): string {
  if (!text.includes('{indicator:')) return text;
  return text.replace(PLACEHOLDER, (whole, id: string, form: string | undefined, at: string | undefined) => {
    const found = indicators.get(id.trim());
    const indicator = found && citedValue(found, date, at?.trim());
    return indicator ? formatFigure(indicator.value, indicator.unit, lang, { form: form === 'long' ? 'long' : 'short' }) : whole;
  });
}

/** Blanks the placeholders of a text (same length, so offsets stay), for finding the figures typed around them. */
export function blankPlaceholders(text: string): string {
  return text.replace(PLACEHOLDER, (whole) => ' '.repeat(whole.length));
}
