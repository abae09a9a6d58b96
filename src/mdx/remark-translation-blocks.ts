import type { Element } from 'hast';
import type { Nodes, Root } from 'mdast';
import type {} from 'mdast-util-mdx-jsx';
import type {} from './data.js';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';

/** A block of a body as the reader reads it, for the record of a translation. */
export interface TranslationBlock {
  /** The rendered text (an inline component as the figure or name it prints), whitespace collapsed. */
  readonly text: string;
  readonly line: number;
}

declare module 'vfile' {
  interface DataMap {
    /** The blocks of the body, in order: paragraphs, headings, list items' paragraphs, table rows, block components (filled by the translation-blocks plugins). */
    translationBlocks: TranslationBlock[];
  }
}

/** A block found before the components are resolved: its text when it is final, or its node to read once they are. */
type Pending = { readonly line: number } & ({ readonly text: string } | { readonly node: Nodes });

const LEAVES: ReadonlySet<string> = new Set(['paragraph', 'heading', 'code', 'html', 'thematicBreak', 'tableRow', 'definition', 'mdxFlowExpression', 'mdxjsEsm']);
const SOURCE_ONLY: ReadonlySet<string> = new Set(['code', 'html', 'thematicBreak', 'definition', 'mdxFlowExpression', 'mdxjsEsm']);
const FLOW: ReadonlySet<string> = new Set([...LEAVES, 'list', 'listItem', 'blockquote', 'table', 'mdxJsxFlowElement']);

/** Whitespace collapsed, no-break spaces included: re-wrapping a line or typesetting a figure changes nothing. */
const normalise = (text: string) => text.replace(/\s+/gu, ' ').trim();

/**
 * The two plugins that list the blocks of a body as the reader reads them (`file.data.translationBlocks`):
 * `mark` runs before the components are resolved and finds the blocks of the source, `read` runs after and takes
 * the text each block renders. A block component fed by the data (a quote, key figures, a chart) stands as its
 * source, `<Quote id="…" />`: its words are the same data in both languages.
 */
export function translationBlocks(): { mark: Plugin<[], Root>; read: Plugin<[], Root> } {
  const pending = new WeakMap<VFile, Pending[]>();
  const mark: Plugin<[], Root> = () => (tree, file) => {
    const source = String(file.value);
    const blocks: Pending[] = [];
    const visit = (node: Nodes): void => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      const line = node.position?.start.line ?? 0;
      const component = node.type === 'mdxJsxFlowElement';
      if ((component && node.children.length === 0) || SOURCE_ONLY.has(node.type)) {
        if (start !== undefined && end !== undefined) blocks.push({ line, text: normalise(source.slice(start, end)) });
      } else if (LEAVES.has(node.type) || (component && node.children.every((child) => !FLOW.has(child.type)))) {
        blocks.push({ line, node });
      } else if ('children' in node) {
        for (const child of node.children) visit(child);
      }
    };
    visit(tree);
    pending.set(file, blocks);
  };
  const read: Plugin<[], Root> = () => (_, file) => {
    file.data.translationBlocks = (pending.get(file) ?? []).map((block) => ({ line: block.line, text: 'text' in block ? block.text : normalise(rendered(block.node)) }));
    pending.delete(file);
  };
  return { mark, read };
}

/** The text a node shows once its components are resolved. */
function rendered(node: Nodes): string {
  if (node.type === 'communiqueComponent') return componentText(node.element, node.children.map(rendered).join(''));
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'break') return ' ';
  if ('children' in node) return (node.children as Nodes[]).map(rendered).join(node.type === 'tableRow' ? ' | ' : '');
  return '';
}

/** The text of a component's markup, its content (`content`) in its slot. */
function componentText(element: Element, content: string): string {
  return element.children.map((child) => {
    if (child.type !== 'element') return child.type === 'text' ? child.value : '';
    return child.tagName === 'communique-slot' ? content : componentText(child, content);
  }).join('');
}
