import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';
import type { Heading } from '../render/render-review.js';

declare module 'vfile' {
  interface DataMap {
    /** The headings of the body, in document order (filled by rehypeHeadings). */
    headings: Heading[];
  }
}

/**
 * Lists the headings of a body in `file.data.headings`, in document order, as Astro's rehypeHeadingIds does: their
 * depth, text and slug, and whether each heads a section of the body or the block of a component ("Key figures").
 * A review makes its heading ids and its table of contents from them (renderReview), unique across its chapters.
 * Runs last: the text is the typeset one the reader sees.
 */
export const rehypeHeadings: Plugin<[], Root> = () => (tree, file) => {
  const headings: Heading[] = [];
  visit(tree, 'element', (node, _, parent) => {
    const depth = headingDepth(node);
    if (depth === undefined) return;
    const text = toString(node);
    headings.push({ depth, text: text.replace(/\s+/g, ' ').trim(), slug: slug(text), section: parent === tree });
  });
  file.data.headings = headings;
};

/** The depth of a heading element (h1 → 1), undefined for any other element. */
export function headingDepth(node: Element): number | undefined {
  const match = /^h([1-6])$/.exec(node.tagName);
  return match ? Number(match[1]) : undefined;
}

/** An id made of a heading's words: "Le foncier industriel" → "le-foncier-industriel". */
export function slug(text: string): string {
  const words = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return /^[a-z]/.test(words) ? words : `section${words ? `-${words}` : ''}`;
}
