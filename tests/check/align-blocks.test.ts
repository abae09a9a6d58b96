import { describe, expect, it } from 'vitest';
import { alignBlocks, pairCost, type Block } from '../../src/check/structure-parity.js';

/** A block of a text, as the alignment sees it. */
function block(kind: Block['kind'], options: { length?: number; figures?: string[]; depth?: number; key?: string } = {}): Block {
  const key = options.key ?? (kind === 'heading' ? `h${options.depth ?? 2}` : kind);
  return { kind, key, ...(kind === 'heading' ? { depth: options.depth ?? 2 } : {}), label: key, excerpt: '', figures: options.figures ?? [], components: [], length: options.length ?? 100, place: undefined };
}

describe('alignBlocks', () => {
  it('should pair two texts of the same blocks one by one, however their lengths differ', () => {
    const fr = [block('heading'), block('paragraph', { length: 300 }), block('item', { length: 20 })];
    const en = [block('heading'), block('paragraph', { length: 40 }), block('item', { length: 200 })];
    expect(alignBlocks(fr, en)).toEqual([[0, 0], [1, 1], [2, 2]]);
  });

  it('should leave out the paragraph whose figures the other text lacks, not the last one', () => {
    const fr = [block('paragraph', { figures: ['count:183'] }), block('paragraph', { figures: ['eur:100000000'] }), block('paragraph')];
    const en = [block('paragraph', { figures: ['count:183'] }), block('paragraph')];
    expect(alignBlocks(fr, en)).toEqual([[0, 0], [1, undefined], [2, 1]]);
  });

  it('should leave out the list item whose length matches none of the other text', () => {
    const fr = [block('item', { length: 66 }), block('item', { length: 20 }), block('item', { length: 62 })];
    const en = [block('item', { length: 60 }), block('item', { length: 58 })];
    expect(alignBlocks(fr, en)).toEqual([[0, 0], [1, undefined], [2, 1]]);
  });

  it('should pair headings of different levels (to report the levels), but never two different components', () => {
    expect(pairCost(block('heading', { depth: 2 }), block('heading', { depth: 3 }))).toBeGreaterThan(0);
    expect(pairCost(block('component', { key: 'Quote:a' }), block('component', { key: 'Quote:b' }))).toBeUndefined();
    expect(pairCost(block('component', { key: 'Chart:a' }), block('paragraph'))).toBeUndefined();
    expect(alignBlocks([block('heading', { depth: 2 })], [block('heading', { depth: 3 })])).toEqual([[0, 0]]);
  });
});
