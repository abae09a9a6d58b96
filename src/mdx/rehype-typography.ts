/**
 * rehype plugin: French / English typography (see `src/locale/typography.ts`)
 * on hast text nodes. Attributes are never touched.
 *
 * - Language: `options.lang`, else `file.data.lang`, else 'fr'; an element's
 *   `lang` attribute (`fr`, `en`, `en-GB`, …) switches the rules for its
 *   subtree, and any other language (`de`, `lang=""`) leaves it untouched.
 * - Skipped subtrees: code, pre, kbd, samp, var, script, style, textarea,
 *   svg, math, and elements with `translate="no"` or class `notypo`.
 * - One state per block (p, li, h1–h6, blockquote, figcaption, td, th, dd,
 *   dt, div, address; the root counts as one), so quote direction carries
 *   across inline children (`"<strong>x</strong>"`) but restarts per block.
 *   A skipped element still gives its last character as context; `<br>`
 *   counts as whitespace.
 */
import type { Element, Nodes, Parents, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Plugin } from 'unified';
import type { Lang } from '../locale/lang.js';
import { typeset, type TypesetState } from '../locale/typography.js';

declare module 'vfile' {
  interface DataMap {
    /** The language the document is rendered in. */
    lang: Lang;
  }
}

export interface RehypeTypographyOptions {
  /** Rules to apply; default: `file.data.lang`, else 'fr'. */
  lang?: Lang;
}

const SKIPPED: ReadonlySet<string> = new Set([
  'code', 'pre', 'kbd', 'samp', 'var', 'script', 'style', 'textarea', 'svg', 'math',
]);

const BLOCKS: ReadonlySet<string> = new Set([
  'p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'figcaption',
  'td', 'th', 'dd', 'dt', 'div', 'address',
]);

export const rehypeTypography: Plugin<[RehypeTypographyOptions?], Root> = (options) => (tree, file) => {
  walk(tree, options?.lang ?? file.data.lang ?? 'fr', { previous: '' });
};

function walk(parent: Parents, lang: Lang, state: TypesetState): void {
  for (const child of parent.children) {
    if (child.type === 'text') {
      child.value = typeset(child.value, lang, state);
    } else if (child.type === 'element') {
      visitElement(child, lang, state);
    } else if (isParent(child)) {
      walk(child, lang, state); // e.g. MDX JSX elements: transparent
    }
  }
}

function visitElement(element: Element, lang: Lang, state: TypesetState): void {
  if (element.tagName === 'br') {
    state.previous = '\n';
    return;
  }
  const own = langOf(element);
  if (own === null || isSkipped(element)) {
    state.previous = toString(element).at(-1) ?? state.previous;
    return;
  }
  if (BLOCKS.has(element.tagName)) {
    walk(element, own ?? lang, { previous: '' });
    state.previous = '';
  } else {
    walk(element, own ?? lang, state);
  }
}

/** The element's own language: undefined without `lang`, null when neither fr nor en. */
function langOf(element: Element): Lang | null | undefined {
  const value = element.properties['lang'];
  if (typeof value !== 'string') return undefined;
  const primary = value.trim().toLowerCase().split('-')[0];
  return primary === 'fr' || primary === 'en' ? primary : null;
}

function isParent(node: Nodes): node is Parents {
  return 'children' in node;
}

function isSkipped(element: Element): boolean {
  const { className, translate } = element.properties;
  return (
    SKIPPED.has(element.tagName) ||
    String(translate).toLowerCase() === 'no' ||
    (Array.isArray(className) && className.includes('notypo'))
  );
}
