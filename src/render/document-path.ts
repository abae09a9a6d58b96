import type { Lang } from '../locale/lang.js';
import type { Document } from '../load/project.js';

/**
 * The origin the pages are read from when their links are resolved (by the links rule) and served from while
 * printing: a reserved name (RFC 6761) that can never be fetched.
 */
export const PAGE_ORIGIN = 'https://communique.invalid/';

/** The output folder of each kind of document. */
export const SECTIONS = { release: 'communiques', review: 'bilans', collection: 'fiches' } as const;

/**
 * Path of a document's page in a language below the output root, e.g. "bilans/territoires-industrie/fr.html"; a
 * collection's sheets are one folder per row, "fiches/<collection>/<row>/fr.html" (`row` defaults to "{row}", for
 * what all its sheets share, such as their depth).
 */
export function documentPath(document: Pick<Document, 'kind' | 'slug'>, lang: Lang, extension: 'html' | 'pdf' = 'html', row = '{row}'): string {
  const folder = document.kind === 'collection' ? `${document.slug}/${row}` : document.slug;
  return `${SECTIONS[document.kind]}/${folder}/${lang}.${extension}`;
}

/** Every page path of a document in a language: one, or one per row of a collection. */
export function documentPaths(document: Document, lang: Lang, extension: 'html' | 'pdf' = 'html'): string[] {
  if (document.kind !== 'collection') return [documentPath(document, lang, extension)];
  return document.rows.map((row) => documentPath(document, lang, extension, row.id));
}
