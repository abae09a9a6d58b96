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

/** The word that starts the published names of each kind of document. */
export const KIND_NAMES = { release: 'communique', review: 'bilan', collection: 'fiche' } as const;

/**
 * The stable, descriptive file name of a document on the published site: kind, date, slug, language
 * ("communique-2025-03-20-territoires-industrie-bilan-fr", "bilan-2025-03-20-territoires-industrie-fr"); a
 * collection's sheet adds its row after a dot ("fiche-2025-03-20-territoires.ti-001-fr"); an earlier version of a
 * corrected document adds "-v1", "-v2"… Slugs and rows are made of lowercase letters, digits and "-", so two
 * documents, of the same kind or not, never get the same name.
 */
export function publishedName(document: Pick<Document, 'kind' | 'slug' | 'settings'>, lang: Lang, row?: string, version?: number): string {
  const dot = row === undefined ? '' : `.${row}`;
  return `${KIND_NAMES[document.kind]}-${document.settings.date}-${document.slug}${dot}-${lang}${version === undefined ? '' : `-v${version}`}`;
}
