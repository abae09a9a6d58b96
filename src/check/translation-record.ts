import { createHash } from 'node:crypto';
import type { TranslationBlock } from '../mdx/remark-translation-blocks.js';
import { commonSubsequence } from './figures.js';

/** A paragraph of a text as the reader reads it (a paragraph, heading, list item's paragraph, table row, block component). */
export interface SourceParagraph {
  /** First 8 hexadecimal digits of the sha256 of the normalised text. */
  readonly hash: string;
  /** The rendered text, whitespace collapsed. */
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

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The paragraphs of a processed body, from its rendered blocks (`file.data.translationBlocks`). */
export function renderedParagraphs(blocks: readonly TranslationBlock[]): SourceParagraph[] {
  return blocks.map((block) => ({ hash: sha256(block.text).slice(0, 8), text: block.text, line: block.line }));
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
