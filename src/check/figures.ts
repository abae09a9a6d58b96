import type { Position } from 'unist';
import { findFigures, formatFigure, parseFigure, type FoundFigure } from '../locale/format-number.js';
import { findDates, sameDate, type FoundDate } from '../locale/find-dates.js';
import type { Lang } from '../locale/lang.js';
import { citedValue } from '../load/indicator-values.js';
import type { Entry, Project } from '../load/project.js';
import type { IndicatorData } from '../load/schema.js';
import type { CheckContext, CheckedBody } from './context.js';
import { blockRange } from './text-places.js';

/** A figure a text cites, bound (an indicator) or typed, normalised so that both languages compare. */
export interface CitedFigure {
  /** Unit and value, e.g. "eur:39700000"; years and the ends of periods are counts. */
  readonly key: string;
  readonly unit: string;
  /** How the text shows it, in its language. */
  readonly shown: string;
  readonly place: Position | undefined;
  /** The indicator, for a bound figure. */
  readonly indicator?: string;
  /** The date, for a typed date: dates compare as dates (a year given in one language only is not a difference). */
  readonly date?: FoundDate;
}

/** A figure typed in a text, with what it is read as: a number of a unit, or a whole date. */
export interface TypedFigure extends Omit<FoundFigure, 'unit'> {
  readonly unit: FoundFigure['unit'] | 'date';
  /** The date, for a date ("9 novembre 2023", "Thursday, 9 November 2023"): compared as one figure. */
  readonly date?: FoundDate;
  /** The end of a range "2023-2027" that starts with this figure. */
  readonly to?: FoundFigure;
}

const SPACES = '[\\s\\u00A0\\u202F]';
const RANGE_DASH = new RegExp(`^${SPACES}*[-–—]${SPACES}*$`, 'u');

/** "8\u00A0%" → "8 %": figures as a message shows them. */
export function plain(text: string): string {
  return text.replace(/[\u00A0\u202F]/g, ' ');
}

/**
 * Finds the figures typed in a text (see findFigures): a date ("jeudi 9 novembre 2023", "1er mars", "November 9,
 * 2023") is one figure, its day and year are not figures of their own; ranges of years ("2023-2027") are joined.
 */
export function typedFigures(text: string, lang: Lang): TypedFigure[] {
  const dates = findDates(text, lang);
  const result: TypedFigure[] = dates.map((date) => ({ value: date.year ?? 0, unit: 'date', start: date.start, end: date.end, raw: date.raw, date }));
  const found = findFigures(text, lang).filter((figure) => !dates.some((date) => figure.start < date.end && figure.end > date.start));
  for (let i = 0; i < found.length; i++) {
    const figure = found[i]!;
    const next = found[i + 1];
    const whole = figure.unit === 'count' && Number.isInteger(figure.value);
    const range = whole && next?.unit === 'count' && RANGE_DASH.test(text.slice(figure.end, next.start));
    result.push({ ...figure, ...(range ? { to: next } : {}) });
  }
  return result.sort((a, b) => a.start - b.start);
}

