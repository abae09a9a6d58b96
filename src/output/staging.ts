import { randomBytes } from 'node:crypto';
import { copyFile, link, lstat, mkdir, open, readdir, readlink, rename, rm, stat, symlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { CommuniqueError } from '../core/errors.js';
import { writeDurably } from './write-durably.js';
import { processAlive } from './process-alive.js';

/**
 * A complete new set of output files, written beside the current one and swapped in at once when the whole build
 * succeeded.
 *
 * The output folder holds one generation at a time: each section (a top-level folder such as `communiques/` or
 * `assets/`) is a relative symbolic link to `.communique/current/<section>`, and `.communique/current` is itself a
 * link to the generation, `.communique/gen-<pid>-<random>/`. A build writes a new generation, completes it with the
 * sections it did not write, then replaces `.communique/current` with one rename: readers, and a build killed at any
 * moment, see the previous complete set or the new complete set, never a mix, a missing section or a truncated file.
 * A folder written by an earlier version (sections as plain folders) is converted on its first commit; that one
 * conversion moves each section in turn.
 */
export interface Staging {
  /** The new generation's folder. */
  readonly dir: string;
  /** The new generation's name: once committed, what `.communique/current` points at. */
  readonly generation: string;
  /** Writes a file at `path` (relative to the output folder), flushed to disk before the swap. */
  write(path: string, data: Uint8Array | string): Promise<void>;
  /**
   * Takes the file at `path` unchanged from the generation `from`, when that generation is still the current output
   * (files of a committed generation never change): a hard link, no copy. False when it cannot; then write the file.
   */
  reuse(path: string, from: string): Promise<boolean>;
  /**
   * Counts as written a file the caller wrote itself into the new generation's folder, at `join(dir, path)`, and
   * flushed to disk (files streamed there one at a time, such as the published site's).
   */
  adopt(path: string): void;
  /** Copies the files of `section` that this build did not write from the current output (for partial builds). */
  carryOver(section: string): Promise<void>;
  /** Makes the new generation the output in one rename; returns the files written by this build. */
  commit(): Promise<WrittenFiles>;
  /** Removes the new generation, leaving the output as it was. */
  discard(): Promise<void>;
}

/**
 * The files a build wrote (by write, reuse and adopt), as paths relative to the output folder with "/", each written
 * once. Iterating them gives them sorted.
 */
export interface WrittenFiles extends Iterable<string> {
  /** How many files. */
  readonly length: number;
  /** The paths that pass `test`, sorted. */
  filter(test: (path: string) => boolean): string[];
}

/** No file written (a build that stopped on errors, a check). */
export const NOTHING_WRITTEN: WrittenFiles = writtenFiles(() => []);

/** The folder of generations, inside the output folder. */
export const GENERATIONS = '.communique';
const CURRENT = 'current';

/** Opens a new generation in `outDir` (created if missing); leftovers of killed builds are removed first. */
export async function openStaging(outDir: string): Promise<Staging> {
  const store = join(outDir, GENERATIONS);
  const token = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const dir = join(store, `gen-${token}`);
  try {
    await mkdir(store, { recursive: true });
    await removeLeftovers(outDir, store);
    await mkdir(dir);
  } catch (cause) {
    throw outputError(outDir, cause);
  }
  // The paths written, front-coded (a build of a national dataset writes tens of thousands).
  const written = new PathList();
  const sections = new Set<string>();
  // Folders made lately in the new generation, not made again for the next files they hold. Only the last few are
  // remembered: a build writes a folder's files close together, and making a folder that exists is one more call.
  const made = new Set<string>();
  const folderOf = async (target: string) => {
    const folder = dirname(target);
    if (made.has(folder)) return;
    await mkdir(folder, { recursive: true });
    if (made.size >= RECENT_FOLDERS) made.clear();
    made.add(folder);
  };

  const current = await currentGeneration(store).catch(() => undefined);
  return {
    dir,
    generation: `gen-${token}`,
    async reuse(path, from) {
      const target = join(dir, path);
      if (from !== current || !target.startsWith(dir + sep)) return false;
      try {
        await folderOf(target);
        await link(join(store, from, path), target);
      } catch {
        return false;
      }
      sections.add(path.split(/[\\/]/)[0]!);
      written.add(path.split(sep).join('/'));
      return true;
    },
    async write(path, data) {
      const target = join(dir, path);
      if (!target.startsWith(dir + sep)) throw new Error(`refusing to write outside the output: ${path}`);
      sections.add(path.split(/[\\/]/)[0]!);
      written.add(path.split(sep).join('/'));
      try {
        await folderOf(target);
        await writeDurably(target, data);
      } catch (cause) {
        throw outputError(outDir, cause);
      }
    },
    adopt(path) {
      if (!join(dir, path).startsWith(dir + sep)) throw new Error(`refusing to take a file outside the output: ${path}`);
      sections.add(path.split(/[\\/]/)[0]!);
      written.add(path.split(sep).join('/'));
    },
    async carryOver(section) {
      const from = join(outDir, section);
      try {
        const own = new Set(written.paths().filter((path) => path.startsWith(`${section}/`)));
        for (const file of await listFiles(from)) {
          const path = `${section}/${relative(from, file).split(sep).join('/')}`;
          if (own.has(path)) continue;
          sections.add(section);
          await mkdir(dirname(join(dir, path)), { recursive: true });
          await copyFile(file, join(dir, path));
        }
      } catch (cause) {
        throw outputError(outDir, cause);
      }
    },
    async commit() {
      const trash = join(store, `trash-${token}`);
      const linked: string[] = [];
      let swapped = false;
      try {
        const previous = await currentGeneration(store);
        // Sections of the current set this build did not write stay as they are: link their files into the new set.
        if (previous) {
          for (const section of await readdir(join(store, previous))) {
            if (!sections.has(section)) await linkTree(join(store, previous, section), join(dir, section));
          }
        }
        const all = await readdir(dir);
        // New sections get their link before the swap (it points at nothing until then); old-style folders after it.
        const convert: string[] = [];
        for (const section of all) {
          const state = await sectionState(outDir, section);
          if (state === 'missing') {
            await symlink(sectionTarget(section), join(outDir, section));
            linked.push(section);
          } else if (state === 'other') convert.push(section);
        }
        const next = join(store, `${CURRENT}-${token}`);
        await symlink(`gen-${token}`, next);
        await rename(next, join(store, CURRENT)); // the swap
        swapped = true;
        await syncFolder(store);
        if (convert.length > 0) await mkdir(trash, { recursive: true });
        for (const section of convert) {
          await rename(join(outDir, section), join(trash, section));
          await symlink(sectionTarget(section), join(outDir, section));
        }
        if (previous) await rm(join(store, previous), { recursive: true, force: true });
      } catch (cause) {
        // Before the swap, undo the links made for new sections (they point at nothing yet).
        if (!swapped) for (const section of linked) await rm(join(outDir, section), { force: true }).catch(() => undefined);
        throw outputError(outDir, cause);
      }
      await rm(trash, { recursive: true, force: true });
      return writtenFiles(() => written.paths(), written.length);
    },
    async discard() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** How many folders a staging remembers having made (see folderOf). */
const RECENT_FOLDERS = 64;

/** The files written, from a function that lists them (in any order) and their number. */
function writtenFiles(paths: () => string[], length = paths().length): WrittenFiles {
  const sorted = () => paths().sort();
  return {
    length,
    filter: (test) => sorted().filter(test),
    [Symbol.iterator]: () => sorted()[Symbol.iterator](),
  };
}

/**
 * A list of paths in little memory: each is kept as the length of the start it shares with the path before it and
 * the UTF-8 bytes of the rest, in pieces of 64 kB ("fiches/territoires/c-00002/fr.html" after c-00001's: 11 bytes).
 */
class PathList {
  readonly #pieces: Buffer[] = [];
  /** The bytes used in each piece but the last, then in the last. */
  readonly #used: number[] = [];
  #size = PIECE;
  #last = '';
  length = 0;

  add(path: string): void {
    const last = this.#last;
    let shared = 0;
    const most = Math.min(path.length, last.length, 0xff);
    while (shared < most && path.charCodeAt(shared) === last.charCodeAt(shared)) shared++;
    // Never between the two halves of a surrogate pair: the rest is written as UTF-8.
    if (shared > 0 && (path.charCodeAt(shared - 1) & 0xfc00) === 0xd800) shared--;
    const rest = Buffer.from(path.slice(shared), 'utf8');
    // The length of the rest: one byte, or 0xff and four bytes.
    const head = rest.length < 0xff ? 2 : 6;
    if (this.#size + head + rest.length > (this.#pieces.at(-1)?.length ?? 0)) {
      if (this.#pieces.length > 0) this.#used.push(this.#size);
      this.#pieces.push(Buffer.allocUnsafe(Math.max(PIECE, head + rest.length)));
      this.#size = 0;
    }
    const piece = this.#pieces.at(-1)!;
    piece[this.#size] = shared;
    if (head === 2) piece[this.#size + 1] = rest.length;
    else {
      piece[this.#size + 1] = 0xff;
      piece.writeUInt32LE(rest.length, this.#size + 2);
    }
    rest.copy(piece, this.#size + head);
    this.#size += head + rest.length;
    this.#last = path;
    this.length++;
  }

  /** Every path, in the order added. */
  paths(): string[] {
    const paths: string[] = [];
    let last = '';
    this.#pieces.forEach((piece, i) => {
      const end = this.#used[i] ?? this.#size;
      for (let at = 0; at < end; ) {
        const shared = piece[at]!;
        const long = piece[at + 1] === 0xff;
        const length = long ? piece.readUInt32LE(at + 2) : piece[at + 1]!;
        const start = at + (long ? 6 : 2);
        last = last.slice(0, shared) + piece.toString('utf8', start, start + length);
        paths.push(last);
        at = start + length;
      }
    });
    return paths;
  }
}

/** The size of the pieces of a PathList. */
const PIECE = 64 * 1024;

/** Where the link of a section points, relative to the output folder. */
function sectionTarget(section: string): string {
  return `${GENERATIONS}/${CURRENT}/${section}`;
}

/** Whether `outDir/section` is the link to the current set, missing, or something else (an old-style folder, a file). */
async function sectionState(outDir: string, section: string): Promise<'linked' | 'missing' | 'other'> {
  try {
    const info = await lstat(join(outDir, section));
    if (info.isSymbolicLink() && (await readlink(join(outDir, section))) === sectionTarget(section)) return 'linked';
    return 'other';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

/** The name of the generation `.communique/current` points at, if any. */
async function currentGeneration(store: string): Promise<string | undefined> {
  try {
    const target = await readlink(join(store, CURRENT));
    return /^gen-[0-9]+-[0-9a-f]+$/.test(target) ? target : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Removes what killed builds left: generations that are not current, pending links, trash; a running build's are kept. */
async function removeLeftovers(outDir: string, store: string): Promise<void> {
  const current = await currentGeneration(store);
  for (const name of await readdir(store)) {
    const match = /^(?:gen|trash|current)-([0-9]+)-[0-9a-f]+$/.exec(name);
    if (!match || name === current) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && processAlive(pid)) continue; // another build is running
    await rm(join(store, name), { recursive: true, force: true });
  }
  // Staging folders of earlier versions of this tool.
  for (const name of await readdir(outDir)) {
    const match = /^\.(?:staging|trash)-([0-9]+)-/.exec(name);
    if (match && !processAlive(Number(match[1]))) await rm(join(outDir, name), { recursive: true, force: true });
  }
}


/** Flushes a folder's entries (best effort: not every system can open a folder). */
async function syncFolder(path: string): Promise<void> {
  try {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // not supported here
  }
}

/** Recreates the tree `from` at `to` with hard links (files of a committed generation never change), or copies. */
async function linkTree(from: string, to: string): Promise<void> {
  for (const file of await listFiles(from)) {
    const target = join(to, relative(from, file));
    await mkdir(dirname(target), { recursive: true });
    await link(file, target).catch(() => copyFile(file, target));
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function listFiles(dir: string): Promise<string[]> {
  if (!(await exists(dir))) return [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** The failure to write into the output folder `outDir`, for people: the disk is full, the folder not writable… (exit 4). */
export function outputError(outDir: string, cause: unknown): CommuniqueError {
  const code = (cause as NodeJS.ErrnoException).code ?? 'error';
  const reason =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'it is not writable'
        : code === 'EEXIST' || code === 'ENOTDIR'
          ? 'a file is in the way of a folder'
          : (cause as Error).message;
  return new CommuniqueError('OutputNotWritable', `Cannot write the output folder ${outDir}: ${reason} (${code}). The previous output is left as it was.`, 'Free some space, fix the folder\'s permissions, or choose another folder with --out.', { cause });
}
