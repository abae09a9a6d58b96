import { diffWordsWithSpace } from 'diff';

/** One run of a word-level diff. */
export interface DiffPart {
  readonly kind: 'same' | 'inserted' | 'deleted';
  readonly text: string;
}

/** The word-level differences between the last approved words and the current ones. */
export function wordDiff(before: string, after: string): DiffPart[] {
  return diffWordsWithSpace(before.replace(/\s+/g, ' ').trim(), after.replace(/\s+/g, ' ').trim()).map((part) => ({
    kind: part.added ? 'inserted' : part.removed ? 'deleted' : 'same',
    text: part.value,
  }));
}
