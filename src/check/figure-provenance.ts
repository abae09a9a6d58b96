import type { Document } from '../load/project.js';
import { indicatorDate, type IndicatorData, type ProjectSettings } from '../load/schema.js';
import { citedValue } from '../load/indicator-values.js';
import { citations } from '../mdx/cited-indicators.js';
import type { CheckContext } from './context.js';
import { report } from '../core/messages.js';

/** The age in months past which a figure is reported when content/communique.yaml does not say. */
export const DEFAULT_FIGURE_MAX_AGE_MONTHS = 24;

/** The age in months past which a cited figure is reported, from the settings. */
export function maxFigureAge(settings: ProjectSettings | undefined): number {
  return settings?.figure_max_age_months ?? DEFAULT_FIGURE_MAX_AGE_MONTHS;
}

/**
 * Whether a document of `date` may cite an indicator: "later" when the figure (or the event) is dated after the
 * document, "old" when a figure is more than `maxAge` months older (never a `historical` figure nor an event), else "ok".
 */
export function citability(indicator: IndicatorData, date: string, maxAge: number): 'ok' | 'later' | 'old' {
  const since = indicatorDate(indicator);
  if (since > date) return 'later';
  if (indicator.kind !== 'event' && !indicator.historical && monthsBetween(since, date) > maxAge) return 'old';
  return 'ok';
}

/**
 * figure-provenance (warning): a figure a document cites (text, key figures, charts) is not older than the configured
 * age (unless it is `historical`), nor dated after the document; an event (`kind: event`) is not dated after the
 * document. (Its source and date are required by the schema.) Each document is judged on the value it cites: the one
 * in force at its date, or the one it names with `at="…"`; the message is placed at that value's date.
 */
export function figureProvenance(context: CheckContext): void {
  const maxAge = maxFigureAge(context.project.settings);
  /** The documents citing each value, by indicator id and the value's date. */
  const citedBy = new Map<string, { indicator: IndicatorData; id: string; documents: Set<Document> }>();
  for (const body of context.bodies) {
    for (const { id, at } of citations(body.file.data.components ?? [])) {
      const found = context.project.indicators.get(id);
      if (!found) continue;
      const indicator = citedValue(found, body.document.settings.date, at);
      const key = `${id}\u0000${indicatorDate(indicator)}`;
      const entry = citedBy.get(key) ?? { indicator, id, documents: new Set<Document>() };
      citedBy.set(key, entry);
      entry.documents.add(body.document);
    }
  }
  for (const { indicator, id, documents } of citedBy.values()) {
    const entry = context.project.indicators.get(id)!;
    const data = context.data(entry.definedAt.file);
    if (!data) continue;
    const event = indicator.kind === 'event';
    const since = indicatorDate(indicator);
    const index = entry.values?.findIndex((v) => v.as_of === indicator.as_of) ?? -1;
    const place = data.places.value(index >= 0 ? [id, 'values', index, 'as_of'] : [id, event ? 'date' : 'as_of']);
    const value = index >= 0 ? `The value of "${id}"` : `The figure "${id}"`;
    const releases = [...documents];
    const old = releases.filter((d) => citability(indicator, d.settings.date, maxAge) === 'old');
    const future = releases.filter((d) => citability(indicator, d.settings.date, maxAge) === 'later');
    const names = (list: Document[]) => list.map((d) => `"${d.slug}" (${d.settings.date})`).join(', ');
    const newer = index >= 0 && index < entry.values!.length - 1;
    if (old.length > 0) {
      const months = Math.max(...old.map((d) => monthsBetween(since, d.settings.date)));
      report(
        data.file,
        `${value} is as of ${since}, ${months} months before ${names(old)}, which cite${old.length > 1 ? '' : 's'} it; figures older than ${maxAge} months are reported (figure_max_age_months in communique.yaml). ${newer ? `A later value exists (as of ${entry.values!.at(-1)!.as_of}): cite the value in force at the document's date, not an earlier one (remove at="…"), or cite a more recent figure.` : 'Update the value and its as_of from the latest source, or cite a more recent figure.'}`,
        'figure-provenance',
        'warning',
        place,
      );
    }
    if (future.length > 0) {
      report(
        data.file,
        event
          ? `The event "${id}" is dated ${String(indicator.date)}, after the date of ${names(future)}, which cite${future.length > 1 ? '' : 's'} it: a document cannot tell of a later event. Correct the date of the event, or the document's date.`
          : index >= 0
            ? `${value} is as of ${since}, after the date of ${names(future)}, which cite${future.length > 1 ? '' : 's'} it with at="${since}": a document cannot cite a figure published later. Cite the value in force at the document's date (remove at="…"), or correct the date.`
            : `The figure "${id}" is as of ${since}, after the date of ${names(future)}, which cite${future.length > 1 ? '' : 's'} it: a document cannot cite a figure published later. Correct as_of, or the document's date; if the figure tells of an event (a launch, a signature), write "kind: event" and its "date" instead of as_of.`,
        'figure-provenance',
        'warning',
        place,
      );
    }
  }
}

/** Whole calendar months from one ISO date to a later one. */
function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = to.split('-').map(Number) as [number, number, number];
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
}
