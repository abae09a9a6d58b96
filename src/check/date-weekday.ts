import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { findDates, WEEKDAY_NAMES, weekdayOf } from '../locale/find-dates.js';
import { LANGS, type Lang } from '../locale/lang.js';
import { blankPlaceholders } from '../load/indicator-placeholders.js';
import type { CheckContext } from './context.js';
import { plain } from './figures.js';
import { report } from '../core/messages.js';
import { blockRange } from './text-places.js';
import { yamlTexts } from './yaml-texts.js';

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * date-weekday (warning): a date that names its day of the week ("jeudi 9 novembre 2023", "Thursday, 9 November
 * 2023") names the right one, in the bodies, the quotes and the texts of the YAML files. Checked when the year is
 * written; a day that does not exist in its month ("31 novembre 2023") is reported too.
 */
export function dateWeekday(context: CheckContext): void {
  for (const body of context.bodies) {
    const source = context.source(body);
    for (const block of body.file.data.prose ?? []) checkText(body.file, block.text, body.lang, (from, to) => blockRange(block, source, from, to));
  }
  for (const quote of context.project.quotes.values()) {
    const data = context.data(quote.definedAt.file);
    if (!data) continue;
    for (const lang of LANGS) checkText(data.file, quote.text[lang], lang, (from, to) => data.places.inText([quote.id, 'text', lang], from, to));
  }
  for (const text of yamlTexts(context)) {
    for (const lang of LANGS) {
      for (const item of text.items[lang]) checkText(text.file, blankPlaceholders(item.text), lang, (from, to) => text.places.inText(item.path, from, to));
    }
  }
}

function checkText(file: VFile, text: string, lang: Lang, place: (from: number, to: number) => Position | undefined): void {
  for (const date of findDates(text, lang)) {
    if (date.year === undefined || date.day === undefined) continue;
    const written = plain(date.raw);
    const actual = weekdayOf(date.year, date.month, date.day);
    const day = `${date.day} ${MONTHS_EN[date.month - 1]} ${date.year}`;
    if (actual === undefined) {
      report(file, `"${written}" is not a date: ${MONTHS_EN[date.month - 1]} ${date.year} has no day ${date.day}. Correct the day.`, 'date-weekday', 'warning', place(date.start, date.end));
      continue;
    }
    if (date.weekday === undefined || date.weekday === actual) continue;
    const named = WEEKDAY_NAMES[lang][date.weekday]!;
    const right = WEEKDAY_NAMES[lang][actual]!;
    report(
      file,
      `"${written}": ${day} is a ${WEEKDAY_NAMES.en[actual]}, not a ${WEEKDAY_NAMES.en[date.weekday]}. Correct the weekday ("${right}" instead of "${named}") or the date, and check the other language.`,
      'date-weekday',
      'warning',
      place(date.weekdayStart ?? date.start, date.weekdayEnd ?? date.end),
    );
  }
}
