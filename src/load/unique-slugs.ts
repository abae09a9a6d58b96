import type { VFile } from 'vfile';
import type { Document } from './project.js';
import { fail } from '../core/messages.js';

/** The folder of each kind of document in the content folder. */
const FOLDERS = { release: 'releases', review: 'reviews', collection: 'collections' } as const;

/**
 * Documents of different kinds with the same folder name (a release and a review both called "bilan-2025") are an
 * error on each of their settings files (rule `duplicate-slug`): commands that name a document by its slug
 * (`communique translated bilan-2025 en`) could not tell them apart, nor could a reader of the published names.
 */
export function checkUniqueSlugs(documents: readonly Document[], files: readonly VFile[]): void {
  const bySlug = new Map<string, Document[]>();
  for (const document of documents) bySlug.set(document.slug, [...(bySlug.get(document.slug) ?? []), document]);
  for (const [slug, same] of bySlug) {
    if (same.length < 2) continue;
    for (const document of same) {
      const file = files.find((f) => f.path === document.source.file);
      if (!file) continue;
      const others = same.filter((d) => d !== document).map((d) => `${FOLDERS[d.kind]}/${slug}/`);
      fail(
        file,
        `The folder name "${slug}" is also the name of ${others.join(' and ')}: a slug names one document, whatever its kind, in commands (\`communique translated ${slug} en\`) and in published names. Rename one of the folders (e.g. "${slug}-${document.kind === 'release' ? 'communique' : document.kind === 'review' ? 'bilan' : 'fiches'}").`,
        'duplicate-slug',
        { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
      );
    }
  }
}
