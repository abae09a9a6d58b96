import type { Position } from 'unist';
import { COMPONENTS } from '../mdx/components/registry.js';
import { BARRIER } from '../mdx/remark-collect-prose.js';
import type { CheckContext, CheckedBody } from './context.js';
import { indicatorKeys, typedFigures, typedKey } from './figures.js';
import { LANGUAGE_NAME } from '../locale/lang.js';
import { report, where } from '../core/messages.js';

/** A block of a body's structure: a paragraph, a list item, a heading or a block component. */
export interface Block {
  readonly kind: 'paragraph' | 'item' | 'heading' | 'component';
  /** What must be the same in the other language: a component and what it shows ("Quote:ferracci_bilan"); a heading's level. */
  readonly key: string;
  readonly depth?: number;
  /** How a message names it: `a paragraph ("Les bailleurs…")`, `<Quote id="…" />`. */
  readonly label: string;
  /** The opening words, for a message naming it from the other language. */
  readonly excerpt: string;
  /** The figures it cites (bound and typed, normalised) and the inline components it holds, as signatures. */
  readonly figures: readonly string[];
  readonly components: readonly string[];
  /** The length of its words, components left out. */
  readonly length: number;
  readonly place: Position | undefined;
}

/** An aligned pair of blocks (one side undefined for a block without counterpart). */
export type Aligned = readonly [number | undefined, number | undefined];

const GAP = 1;

/**
 * structure-parity (error): both versions of a body (a release, a review's chapter) have the same blocks in the same
 * order: paragraphs, list items, headings of the same levels, and block components (quotes, key figures, charts,
 * review link…), a quote or a chart being the same one. Where the blocks differ, they are aligned (see alignBlocks)
 * so that the message points at the block without counterpart, and at where it belongs in the other text.
 */
export function structureParity(context: CheckContext): void {
  for (const part of context.project.documents.flatMap((document) => document.parts)) {
    const fr = context.body(part, 'fr');
    const en = context.body(part, 'en');
    if (!fr || !en) continue;
    const a = blocksOf(context, fr);
    const b = blocksOf(context, en);
    const pairs = alignBlocks(a, b);
    const restA = pairs.filter(([i, j]) => i !== undefined && j === undefined).map(([i]) => a[i!]!);
    const restB = pairs.filter(([i, j]) => i === undefined && j !== undefined).map(([, j]) => b[j!]!);
    for (const [i, j] of pairs) {
      if (i === undefined || j === undefined) continue;
      const x = a[i]!;
      const y = b[j]!;
      if (x.kind === 'heading' && x.depth !== y.depth) {
        report(
          en.file,
          `This heading is of level ${y.depth} (${'#'.repeat(y.depth!)}) in the English text, but its French counterpart at ${where(fr.file.path, x.place)} ("${x.excerpt}") is of level ${x.depth} (${'#'.repeat(x.depth!)}): the levels differ, ${'#'.repeat(x.depth!)} in French and ${'#'.repeat(y.depth!)} in English. Give both the same level, so that both tables of contents and outlines match.`,
          'structure-parity',
          'error',
          y.place,
        );
      } else if (x.kind !== y.kind) {
        report(
          en.file,
          `The English text has ${y.label} here, where the French text has ${x.label} at ${where(fr.file.path, x.place)}: both versions must have the same paragraphs, list items and headings, in the same order. Make them the same kind of block.`,
          'structure-parity',
          'error',
          y.place,
        );
      }
    }
    for (const [body, other, blocks, otherBlocks, rest, otherRest, side] of [
      [fr, en, a, b, restA, restB, 0],
      [en, fr, b, a, restB, restA, 1],
    ] as const) {
      for (const block of rest) {
        const name = LANGUAGE_NAME[body.lang];
        const otherName = LANGUAGE_NAME[other.lang];
        const moved = block.kind === 'component' ? otherRest.find((p) => p.key === block.key) : undefined;
        if (moved) {
          report(body.file, `${block.label} is not at the same place in both versions: the ${otherName} text has it at ${where(other.file.path, moved.place)}, in another order. Put the components, paragraphs and headings in the same order in both languages.`, 'structure-parity', 'error', block.place);
          continue;
        }
        const at = gapPlace(pairs, blocks.indexOf(block), side, otherBlocks, other.file.path);
        const what =
          block.kind === 'component'
            ? 'the same quotes, key figures, charts and review link'
            : block.kind === 'heading'
              ? 'the same headings'
              : 'the same paragraphs, list items and headings';
        report(
          body.file,
          `The ${name} text has ${block.label} here, but the ${otherName} text has no counterpart for it: it belongs ${at}. Both versions must have ${what}, in the same order. ${block.kind === 'component' ? 'Add it to' : 'Translate it into'} the ${otherName} text, or remove it here.`,
          'structure-parity',
          'error',
          block.place,
        );
      }
    }
  }
}

/** "after en.mdx:12 ("Social landlords…")": where a block without counterpart belongs in the other text. */
function gapPlace(pairs: readonly Aligned[], index: number, side: 0 | 1, other: readonly Block[], path: string): string {
  const at = pairs.findIndex((pair) => pair[side] === index);
  const before = pairs.slice(0, at).reverse().find((pair) => pair[0] !== undefined && pair[1] !== undefined);
  const after = pairs.slice(at + 1).find((pair) => pair[0] !== undefined && pair[1] !== undefined);
  const name = (block: Block) => `${where(path, block.place?.start)} (${block.excerpt ? `"${block.excerpt}"` : block.label})`;
  if (before) return `after ${name(other[before[1 - side]!]!)}`;
  if (after) return `before ${name(other[after[1 - side]!]!)}`;
  return `in ${path}`;
}

