import type { Lang } from '../locale/lang.js';
import type { Document } from '../load/project.js';

/** The output folder of each kind of document. */
export const SECTIONS = { release: 'communiques', review: 'bilans' } as const;

/** Path of a document's page in a language below the output root, e.g. "bilans/territoires-industrie/fr.html". */
export function documentPath(document: Pick<Document, 'kind' | 'slug'>, lang: Lang, extension: 'html' | 'pdf' = 'html'): string {
  return `${SECTIONS[document.kind]}/${document.slug}/${lang}.${extension}`;
}
