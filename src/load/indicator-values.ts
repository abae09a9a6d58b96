import type { Entry } from './project.js';
import { VALUE_FIELDS, type IndicatorData, type IndicatorInput, type IndicatorValue } from './schema.js';

/** One indicator a text cites, and the date it names (`at="…"`), if any: else the value in force at the document's date. */
export interface Citation {
  readonly id: string;
  readonly at?: string;
}

/**
 * An indicator as loaded from its YAML form: one value is kept as written; with several (`values:`, listed oldest
 * first, as the schema requires), the indicator shows the latest until a document's date chooses another (see valueAt).
 */
export function loadedIndicator(input: IndicatorInput): IndicatorData {
  if (input.values === undefined) return input as IndicatorData;
  return withValue(input as unknown as IndicatorData, input.values.at(-1)!);
}

/** The indicator showing one of its values: that value's figure, as_of, source and notes. */
function withValue<T extends IndicatorData>(indicator: T, value: IndicatorValue): T {
  const shown: Record<string, unknown> = { ...indicator };
  for (const field of VALUE_FIELDS) delete shown[field];
  return { ...shown, ...value } as T;
}

/**
 * The indicator as a document of `date` cites it: the value in force at that date, the latest whose as_of is not
 * after it. An indicator with one value (or an event) always gives it; undefined when every value of a history is
 * later than `date` (see noValueAt for the message).
 */
export function valueAt<T extends IndicatorData>(indicator: T, date: string): T | undefined {
  if (!indicator.values) return indicator;
  const value = indicator.values.findLast((v) => v.as_of <= date);
  return value ? withValue(indicator, value) : undefined;
}

/**
 * The indicator as a document of `date` cites it, explicitly at `at` when given (`<Indicator at="…" />`,
 * `{indicator:id@…}`); when none is in force, its earliest value (the citation is reported, see noValueAt).
 */
export function citedValue<T extends IndicatorData>(indicator: T, date: string, at?: string): T {
  return valueAt(indicator, at ?? date) ?? (indicator.values ? withValue(indicator, indicator.values[0]!) : indicator);
}

/** Every indicator as a document of `date` cites it by default (see citedValue). */
export function indicatorsAt<T extends IndicatorData>(indicators: ReadonlyMap<string, T>, date: string): Map<string, T> {
  return new Map([...indicators].map(([id, indicator]) => [id, citedValue(indicator, date)]));
}

/** Whether `at` is a calendar date written YYYY-MM-DD. */
export function isIsoDate(at: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(at)) return false;
  const date = new Date(`${at}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === at;
}

/**
 * The message for a citation of an indicator with a history at a date before its first value (`explicit`: the date
 * was written with at=), or undefined when a value is in force. `cite` writes an example citation of the id at a date.
 */
export function noValueAt(indicator: Entry<IndicatorData>, date: string, explicit: boolean, cite: (at: string) => string): string | undefined {
  if (valueAt(indicator, date) || !indicator.values) return undefined;
  const list = indicator.values.map((v) => `${v.as_of}`).join(', ');
  const when = explicit ? `at ${date}` : `by this document, dated ${date}`;
  return `The indicator "${indicator.id}" is cited ${when}, before its first value: its values are as of ${list} (data/indicators.yaml). A document cites the value in force at its date, the latest whose as_of is not after it. Cite a value that exists, e.g. ${cite(indicator.values[0]!.as_of)}, or add the value the document needs, with its as_of and source, to "values".`;
}

/** One line of an indicator's history, for the preview and the sources appendix. */
export interface HistoryEntry {
  readonly value: IndicatorValue;
  /** Whether this is the value cited. */
  readonly cited: boolean;
}

/** The values of an indicator, oldest first, marking the one cited (`cited`, as resolved by citedValue). */
export function history(indicator: IndicatorData, cited: IndicatorData): HistoryEntry[] {
  return (indicator.values ?? []).map((value) => ({ value, cited: value.as_of === cited.as_of }));
}

/**
 * What a duplicate key of data/indicators.yaml most likely means, an indicator written twice (column 1) or a second
 * value, as_of or source: a new value of a figure over time. The message then says how to record one.
 */
export const newValueHint = (key: string, column: number): string | undefined =>
  column === 1 || (VALUE_FIELDS as readonly string[]).includes(key) ? NEW_VALUE_HINT : undefined;

const NEW_VALUE_HINT =
  'To record a new value of a figure over time, keep one indicator and list its values, each with its as_of and source: ' +
  'values: [{ value: 183, as_of: 2023-11-13, source: { fr: "…", en: "…" } }, { value: 184, as_of: 2025-03-20, source: { fr: "…", en: "…" } }] ' +
  '(unit and label stay at the top). Each document cites the value in force at its date; <Indicator id="…" at="2023-11-13" /> cites another.';
