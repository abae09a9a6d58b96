import { createHash } from 'node:crypto';

/** The i-th of n shards of a build (1 ≤ index ≤ count): `build --shard 2/3`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Reads "i/n" (whole numbers, 1 ≤ i ≤ n); undefined when the text is anything else. The caller says what was expected.
 */
export function parseShard(text: string): Shard | undefined {
  const match = /^([0-9]{1,6})\/([0-9]{1,6})$/.exec(text.trim());
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) return undefined;
  return { index, count };
}

/**
 * Whether the unit of work named `id` belongs to `shard` (every unit when there is no shard). A unit goes by a hash of
 * its id, never by its position: adding or removing rows moves no other row to another shard, and every machine
 * computes the same assignment. Ids: "release/<slug>", "review/<slug>", "collection/<slug>/<row>".
 */
export function inShard(shard: Shard | undefined, id: string): boolean {
  if (!shard || shard.count === 1) return true;
  return shardOf(id, shard.count) === shard.index;
}

/** The shard (1 to count) that the unit `id` goes to: the first 48 bits of its sha256, modulo count, plus one. */
export function shardOf(id: string, count: number): number {
  const hash = createHash('sha256').update(id).digest();
  return (hash.readUIntBE(0, 6) % count) + 1;
}
