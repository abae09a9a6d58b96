import type { Document } from '../load/project.js';
import { citedIndicators } from '../mdx/cited-indicators.js';
import type { CheckContext } from './context.js';
import { report } from './report.js';

/** The age in months past which a figure is reported when content/communique.yaml does not say. */
export const DEFAULT_FIGURE_MAX_AGE_MONTHS = 24;

/** figure-provenance (warning): a figure a document cites (text, key figures, charts) is not older than the configured age (unless it is `historical`), nor dated after the document. (Its source and as-of date are required by the schema.) */
export function figureProvenance(context: CheckContext): void {
  const maxAge = context.project.settings?.figure_max_age_months ?? DEFAULT_FIGURE_MAX_AGE_MONTHS;
  const citedBy = new Map<string, Set<Document>>();
  for (const body of context.bodies) {
    for (const id of citedIndicators(body.file.data.components ?? [])) citedBy.set(id, (citedBy.get(id) ?? new Set()).add(body.document));
  }
  for (const [id, documents] of citedBy) {
    const indicator = context.project.indicators.get(id);
    const data = indicator && context.data(indicator.definedAt.file);
    if (!indicator || !data) continue;
    const place = data.places.value([id, 'as_of']);
    const releases = [...documents];
    const old = indicator.historical ? [] : releases.filter((d) => monthsBetween(indicator.as_of, d.settings.date) > maxAge);
    const future = releases.filter((d) => indicator.as_of > d.settings.date);
    const names = (list: Document[]) => list.map((d) => `"${d.slug}" (${d.settings.date})`).join(', ');
    if (old.length > 0) {
      const months = Math.max(...old.map((d) => monthsBetween(indicator.as_of, d.settings.date)));
      report(
        data.file,
        `The figure "${id}" is as of ${indicator.as_of}, ${months} months before ${names(old)}, which cite${old.length > 1 ? '' : 's'} it; figures older than ${maxAge} months are reported (figure_max_age_months in communique.yaml). Update the value and its as_of from the latest source, or cite a more recent figure.`,
        'figure-provenance',
        'warning',
        place,
      );
    }
    if (future.length > 0) {
      report(
        data.file,
        `The figure "${id}" is as of ${indicator.as_of}, after the date of ${names(future)}, which cite${future.length > 1 ? '' : 's'} it: a document cannot cite a figure published later. Correct as_of, or the document's date.`,
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
