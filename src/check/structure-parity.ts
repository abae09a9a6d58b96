import type { Position } from 'unist';
import { COMPONENTS } from '../mdx/components/registry.js';
import type { CheckContext, CheckedBody } from './context.js';
import { commonSubsequence } from './figures.js';
import { LANGUAGE_NAME, report, where } from './report.js';

/** A piece of a body's structure: a block component or a heading. */
interface Piece {
  /** What must match in the other language: the component and what it shows, or the heading level. */
  readonly key: string;
  /** How a message names it. */
  readonly label: string;
  readonly place: Position | undefined;
}

/** structure-parity (error): both versions of a body (a release, a review's chapter) have the same block components (quotes, key figures, charts, review link…) in the same order, and the same headings. */
export function structureParity(context: CheckContext): void {
  for (const part of context.project.documents.flatMap((document) => document.parts)) {
    const fr = context.body(part, 'fr');
    const en = context.body(part, 'en');
    if (!fr || !en) continue;
    const a = structure(fr);
    const b = structure(en);
    const pairs = commonSubsequence(a.map((p) => p.key), b.map((p) => p.key));
    const restA = a.filter((_, i) => !pairs.some(([x]) => x === i));
    const restB = b.filter((_, j) => !pairs.some(([, y]) => y === j));
    const headings = (pieces: Piece[]) => pieces.filter((p) => p.key.startsWith('h')).length;
    const counts = `(the French text has ${headings(a)} heading${headings(a) === 1 ? '' : 's'}, the English text ${headings(b)})`;
    for (const [body, other, rest, otherRest] of [[fr, en, restA, restB], [en, fr, restB, restA]] as const) {
      for (const piece of rest) {
        const moved = otherRest.find((p) => p.key === piece.key);
        const name = LANGUAGE_NAME[body.lang];
        const otherName = LANGUAGE_NAME[other.lang];
        const reason = moved
          ? `${piece.label} is not at the same place in both versions: the ${otherName} text has it at ${where(other.file.path, moved.place)}, in another order. Put the components and headings in the same order in both languages.`
          : piece.key.startsWith('h')
            ? `The ${name} text has ${piece.label} here, but the ${otherName} text (${other.file.path}) has no heading at this point ${counts}: both versions must have the same headings. Add it to the ${otherName} text, or remove it here.`
            : `The ${name} text has ${piece.label} here, but the ${otherName} text (${other.file.path}) does not: both versions must show the same quotes, key figures, charts and review link, in the same order. Add it to the ${otherName} text, or remove it here.`;
        report(body.file, reason, 'structure-parity', 'error', piece.place);
      }
    }
  }
}

function structure(body: CheckedBody): Piece[] {
  const pieces: Piece[] = [];
  for (const use of body.file.data.components ?? []) {
    if (COMPONENTS.get(use.name)?.placement !== 'block') continue;
    // Key figures are compared by figure-parity; a quote or a chart must be the same one.
    const shows = use.name === 'KeyFigures' ? '' : use.ids[0] ?? '';
    const label = COMPONENTS.get(use.name)?.children ? `<${use.name}>…</${use.name}>` : `<${use.name}${shows ? ` id="${shows}"` : ''} />`;
    pieces.push({ key: `${use.name}:${shows}`, label, place: use.place });
  }
  for (const block of body.file.data.prose ?? []) {
    if (block.type !== 'heading') continue;
    const title = block.text.replace(/\s+/g, ' ').trim();
    pieces.push({ key: `h${block.depth ?? 1}`, label: `a level-${block.depth ?? 1} heading ("${title.length > 40 ? `${title.slice(0, 40)}…` : title}")`, place: block.place });
  }
  return pieces.sort((x, y) => (x.place?.start.offset ?? 0) - (y.place?.start.offset ?? 0));
}
