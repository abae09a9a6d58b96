import type { Point, Position } from 'unist';

/** A source text with a way to turn offsets into line/column points. */
export interface SourceText {
  readonly text: string;
  /** The 1-based point of an offset. */
  pointAt(offset: number): Point;
}

/** Indexes the line starts of `text`. */
export function sourceText(text: string): SourceText {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return {
    text,
    pointAt(offset) {
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid]! <= offset) low = mid;
        else high = mid - 1;
      }
      return { line: low + 1, column: offset - starts[low]! + 1, offset };
    },
  };
}

const LOOKAHEAD = 8;
const SPACE = /\s/;

/**
 * The source offset of `value[index]`, where `value` is a text read from the source at `start`
 * (a Markdown text node, a YAML scalar): escapes, entities, indentation and line folding are skipped.
 * Gives the last offset it could follow when the two part ways.
 */
export function alignOffset(value: string, source: string, start: number, index: number): number {
  let v = 0;
  let s = start;
  while (v < index && s < source.length) {
    const a = value[v]!;
    const b = source[s]!;
    if (a === b) {
      v++;
      s++;
    } else if (SPACE.test(a) || a === '\u00A0' || a === '\u202F') {
      // Folded lines and collapsed spaces: skip the whitespace on both sides.
      while (v < index && (SPACE.test(value[v]!) || value[v] === '\u00A0' || value[v] === '\u202F')) v++;
      while (s < source.length && SPACE.test(source[s]!)) s++;
    } else {
      const next = source.indexOf(a, s + 1);
      if (next === -1 || next - s > LOOKAHEAD) return s;
      s = next;
    }
  }
  return s;
}

/** The source range of [from, to) in the value of a YAML scalar whose node starts at `offset` in the source. */
export function valueRange(value: string, source: SourceText, offset: number, from: number, to: number): Position {
  const head = source.text[offset];
  if (head === '>' || head === '|') {
    // Block scalar: the text starts on the next line, after its indentation.
    const newline = source.text.indexOf('\n', offset);
    offset = newline === -1 ? offset : newline + 1;
    while (source.text[offset] === ' ') offset++;
  } else if (head === '"' || head === "'") {
    offset++;
  }
  return {
    start: source.pointAt(alignOffset(value, source.text, offset, from)),
    end: source.pointAt(to > from ? alignOffset(value, source.text, offset, to - 1) + 1 : alignOffset(value, source.text, offset, from)),
  };
}
