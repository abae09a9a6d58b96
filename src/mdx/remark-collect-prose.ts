import type { Nodes, Parents, Root } from 'mdast';
import type {} from 'mdast-util-mdx-jsx';
import type { Plugin } from 'unified';
import type { Position } from 'unist';

/** A run of a block's text that comes from one text node starting at `offset` in the source. */
export interface ProseSegment {
  /** [from, to) in the block's text. */
  readonly from: number;
  readonly to: number;
  /** Offset of the text node in the source (undefined when the node has no position). */
  readonly offset: number | undefined;
}

/** The words of one paragraph, heading or table cell, as the reader sees them, without the components. */
export interface ProseBlock {
  readonly type: 'paragraph' | 'heading' | 'tableCell';
  /** Level of a heading (1–6). */
  readonly depth?: number;
  /** A paragraph of a list item (true), rather than a paragraph of its own. */
  readonly listItem?: boolean;
  /** The text; each component, image or code span stands as one BARRIER character. */
  readonly text: string;
  readonly segments: readonly ProseSegment[];
  readonly place: Position | undefined;
}

/** A link, a link by reference, or the definition of a reference. */
export interface LinkUse {
  readonly kind: 'link' | 'linkReference' | 'definition';
  /** The URL of a link or a definition. */
  readonly url?: string;
  /** The normalised label of a reference or a definition. */
  readonly identifier?: string;
  readonly place: Position | undefined;
}

/** Stands in a block's text for what is not prose (a component, an image, code). */
export const BARRIER = '\uFFFC';

declare module 'vfile' {
  interface DataMap {
    /** The prose of the body, block by block (filled by remarkCollectProse). */
    prose: ProseBlock[];
    /** The links, references and definitions of the body (filled by remarkCollectProse). */
    links: LinkUse[];
  }
}

const BLOCKS: ReadonlySet<string> = new Set(['paragraph', 'heading', 'tableCell']);
const SKIPPED: ReadonlySet<string> = new Set(['code', 'html', 'mdxjsEsm', 'mdxFlowExpression', 'yaml', 'toml']);
const OPAQUE_INLINE: ReadonlySet<string> = new Set([
  'inlineCode', 'image', 'imageReference', 'footnoteReference', 'mdxJsxTextElement', 'mdxTextExpression',
]);

/** Collects the prose of a body (paragraphs, headings, table cells with the source offset of each text) and its links, for the editorial checks. Run it before components are resolved. */
export const remarkCollectProse: Plugin<[], Root> = () => (tree, file) => {
  const prose: ProseBlock[] = [];
  const links: LinkUse[] = [];
  const visitFlow = (node: Nodes, inItem = false): void => {
    if (node.type === 'definition') {
      links.push({ kind: 'definition', url: node.url, identifier: node.identifier, place: node.position });
      return;
    }
    if (SKIPPED.has(node.type)) return;
    if (BLOCKS.has(node.type) && 'children' in node) {
      const block = collectBlock(node, links);
      prose.push(inItem && block.type === 'paragraph' ? { ...block, listItem: true } : block);
      return;
    }
    if ('children' in node) {
      // A component wrapping phrasing directly (<Lead>text</Lead> on one line) is a block of its own.
      if (node.type === 'mdxJsxFlowElement' && node.children.length > 0 && node.children.every((c) => !isFlow(c))) {
        prose.push(collectBlock(node, links));
        return;
      }
      for (const child of node.children) visitFlow(child, node.type === 'listItem');
    }
  };
  visitFlow(tree);
  file.data.prose = prose;
  file.data.links = links;
};

function isFlow(node: Nodes): boolean {
  return BLOCKS.has(node.type) || SKIPPED.has(node.type) || ['list', 'blockquote', 'table', 'thematicBreak', 'mdxJsxFlowElement', 'definition'].includes(node.type);
}

function collectBlock(node: Parents, links: LinkUse[]): ProseBlock {
  let text = '';
  const segments: ProseSegment[] = [];
  const visit = (child: Nodes): void => {
    if (child.type === 'text') {
      segments.push({ from: text.length, to: text.length + child.value.length, offset: child.position?.start.offset });
      text += child.value;
    } else if (child.type === 'break') {
      text += '\n';
    } else if (OPAQUE_INLINE.has(child.type)) {
      text += BARRIER;
    } else if ('children' in child) {
      if (child.type === 'link') links.push({ kind: 'link', url: child.url, place: child.position });
      if (child.type === 'linkReference') links.push({ kind: 'linkReference', identifier: child.identifier, place: child.position });
      for (const grandchild of child.children) visit(grandchild);
    }
  };
  for (const child of node.children) visit(child);
  return {
    type: node.type === 'heading' ? 'heading' : node.type === 'tableCell' ? 'tableCell' : 'paragraph',
    ...(node.type === 'heading' ? { depth: node.depth } : {}),
    text,
    segments,
    place: node.position,
  };
}
