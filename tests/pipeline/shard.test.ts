import { describe, expect, it } from 'vitest';
import { inShard, parseShard, shardOf } from '../../src/core/shard.js';

const rows = (count: number) => Array.from({ length: count }, (_, i) => `collection/communes/c-${String(i + 1).padStart(5, '0')}`);

describe('shards of a build', () => {
  it('should read I/N with 1 ≤ I ≤ N, and nothing else', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    for (const text of ['0/3', '4/3', 'x', '2/0', '-1/3', '1.5/3', '2 / 3 / 4', '', '/3', '2/']) expect(parseShard(text), text).toBeUndefined();
  });

  it('should put every row in exactly one shard, and spread 3,000 rows over 3 shards within 10 % of a third each', () => {
    const ids = rows(3000);
    const sizes = [0, 0, 0];
    for (const id of ids) {
      const owners = [1, 2, 3].filter((index) => inShard({ index, count: 3 }, id));
      expect(owners).toHaveLength(1);
      sizes[owners[0]! - 1]!++;
    }
    for (const size of sizes) expect(Math.abs(size - 1000)).toBeLessThan(100);
  });

  it('should keep every row in its shard when rows are added before, between and after it', () => {
    const before = new Map(rows(200).map((id) => [id, shardOf(id, 4)]));
    // The same rows, among new ones, in another order: their shards depend on their ids only.
    const grown = [...rows(500).slice(200), 'collection/communes/a-first', ...rows(200).reverse()];
    const after = new Map(grown.map((id) => [id, shardOf(id, 4)]));
    for (const [id, shard] of before) expect(after.get(id), id).toBe(shard);
  });

  it('should give releases and reviews a shard by their kind and slug, like rows', () => {
    const shard = shardOf('release/183-territoires-industrie', 3);
    expect(shard).toBeGreaterThanOrEqual(1);
    expect(shard).toBeLessThanOrEqual(3);
    expect(inShard({ index: shard, count: 3 }, 'release/183-territoires-industrie')).toBe(true);
    expect(inShard(undefined, 'release/183-territoires-industrie')).toBe(true);
  });
});
