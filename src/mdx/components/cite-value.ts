import { citedValue, isIsoDate, noValueAt } from '../../load/indicator-values.js';
import type { Entry } from '../../load/project.js';
import type { IndicatorData } from '../../load/schema.js';
import type { RenderContext } from '../component.js';

/**
 * The value of an indicator a component cites: the one in force at the document's date, or at `at` (its `at`
 * attribute). A malformed date, or a date before every value of the indicator, is reported at the component.
 */
export function citeValue(context: RenderContext, entry: Entry<IndicatorData>, at: string | undefined, cite: (at: string) => string): Entry<IndicatorData> | undefined {
  if (at !== undefined && !isIsoDate(at)) {
    context.error(`"at" is "${at}": expected the date of the value cited, written YYYY-MM-DD (e.g. ${cite(entry.values?.[0]?.as_of ?? '2023-11-13')}).`, 'invalid-attribute');
    return undefined;
  }
  const date = context.document.settings.date;
  const reason = noValueAt(entry, at ?? date, at !== undefined, cite);
  if (reason) {
    context.error(reason, 'figure-date');
    return undefined;
  }
  return citedValue(entry, date, at);
}
