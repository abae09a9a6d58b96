import { createHash } from 'node:crypto';

/**
 * What a session (the preview, `build --watch`, a Builder) remembers between renders of the same content: results
 * keyed by a hash of everything they depend on, so that an edit re-renders only what it touches. Each render ends
 * with `sweep()`, which forgets what that render did not use: the cache holds at most two renders' worth.
 */
export interface RenderCache {
  /** Returns the value stored under `key` for `kind`, or computes, stores and returns it. */
  get<T>(kind: string, key: string, compute: () => T): T;
  /** Forgets every entry the renders since the previous sweep did not use. */
  sweep(): void;
  /** How many results were reused and computed since the cache was made (for progress and benchmarks). */
  readonly stats: { hits: number; misses: number };
}

/** Options of createRenderCache. */
export interface RenderCacheOptions {
  /** Kinds of results computed at each get and never kept (a single build's sheets: its memory must not grow with them). */
  readonly transient?: readonly string[];
}

/** A fresh, empty cache for a session of renders. */
export function createRenderCache(options: RenderCacheOptions = {}): RenderCache {
  const transient = new Set(options.transient);
  let current = new Map<string, unknown>();
  let previous = new Map<string, unknown>();
  const stats = { hits: 0, misses: 0 };
  return {
    get<T>(kind: string, key: string, compute: () => T): T {
      if (transient.has(kind)) {
        stats.misses++;
        return compute();
      }
      const id = `${kind}\0${key}`;
      if (current.has(id)) {
        stats.hits++;
        return current.get(id) as T;
      }
      if (previous.has(id)) {
        stats.hits++;
        const value = previous.get(id) as T;
        current.set(id, value);
        return value;
      }
      stats.misses++;
      const value = compute();
      current.set(id, value);
      return value;
    },
    sweep() {
      previous = current;
      current = new Map();
    },
    stats,
  };
}

/** The sha256 of texts and bytes, separated so that ("ab", "c") and ("a", "bc") differ. */
export function hashOf(...parts: ReadonlyArray<string | Uint8Array>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${typeof part === 'string' ? 's' : 'b'}${part.length}:`).update(part);
  return hash.digest('hex');
}
