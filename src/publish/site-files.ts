import { closeSync, fdatasyncSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { outputError } from '../output/staging.js';

/**
 * The files of a site kept on disk, not in memory: a Map of site paths whose values are written to `root` as they are
 * set (flushed, one at a time) and read back when asked for. Publishing holds one page or PDF at a time instead of the
 * whole site; the folder is the new generation's `site/`, so nothing is copied afterwards.
 */
export class SiteFiles implements Map<string, Uint8Array | string> {
  readonly [Symbol.toStringTag] = 'SiteFiles';
  /** The byte length of each file, by path: what the Map holds in memory. */
  readonly #sizes = new Map<string, number>();
  readonly #folders = new Set<string>();

  /** Files go below `root`; a failure to write is reported as a failure to write the output folder `outDir`. */
  constructor(readonly root: string, readonly outDir: string = root) {}

  get size(): number {
    return this.#sizes.size;
  }

  /** The byte length of a file, without reading it. */
  sizeOf(path: string): number | undefined {
    return this.#sizes.get(path);
  }

  set(path: string, body: Uint8Array | string): this {
    const target = this.#target(path);
    const folder = dirname(target);
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    try {
      if (!this.#folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        this.#folders.add(folder);
      }
      const fd = openSync(target, 'w');
      try {
        let written = 0;
        while (written < bytes.byteLength) written += writeSync(fd, bytes, written);
        fdatasyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (cause) {
      throw outputError(this.outDir, cause);
    }
    this.#sizes.set(path, bytes.byteLength);
    return this;
  }

  get(path: string): Buffer | undefined {
    return this.#sizes.has(path) ? readFileSync(this.#target(path)) : undefined;
  }

  has(path: string): boolean {
    return this.#sizes.has(path);
  }

  delete(path: string): boolean {
    if (!this.#sizes.delete(path)) return false;
    rmSync(this.#target(path), { force: true });
    return true;
  }

  clear(): void {
    for (const path of [...this.#sizes.keys()]) this.delete(path);
  }

  keys(): MapIterator<string> {
    return this.#sizes.keys();
  }

  /** Each file, read when its turn comes. */
  *entries(): MapIterator<[string, Uint8Array | string]> {
    for (const path of [...this.#sizes.keys()]) yield [path, readFileSync(this.#target(path))];
  }

  *values(): MapIterator<Uint8Array | string> {
    for (const [, body] of this.entries()) yield body;
  }

  [Symbol.iterator](): MapIterator<[string, Uint8Array | string]> {
    return this.entries();
  }

  forEach(callback: (value: Uint8Array | string, key: string, map: Map<string, Uint8Array | string>) => void, thisArg?: unknown): void {
    for (const [path, body] of this.entries()) callback.call(thisArg, body, path, this);
  }

  #target(path: string): string {
    const target = join(this.root, path);
    if (!target.startsWith(this.root + sep)) throw new Error(`refusing to write outside the site: ${path}`);
    return target;
  }
}

/**
 * The files below a folder as a read-only Map of their paths (sections followed through their links), read from disk
 * only when asked for: a build's output, which publish turns into a site one document at a time.
 */
export function filesBelow(root: string): ReadonlyMap<string, Uint8Array | string> {
  const paths: string[] = [];
  for (const section of readdirSync(root).filter((name) => !name.startsWith('.'))) {
    const folder = join(root, section);
    for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) paths.push(`${section}/${relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/')}`);
    }
  }
  const known = new Set(paths);
  const read = (path: string) => readFileSync(join(root, path));
  return {
    get size() {
      return known.size;
    },
    get: (path) => (known.has(path) ? read(path) : undefined),
    has: (path) => known.has(path),
    keys: () => known.values(),
    *entries() {
      for (const path of known) yield [path, read(path)];
    },
    *values() {
      for (const path of known) yield read(path);
    },
    [Symbol.iterator]() {
      return this.entries();
    },
    forEach(callback, thisArg) {
      for (const path of known) callback.call(thisArg, read(path), path, this);
    },
  } as ReadonlyMap<string, Uint8Array | string>;
}
