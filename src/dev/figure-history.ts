import type { VFile } from 'vfile';
import { citedValue } from '../load/indicator-values.js';
import type { Document, Project } from '../load/project.js';
import { indicatorDate } from '../load/schema.js';
import { formatFigure } from '../locale/format-number.js';
import { citations } from '../mdx/cited-indicators.js';
import '../mdx/data.js';

/** One value of a cited indicator, as the preview lists it. */
export interface PreviewValue {
  /** The figure as the French text writes it. */
  readonly value: string;
  readonly asOf: string;
  readonly source: string;
  /** Whether the document cites this value. */
  readonly cited: boolean;
}

/** An indicator a document cites, with the value it cites and every value the indicator has had. */
export interface PreviewFigure {
  readonly id: string;
  readonly label: string;
  /** "at the document's date", or the date named with at="…". */
  readonly rule: string;
  /** The indicator's values, oldest first (its one value when it has no history). */
  readonly values: readonly PreviewValue[];
}

/**
 * The figures a document cites in its texts (from the processed bodies in `files`), each with the value it cites —
 * which value, as of when, from which source — and the indicator's other values: the preview shows them beside the
 * pages, so that an author sees which of a figure's values a document prints.
 */
export function figureHistory(project: Project, document: Document, files: readonly VFile[]): PreviewFigure[] {
  const own = files.filter((f) => f.data.document?.slug === document.slug && f.data.document.kind === document.kind && f.data.lang === 'fr');
  const date = document.settings.date;
  return citations(own.flatMap((f) => f.data.components ?? [])).flatMap(({ id, at }) => {
    const entry = project.indicators.get(id);
    if (!entry) return [];
    const cited = citedValue(entry, date, at);
    const all = entry.values ?? [{ value: entry.value, as_of: indicatorDate(entry), source: entry.source }];
    return [
      {
        id,
        label: entry.label.fr,
        rule: at === undefined ? `in force at the document's date (${date})` : `named with at="${at}"`,
        values: all.map((v) => ({
          value: formatFigure(v.value, entry.unit, 'fr').replace(/[\u00A0\u202F]/g, ' '),
          asOf: v.as_of,
          source: v.source.fr,
          cited: v.as_of === indicatorDate(cited),
        })),
      },
    ];
  });
}