/** Numbers from 0 to 12 as words, by value. */
const NUMBER_WORDS: Record<Lang, readonly string[]> = {
  fr: ['zéro', 'une?', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze'],
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'],
};
const SPELT: Record<Lang, RegExp> = {
  fr: new RegExp(`(?<![\\p{L}])(?:${NUMBER_WORDS.fr.join('|')})(?![\\p{L}])`, 'giu'),
  en: new RegExp(`(?<![\\p{L}])(?:${NUMBER_WORDS.en.join('|')})(?![\\p{L}])`, 'giu'),
};

/** The numbers from 0 to 12 a text spells out as words ("one-year review", "un an"). */
export function speltNumbers(text: string, lang: Lang): Set<number> {
  const words = NUMBER_WORDS[lang].map((w) => new RegExp(`^(?:${w})$`, 'iu'));
  return new Set([...text.matchAll(SPELT[lang])].map((m) => words.findIndex((w) => w.test(m[0]))));
}

/** The value an indicator shows (rounded as formatFigure writes it), so that typed and bound figures compare. */
function shownValue(value: number, unit: IndicatorData['unit']): number {
  return parseFigure(formatFigure(value, unit, 'en'), 'en')?.value ?? value;
}

/** The normalised figures an indicator stands for: a period gives its two years. */
export function indicatorKeys(indicator: IndicatorData): string[] {
  const { value, unit } = indicator;
  if (typeof value !== 'number') return value.map((year) => `count:${year}`);
  if (unit === 'year') return [`count:${value}`];
  return [`${unit}:${shownValue(value, unit)}`];
}

/** The key a typed figure is compared with: "count:183", "date:2023-11-9" (a part the text does not give is "?"). */
export function typedKey(figure: Pick<TypedFigure, 'unit' | 'value' | 'date'>): string {
  const { date } = figure;
  if (date) return `date:${date.year ?? '?'}-${date.month}-${date.day ?? '?'}`;
  return `${figure.unit}:${figure.value}`;
}

/** A typed figure as the comparisons see it, at `place`. */
export function citedTyped(figure: TypedFigure, place: Position | undefined): CitedFigure {
  return { key: typedKey(figure), unit: figure.unit, shown: plain(figure.raw), place, ...(figure.date ? { date: figure.date } : {}) };
}

/** Whether two cited figures say the same: equal keys, or dates that may be the same date (see sameDate). */
export function sameFigure(a: CitedFigure, b: CitedFigure): boolean {
  return a.date && b.date ? sameDate(a.date, b.date) : a.key === b.key;
}

/** The bound figures of a body: each <Indicator /> and each id of <KeyFigures />, at the component, with the value it cites. */
export function boundFigures(project: Project, body: CheckedBody): CitedFigure[] {
  const figures: CitedFigure[] = [];
  for (const use of body.file.data.components ?? []) {
    if (use.name !== 'Indicator' && use.name !== 'KeyFigures') continue;
    for (const id of use.ids) {
      const found = project.indicators.get(id);
      if (!found) continue;
      const indicator = citedValue(found, body.document.settings.date, use.at);
      const shown = plain(formatFigure(indicator.value, indicator.unit, body.lang));
      for (const key of indicatorKeys(indicator)) {
        figures.push({ key, unit: key.split(':')[0]!, shown, place: use.place, indicator: id });
      }
    }
  }
  return figures;
}

/** Every figure a body cites, bound and typed, in the order of the text. */
export function bodyFigures(context: CheckContext, body: CheckedBody): CitedFigure[] {
  const source = context.source(body);
  const typed: CitedFigure[] = [];
  for (const block of body.file.data.prose ?? []) {
    for (const figure of typedFigures(block.text, body.lang)) typed.push(citedTyped(figure, blockRange(block, source, figure.start, figure.end)));
  }
  return [...boundFigures(context.project, body), ...typed].sort((a, b) => (a.place?.start.offset ?? 0) - (b.place?.start.offset ?? 0));
}

/** A value of an indicator a text may cite: `at` is the date to name when it is not the one in force (`<Indicator at="…" />`). */
export type CitableValue = Entry<IndicatorData> & { readonly at?: string };

/**
 * The values of indicators a normalised key may come from (periods excluded: a single year is not a period). For a
 * document of `date`, the values in force then, then the earlier values of an indicator with a history (their `at`
 * set); without a date (a text of the data), the latest values, whose date is named when the indicator has several.
 */
export function indicatorsByKey(project: Project, date?: string): Map<string, CitableValue[]> {
  const byKey = new Map<string, CitableValue[]>();
  const add = (value: CitableValue) => {
    const key = typeof value.value === 'number' ? indicatorKeys(value)[0]! : `period:${value.value[0]}-${value.value[1]}`;
    byKey.set(key, [...(byKey.get(key) ?? []), value]);
  };
  const earlier: CitableValue[] = [];
  for (const indicator of project.indicators.values()) {
    if (!indicator.values) {
      add(indicator);
    } else if (date === undefined) {
      add({ ...indicator, at: indicator.as_of! });
    } else {
      const inForce = citedValue(indicator, date);
      add(inForce);
      for (const value of indicator.values) if (value.as_of < inForce.as_of!) earlier.push({ ...citedValue(indicator, value.as_of), at: value.as_of });
    }
  }
  earlier.forEach(add);
  return byKey;
}

/** How the figures of two versions match up. */
export interface FigureComparison {
  /** Figures that differ between the versions at the same kind of place (same unit): likely one is mistyped. */
  readonly near: Array<readonly [CitedFigure, CitedFigure]>;
  /** Figures of one version only. */
  readonly onlyA: CitedFigure[];
  readonly onlyB: CitedFigure[];
}

/**
 * Compares the figures of two versions as multisets: first aligned in order (so that a figure cited twice
 * is matched with the right occurrence), then by value anywhere (translations may reorder a sentence);
 * what is left of the same unit is paired, in order, as a likely mistake in one of them.
 */
export function compareFigures(a: readonly CitedFigure[], b: readonly CitedFigure[]): FigureComparison {
  const matchedA = new Set<number>();
  const matchedB = new Set<number>();
  for (const [i, j] of commonSubsequence(a, b, sameFigure)) {
    matchedA.add(i);
    matchedB.add(j);
  }
  a.forEach((figure, i) => {
    if (matchedA.has(i)) return;
    const j = b.findIndex((other, j) => !matchedB.has(j) && sameFigure(other, figure));
    if (j === -1) return;
    matchedA.add(i);
    matchedB.add(j);
  });
  const onlyA = a.filter((_, i) => !matchedA.has(i));
  const restB = b.filter((_, j) => !matchedB.has(j));
  const near: Array<readonly [CitedFigure, CitedFigure]> = [];
  const lonelyA: CitedFigure[] = [];
  for (const figure of onlyA) {
    const j = restB.findIndex((other) => other.unit === figure.unit);
    if (j === -1) {
      lonelyA.push(figure);
    } else {
      near.push([figure, restB[j]!]);
      restB.splice(j, 1);
    }
  }
  return { near, onlyA: lonelyA, onlyB: restB };
}

/** Index pairs of a longest common subsequence of two lists. */
export function commonSubsequence<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean = Object.is): Array<[number, number]> {
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i]![j] = same(a[i]!, b[j]!) ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const pairs: Array<[number, number]> = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (same(a[i]!, b[j]!)) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) {
      i++;
    } else {
      j++;
    }
  }
  return pairs;
}
