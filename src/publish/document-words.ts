import { diffArrays } from 'diff';
import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';

/** Elements that start a line of their own. */
const BLOCKS = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'dt', 'dd', 'tr', 'caption', 'figcaption', 'blockquote', 'div', 'section', 'aside', 'figure', 'table', 'ul', 'ol', 'dl', 'text', 'title', 'desc', 'header', 'main', 'nav']);

/** What a page shows around a document's own words, shared by every document or made by the tool: not compared. */
const AROUND = ['contacts', 'about', 'document__kind', 'embargo-line', 'toc', 'review-sources', 'review-glossary', 'page-footer', 'masthead', 'cover__top', 'cover__footer', 'key-figures__title', 'chart__data-caption', 'quote__stamp', 'review-link', 'watermark'];

/**
 * The words of a document, as its page shows them: its title, subtitle, date line, correction notices and body (its
 * figures, quotes and charts included), one line per paragraph, heading, list item or table row, spaces of every kind
 * folded. The press contacts, the "À propos" boilerplate, the table of contents and the tool's own labels are left
 * out: they are shared by every document, and a frozen document keeps them as published.
 */
export function documentWords(html: string): string[] {
  const tree = fromHtml(html);
  const lines: string[] = [];
  let line = '';
  const flush = () => {
    const text = line.replace(/[\s\u00A0\u202F\u2009]+/g, ' ').trim();
    if (text) lines.push(text);
    line = '';
  };
  const walk = (node: Root | Element | RootContent) => {
    if (node.type === 'text') line += node.value;
    if (node.type !== 'element' && node.type !== 'root') return;
    if (node.type === 'element') {
      if (['head', 'style', 'script', 'template', 'thead'].includes(node.tagName)) return;
      const classes = node.properties['className'];
      if (Array.isArray(classes) && classes.some((c) => AROUND.includes(String(c)))) return;
      if (node.properties['ariaHidden'] === 'true' || node.properties['hidden'] !== undefined && node.properties['hidden'] !== false) return;
    }
    const block = node.type === 'element' && BLOCKS.has(node.tagName);
    if (block) flush();
    for (const child of node.children) walk(child);
    if (block) flush();
  };
  walk(tree);
  return lines;
}

/**
 * The lines that differ between two versions of a document's words, as a unified diff without context: "- " before a
 * line of the published version, "+ " before its replacement (at most `limit` lines, then how many more).
 */
export function changedLines(before: readonly string[], after: readonly string[], limit = 20): string[] {
  const out: string[] = [];
  for (const part of diffArrays([...before], [...after])) {
    if (!part.added && !part.removed) continue;
    for (const value of part.value) out.push(`${part.added ? '+' : '-'} ${value}`);
  }
  return out.length > limit ? [...out.slice(0, limit), `… and ${out.length - limit} more changed lines`] : out;
}