/** The blocks of a body, in order: its paragraphs, list items and headings (table cells aside) and its block components. */
export function blocksOf(context: CheckContext, body: CheckedBody): Block[] {
  const uses = body.file.data.components ?? [];
  const blocks: Block[] = [];
  for (const use of uses) {
    if (COMPONENTS.get(use.name)?.placement !== 'block') continue;
    // Key figures are compared by figure-parity; a quote or a chart must be the same one.
    const shows = use.name === 'KeyFigures' ? '' : use.ids[0] ?? '';
    const label = COMPONENTS.get(use.name)?.children ? `<${use.name}>…</${use.name}>` : `<${use.name}${shows ? ` id="${shows}"` : ''} />`;
    blocks.push({ kind: 'component', key: `${use.name}:${shows}`, label, excerpt: '', figures: [], components: [], length: 0, place: use.place });
  }
  for (const prose of body.file.data.prose ?? []) {
    if (prose.type === 'tableCell') continue;
    const text = prose.text.replace(/\s+/g, ' ').trim();
    const words = text.replaceAll(BARRIER, '').replace(/ +/g, ' ').trim();
    const shown = text.replace(new RegExp(`${BARRIER}+`, 'g'), '…');
    const from = prose.place?.start.offset ?? 0;
    const to = prose.place?.end.offset ?? 0;
    const inside = uses.filter((use) => COMPONENTS.get(use.name)?.placement !== 'block' && (use.place?.start.offset ?? -1) >= from && (use.place?.end.offset ?? -1) <= to);
    const figures = [
      ...inside.flatMap((use) => (use.name === 'Indicator' ? use.ids.flatMap((id) => { const i = context.project.indicators.get(id); return i ? indicatorKeys(i) : []; }) : [])),
      ...typedFigures(prose.text, body.lang).map(typedKey),
    ];
    const components = inside.filter((use) => use.name !== 'Indicator').map((use) => `${use.name}:${use.ids.join(' ')}`);
    const excerpt = shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
    const kind = prose.type === 'heading' ? 'heading' : prose.listItem ? 'item' : 'paragraph';
    const label = kind === 'heading' ? `a level-${prose.depth ?? 1} heading ("${excerpt}")` : `${kind === 'item' ? 'a list item' : 'a paragraph'} ("${excerpt}")`;
    blocks.push({ kind, key: kind === 'heading' ? `h${prose.depth ?? 1}` : kind, ...(kind === 'heading' ? { depth: prose.depth ?? 1 } : {}), label, excerpt, figures, components, length: words.length, place: prose.place });
  }
  return blocks.sort((x, y) => (x.place?.start.offset ?? 0) - (y.place?.start.offset ?? 0));
}

/**
 * The cost of pairing two blocks, from 0 (surely the same block) up; undefined when they cannot be the same block (two
 * different components, a component and a paragraph). Headings of different levels pair at a cost, and so do a
 * paragraph and a list item, so that the message says what differs; paragraphs pair at a cost made of how their
 * figures, inline components and lengths differ (a translation is about as long as its original).
 */
export function pairCost(a: Block, b: Block): number | undefined {
  if (a.kind === 'component' || b.kind === 'component') return a.key === b.key ? 0 : undefined;
  if ((a.kind === 'heading') !== (b.kind === 'heading')) return undefined;
  const kind = a.kind === b.kind ? 0 : 0.8;
  const depth = a.depth === b.depth ? 0 : 0.5;
  const length = Math.min(1, Math.abs(Math.log((a.length + 20) / (b.length + 20))) / Math.log(3));
  return kind + depth + 0.6 * setDistance(a.figures, b.figures) + 0.3 * setDistance(a.components, b.components) + 0.5 * length;
}

/** 0 when two multisets are the same, 1 when they share nothing (both empty: 0). */
function setDistance(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 0;
  const rest = [...b];
  let shared = 0;
  for (const item of a) {
    const k = rest.indexOf(item);
    if (k !== -1) {
      shared++;
      rest.splice(k, 1);
    }
  }
  return 1 - (2 * shared) / (a.length + b.length);
}

/**
 * Aligns the blocks of two versions, in order. When both have the same sequence of blocks (kinds, heading levels,
 * components), they pair one by one. Otherwise the alignment of least cost (each block without counterpart costs 1, a
 * pair its pairCost) tells which block is most likely missing: a small dynamic programme over the two sequences.
 */
export function alignBlocks(a: readonly Block[], b: readonly Block[]): Aligned[] {
  if (a.length === b.length && a.every((x, i) => x.key === b[i]!.key)) return a.map((_, i) => [i, i] as const);
  const cost = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length; i >= 0; i--) {
    for (let j = b.length; j >= 0; j--) {
      if (i === a.length || j === b.length) {
        cost[i]![j] = GAP * (a.length - i + b.length - j);
        continue;
      }
      const pair = pairCost(a[i]!, b[j]!);
      cost[i]![j] = Math.min(GAP + cost[i + 1]![j]!, GAP + cost[i]![j + 1]!, pair === undefined ? Infinity : pair + cost[i + 1]![j + 1]!);
    }
  }
  const pairs: Aligned[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const pair = i < a.length && j < b.length ? pairCost(a[i]!, b[j]!) : undefined;
    if (pair !== undefined && Math.abs(cost[i]![j]! - (pair + cost[i + 1]![j + 1]!)) < 1e-9) {
      pairs.push([i++, j++]);
    } else if (i < a.length && (j === b.length || Math.abs(cost[i]![j]! - (GAP + cost[i + 1]![j]!)) < 1e-9)) {
      pairs.push([i++, undefined]);
    } else {
      pairs.push([undefined, j++]);
    }
  }
  return pairs;
}
