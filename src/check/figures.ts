import type { Position } from 'unist';
import { findFigures, formatFigure, parseFigure, type FoundFigure } from '../locale/format-number.js';
import type { Lang } from '../locale/lang.js';
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
}

/** A figure typed in a text, with what it is read as. */
export interface TypedFigure extends FoundFigure {
  /** Part of a date ("20 mars", "novembre 2023", "March 20, 2025"). */
  readonly date: boolean;
  /** The end of a range "2023-2027" that starts with this figure. */
  readonly to?: FoundFigure;
}

const SPACES = '[\\s\\u00A0\\u202F]';
const MONTHS: Record<Lang, string> = {
  fr: 'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre',
  en: 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec',
};
const MONTH_AFTER = { fr: new RegExp(`^${SPACES}+(?:${MONTHS.fr})(?![\\p{L}])`, 'iu'), en: new RegExp(`^${SPACES}+(?:${MONTHS.en})(?![\\p{L}])`, 'iu') };
const MONTH_BEFORE = {
  fr: new RegExp(`(?<![\\p{L}])(?:${MONTHS.fr})${SPACES}+$`, 'iu'),
  en: new RegExp(`(?<![\\p{L}])(?:${MONTHS.en})\\.?${SPACES}+(?:\\d{1,2}(?:st|nd|rd|th)?,${SPACES}*)?$`, 'iu'),
};
const RANGE_DASH = new RegExp(`^${SPACES}*[-–—]${SPACES}*$`, 'u');
/** Days written as ordinals, which findFigures leaves out as glued to letters: "1er mars", "1st March", "March 1st". */
const ORDINAL_DAY = {
  fr: new RegExp(`(?<![\\p{L}\\p{N}])(?<day>1)er(?=${SPACES}+(?:${MONTHS.fr})(?![\\p{L}]))`, 'giu'),
  en: new RegExp(`(?<![\\p{L}\\p{N}])(?<day>\\d{1,2})(?:st|nd|rd|th)(?=${SPACES}+(?:${MONTHS.en})(?![\\p{L}]))|(?<=(?<![\\p{L}])(?:${MONTHS.en})\\.?${SPACES}+)(?<after>\\d{1,2})(?:st|nd|rd|th)(?![\\p{L}\\p{N}])`, 'giu'),
};

/** "8\u00A0%" → "8 %": figures as a message shows them. */
export function plain(text: string): string {
  return text.replace(/[\u00A0\u202F]/g, ' ');
}

/** Finds the figures typed in a text (see findFigures, plus ordinal days), telling dates apart and joining ranges of years. */
export function typedFigures(text: string, lang: Lang): TypedFigure[] {
  const found = findFigures(text, lang);
  const result: TypedFigure[] = [];
  for (const match of text.matchAll(ORDINAL_DAY[lang])) {
    const day = Number(match.groups?.['day'] ?? match.groups?.['after']);
    result.push({ value: day, unit: 'count', start: match.index, end: match.index + match[0].length, raw: match[0], date: true });
  }
  for (let i = 0; i < found.length; i++) {
    const figure = found[i]!;
    const next = found[i + 1];
    const whole = figure.unit === 'count' && Number.isInteger(figure.value);
    const date = whole && (MONTH_AFTER[lang].test(text.slice(figure.end)) || MONTH_BEFORE[lang].test(text.slice(0, figure.start)));
    const range = whole && next?.unit === 'count' && RANGE_DASH.test(text.slice(figure.end, next.start));
    result.push({ ...figure, date, ...(range ? { to: next } : {}) });
  }
  return result.sort((a, b) => a.start - b.start);
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

/** The key a typed figure is compared with. */
export function typedKey(figure: Pick<FoundFigure, 'unit' | 'value'>): string {
  return `${figure.unit}:${figure.value}`;
}

/** The bound figures of a body: each <Indicator /> and each id of <KeyFigures />, at the component. */
export function boundFigures(project: Project, body: CheckedBody): CitedFigure[] {
  const figures: CitedFigure[] = [];
  for (const use of body.file.data.components ?? []) {
    if (use.name !== 'Indicator' && use.name !== 'KeyFigures') continue;
    for (const id of use.ids) {
      const indicator = project.indicators.get(id);
      if (!indicator) continue;
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
    for (const figure of typedFigures(block.text, body.lang)) {
      typed.push({ key: typedKey(figure), unit: figure.unit, shown: plain(figure.raw), place: blockRange(block, source, figure.start, figure.end) });
    }
  }
  return [...boundFigures(context.project, body), ...typed].sort((a, b) => (a.place?.start.offset ?? 0) - (b.place?.start.offset ?? 0));
}

/** The indicators a normalised key may come from (periods excluded: a single year is not a period). */
export function indicatorsByKey(project: Project): Map<string, Array<Entry<IndicatorData>>> {
  const byKey = new Map<string, Array<Entry<IndicatorData>>>();
  for (const indicator of project.indicators.values()) {
    const key = typeof indicator.value === 'number' ? indicatorKeys(indicator)[0]! : `period:${indicator.value[0]}-${indicator.value[1]}`;
    byKey.set(key, [...(byKey.get(key) ?? []), indicator]);
  }
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
  for (const [i, j] of commonSubsequence(a.map((f) => f.key), b.map((f) => f.key))) {
    matchedA.add(i);
    matchedB.add(j);
  }
  a.forEach((figure, i) => {
    if (matchedA.has(i)) return;
    const j = b.findIndex((other, j) => !matchedB.has(j) && other.key === figure.key);
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
