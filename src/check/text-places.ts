import type { Point, Position } from 'unist';
import { alignOffset, type SourceText } from '../load/source-text.js';
import type { ProseBlock } from '../mdx/remark-collect-prose.js';

/** The source range of [from, to) in a block's text, or the block's place when the text cannot be followed. */
export function blockRange(block: ProseBlock, source: SourceText, from: number, to: number): Position | undefined {
  const at = (index: number, end: boolean): Point | undefined => {
    const segment = block.segments.find((s) => (end ? index > s.from && index <= s.to : index >= s.from && index < s.to));
    if (!segment || segment.offset === undefined) return undefined;
    const value = block.text.slice(segment.from, segment.to);
    const local = index - segment.from;
    // Align up to the last character, then step over it, so a range never swallows what follows.
    const offset = end ? alignOffset(value, source.text, segment.offset, local - 1) + 1 : alignOffset(value, source.text, segment.offset, local);
    return source.pointAt(offset);
  };
  const start = at(from, false);
  const end = at(to, true);
  if (!start) return block.place;
  return { start, end: end ?? start };
}
