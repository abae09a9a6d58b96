import { instructions, type Instruction } from './content-stream.js';

// PDF/UA-1 (ISO 14289-1, 7.1) wants every piece of content either tagged (inside a marked-content sequence that
// the structure tree points at) or marked as an artifact. Chromium tags what the DOM holds, but draws the page
// margins (the running footer of @page boxes, "page x / y") and backgrounds outside any marked content: those are
// artifacts, as running headers and footers, page numbers and watermarks are. This wraps each such run of drawing
// in `/Artifact BMC … EMC`.

/** Operators that draw or define what is drawn: text showing, paths, clips, images, shadings, XObjects. */
const DRAWING = new Set([
  'Tj', 'TJ', "'", '"',
  'm', 'l', 'c', 'v', 'y', 'h', 're',
  'S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n', 'W', 'W*',
  'Do', 'sh', 'BI',
]);
const OPENS = new Set(['BMC', 'BDC']);

const OPEN_ARTIFACT = new TextEncoder().encode('/Artifact BMC\n');
const CLOSE_ARTIFACT = new TextEncoder().encode('\nEMC');

/**
 * Wraps each run of drawing operators that lies outside any marked-content sequence in `/Artifact BMC … EMC`;
 * returns the new content, or undefined when every drawing operator was marked already. A wrap never splits a text
 * object (BT … ET) from outside: it takes whole text objects, or stays within one.
 */
export function markArtifacts(content: Uint8Array): Uint8Array | undefined {
  const ops = instructions(content);
  const wraps: Array<readonly [number, number]> = [];
  for (const run of unmarkedRuns(ops)) wraps.push(...wrapsOf(ops, run));
  if (wraps.length === 0) return undefined;
  const out = new Uint8Array(content.length + wraps.length * (OPEN_ARTIFACT.length + CLOSE_ARTIFACT.length));
  let from = 0;
  let to = 0;
  for (const [start, end] of wraps) {
    out.set(content.subarray(from, start), to);
    to += start - from;
    out.set(OPEN_ARTIFACT, to);
    to += OPEN_ARTIFACT.length;
    out.set(content.subarray(start, end), to);
    to += end - start;
    out.set(CLOSE_ARTIFACT, to);
    to += CLOSE_ARTIFACT.length;
    from = end;
  }
  out.set(content.subarray(from), to);
  return out;
}

/** A run of instructions outside marked content: indices [first, last], and the text object of each (BT index, or -1). */
interface Run {
  readonly first: number;
  readonly last: number;
  readonly text: readonly number[];
}

/** The maximal runs of instructions at marked-content depth 0 (marked-content operators excluded). */
function unmarkedRuns(ops: readonly Instruction[]): Run[] {
  const runs: Run[] = [];
  let depth = 0;
  let textObject = -1;
  let current: { first: number; text: number[] } | undefined;
  const close = (last: number) => {
    if (current) runs.push({ first: current.first, last, text: current.text });
    current = undefined;
  };
  for (let i = 0; i < ops.length; i++) {
    const operator = ops[i]!.operator;
    if (operator === 'BT') textObject = i;
    const inText = textObject;
    if (operator === 'ET') textObject = -1;
    if (OPENS.has(operator) || operator === 'EMC') {
      close(i - 1);
      depth = operator === 'EMC' ? Math.max(0, depth - 1) : depth + 1;
      continue;
    }
    if (depth > 0) continue;
    current ??= { first: i, text: [] };
    current.text.push(inText);
  }
  close(ops.length - 1);
  return runs;
}

/**
 * The byte ranges to wrap in one run: consecutive instructions are wrapped together, from the first drawing one to
 * the last, except that the part of a text object whose BT or ET lies outside the run (marked content inside it)
 * is wrapped on its own, within the text object; a wrap that starts or ends inside a whole text object takes it all.
 */
function wrapsOf(ops: readonly Instruction[], run: Run): Array<readonly [number, number]> {
  const textAt = (i: number) => run.text[i - run.first]!;
  // The text objects whose BT and ET both lie in the run, with the index of their ET.
  const ends = new Map<number, number>();
  for (let i = run.first; i <= run.last; i++) if (ops[i]!.operator === 'ET' && textAt(i) >= run.first) ends.set(textAt(i), i);
  /** A text object cut by marked content, or -1 for the rest. */
  const keyOf = (i: number) => (textAt(i) !== -1 && !ends.has(textAt(i)) ? textAt(i) : -1);
  const wraps: Array<readonly [number, number]> = [];
  let i = run.first;
  while (i <= run.last) {
    const key = keyOf(i);
    let last = i;
    while (last < run.last && keyOf(last + 1) === key) last++;
    let first = -1;
    let final = -1;
    for (let j = i; j <= last; j++) {
      if (!DRAWING.has(ops[j]!.operator)) continue;
      if (first === -1) first = j;
      final = j;
    }
    if (first !== -1) {
      if (key === -1 && textAt(first) !== -1) first = textAt(first); // start at the BT of a whole text object
      if (key === -1 && textAt(final) !== -1) final = ends.get(textAt(final))!; // end at its ET
      wraps.push([ops[first]!.start, ops[final]!.end]);
    }
    i = last + 1;
  }
  return wraps;
}
