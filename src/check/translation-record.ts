import { createHash } from 'node:crypto';
import type { Nodes } from 'mdast';
import type {} from 'mdast-util-mdx-jsx';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { commonSubsequence } from './figures.js';

/** A paragraph of the source text (a leaf block: paragraph, heading, list item's paragraph, table row, block component). */
export interface SourceParagraph {
  /** First 8 hexadecimal digits of the sha256 of the normalised text. */
  readonly hash: string;
  /** The normalised text (whitespace collapsed). */
  readonly text: string;
  readonly line: number;
}

/** What release.yaml records about a translation: which version of the French text it translates. */
export interface TranslationRecord {
  /** sha256 of the normalised paragraphs, one per line. */
  readonly source: string;
  /** The hash of each paragraph, in order. */
  readonly paragraphs: readonly string[];
}

const parser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).freeze();
const LEAVES: ReadonlySet<string> = new Set(['paragraph', 'heading', 'code', 'html', 'thematicBreak', 'tableRow', 'definition', 'mdxFlowExpression', 'mdxjsEsm']);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The paragraphs of an MDX text, or undefined when it does not parse (the document processor reports why). */
export function sourceParagraphs(mdx: string): SourceParagraph[] | undefined {
  let tree;
  try {
    tree = parser.parse(mdx);
  } catch {
    return undefined;
  }
  const paragraphs: SourceParagraph[] = [];
  const visit = (node: Nodes): void => {
    const isLeaf = LEAVES.has(node.type) || (node.type === 'mdxJsxFlowElement' && node.children.length === 0);
    if (isLeaf && node.position?.start.offset !== undefined && node.position.end.offset !== undefined) {
      const text = mdx.slice(node.position.start.offset, node.position.end.offset).replace(/\s+/g, ' ').trim();
      paragraphs.push({ hash: sha256(text).slice(0, 8), text, line: node.position.start.line });
    } else if ('children' in node) {
      for (const child of node.children) visit(child);
    }
  };
  visit(tree);
  return paragraphs;
}

/** The record of a translation of `paragraphs`. */
export function translationRecord(paragraphs: readonly SourceParagraph[]): TranslationRecord {
  return { source: sha256(paragraphs.map((p) => p.text).join('\n')), paragraphs: paragraphs.map((p) => p.hash) };
}

/** The paragraphs of `current` that are new or changed since `recorded`, and how many recorded ones are gone. */
export function changedParagraphs(recorded: readonly string[], current: readonly SourceParagraph[]): { changed: SourceParagraph[]; removed: number } {
  const kept = commonSubsequence(recorded, current.map((p) => p.hash));
  const changed = current.filter((_, j) => !kept.some(([, k]) => k === j));
  return { changed, removed: Math.max(0, recorded.length - kept.length - changed.length) };
}
