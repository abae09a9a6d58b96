import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { closest } from '../core/edit-distance.js';
import { LANGS } from '../locale/lang.js';
import { urlScheme } from '../mdx/remark-check-urls.js';
import type { Document } from '../load/project.js';
import { documentPath, PAGE_ORIGIN, SECTIONS } from '../render/document-path.js';
import type { CheckContext } from './context.js';
import { report } from '../core/messages.js';
import { blockRange } from './text-places.js';

const LITERAL_REFERENCE = /\[([^\][\n]+)\]\[([^\][\n]*)\]/g;

/** links (error; warning for an unused definition): every link inside the site (#anchor, another release or review) and every reference [text][label] resolves. */
export function links(context: CheckContext): void {
  const isPage = pageFinder(context.project.documents);
  for (const body of context.bodies) {
    const uses = body.file.data.links ?? [];
    const referenced = new Set(uses.flatMap((u) => (u.kind === 'linkReference' && u.identifier ? [u.identifier] : [])));
    let ids: ReadonlySet<string> | undefined;
    const pageIds = () => (ids ??= idsOf(context.pageHtml?.(body) ?? body.tree));
    const here = documentPath(body.document, body.lang);
    for (const use of uses) {
      if (use.kind === 'linkReference' || use.url === undefined) continue;
      if (use.kind === 'definition' && use.identifier !== undefined && !referenced.has(use.identifier)) {
        report(body.file, `The definition [${use.identifier}] is never used: link to it with [text][${use.identifier}], or remove it.`, 'links', 'warning', use.place);
      }
      const url = use.url.trim();
      if (url === '' || url === '#') {
        report(body.file, `This link goes nowhere ("${url}"): give it the address it should open (https://…, or #id of a part of the page), or remove the link and keep its text.`, 'links', 'error', use.place);
      } else if (url.startsWith('#')) {
        const id = safeDecode(url.slice(1));
        if (!pageIds().has(id)) {
          const suggestion = closest(id, [...pageIds()]);
          report(body.file, `The link "${url}" points at no part of the page: no element has the id "${id}"${suggestion ? ` (did you mean "#${suggestion}"?)` : ''}. Correct the anchor, or link to a full address.`, 'links', 'error', use.place);
        }
      } else if (urlScheme(url) === null && !url.startsWith('//')) {
        const target = new URL(url, PAGE_ORIGIN + here);
        if (!isPage(safeDecode(target.pathname))) {
          report(
            body.file,
            `The link "${url}" goes to ${target.pathname.slice(1)} in the output, which no document produces: link to another release as ../<slug>/${body.lang}.html with the folder name of a release in releases/ (a review: ../../bilans/<slug>/${body.lang}.html), or use a full https:// address.`,
            'links',
            'error',
            use.place,
          );
        }
      }
    }
    const source = context.source(body);
    for (const block of body.file.data.prose ?? []) {
      for (const match of block.text.matchAll(LITERAL_REFERENCE)) {
        const label = match[2] || match[1]!;
        report(
          body.file,
          `The reference "${match[0]}" has no definition, so it shows as plain text: add a line "[${label}]: https://…" below the paragraph, or write the link inline as [${match[1]}](https://…).`,
          'links',
          'error',
          blockRange(block, source, match.index, match.index + match[0].length),
        );
      }
    }
  }
}

/**
 * Whether a path of the output ("/communiques/<slug>/fr.pdf") is a page or a PDF some document produces. A
 * collection's sheets are looked up by their row's id, in a set of the ids made only if a link goes to one of them:
 * never a list of every sheet's paths.
 */
function pageFinder(documents: readonly Document[]): (path: string) => boolean {
  const pages = new Set(documents.filter((d) => d.kind !== 'collection').flatMap((d) => LANGS.flatMap((l) => [documentPath(d, l), documentPath(d, l, 'pdf')].map((path) => `/${path}`))));
  const rows = new Map<string, ReadonlySet<string>>();
  const sheet = new RegExp(`^/${SECTIONS.collection}/([^/]+)/([^/]+)/(${LANGS.join('|')})\\.(?:html|pdf)$`);
  return (path) => {
    if (pages.has(path)) return true;
    const [, slug, row] = sheet.exec(path) ?? [];
    const collection = documents.find((d) => d.kind === 'collection' && d.slug === slug);
    if (!collection || collection.kind !== 'collection' || row === undefined) return false;
    let ids = rows.get(collection.slug);
    if (!ids) rows.set(collection.slug, (ids = new Set(collection.rows.map((r) => r.id))));
    return ids.has(row);
  };
}

function idsOf(page: string | Root | undefined): Set<string> {
  const ids = new Set<string>();
  if (page === undefined) return ids;
  visit(typeof page === 'string' ? fromHtml(page, { fragment: true }) : page, 'element', (node) => {
    const id = node.properties['id'];
    if (typeof id === 'string' && id !== '') ids.add(id);
  });
  return ids;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
