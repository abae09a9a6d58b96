import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { createRenderCache, type RenderCache } from '../core/cache.js';
import { pruneFolder } from './process-alive.js';
import { writeAtomically } from './write-atomically.js';

// The render cache on disk: what a build rendered (processed bodies, pages), kept in `<out>/.communique/render/` for
// the next build in another process, under the same keys as the session cache (hashes of everything a result depends
// on). Layout: `meta.json` (the format and the tool that wrote the entries), one `<name>.bin` per entry, where name
// is the sha256 of its kind and key, and temporary files while an entry is written. An entry is its magic, the
// sha256 of its payload, then the payload (v8 serialisation of its kind, its key and its value, turned into plain
// data): a torn, truncated, edited or misplaced entry fails the check and is ignored, so entries are renamed into
// place without waiting for the disk (a crash can only make an entry fail its check). Every failure makes the cache
// miss or skip a write: the cache never fails a build, and deleting the folder is always safe.

/** The version of the layout and of the encoding: a cache written with another one is wiped when opened. */
export const RENDER_CACHE_FORMAT = 1;

/**
 * The kinds of results kept on disk: processed bodies, pages, and the near misses of official names found in each
 * text (the costliest check). The others (parsed YAML, compiled templates…) stay in memory: they hold functions and classes.
 */
export const PERSISTED_KINDS: ReadonlySet<string> = new Set(['body', 'page', 'near-misses']);

/** A session's render cache backed by a folder: a result missing from memory is looked for on disk before it is computed. */
export interface DiskRenderCache extends RenderCache {
  /** The cache's folder. */
  readonly dir: string;
  /** How many results were read from disk, and how many written to it, since the cache was opened. */
  readonly disk: { read: number; written: number };
  /**
   * Waits for the entries being written, then, when `prune` is true, deletes the entries no get() asked for since the
   * previous save (and temporary files left by killed processes). Never fails.
   */
  save(options: { prune: boolean }): Promise<void>;
}

/** Options of openDiskRenderCache. */
export interface DiskRenderCacheOptions {
  /** Which tool wrote the entries; another identity wipes the cache (default: renderIdentity()). */
  readonly identity?: string;
  /** The memory layer (default: a new createRenderCache()). */
  readonly memory?: RenderCache;
}

const META = 'meta.json';
const ENTRY = /^[0-9a-f]{64}\.bin$/;
/** A temporary file of writeAtomically, with the id of the process writing it. */
const TEMP = /^\..+\.(\d+)-[0-9a-f]+\.tmp$/;
const MAGIC = Buffer.from('communique-render\n', 'latin1');
/** Entries written at once. */
const WRITE_CONCURRENCY = 8;
/** Marks an object of the encoding that stands for a VFile, a message, a Map, a Set or a Date. */
const TAG = '\u0000communique';

/** Opens (creating it if needed) the render cache in `dir`; a cache of another format or tool, or with unreadable meta, is wiped first. */
export async function openDiskRenderCache(dir: string, options: DiskRenderCacheOptions = {}): Promise<DiskRenderCache> {
  const memory = options.memory ?? createRenderCache();
  let enabled = true;
  try {
    const identity = options.identity ?? (await renderIdentity());
    await mkdir(dir, { recursive: true });
    if (!(await trusts(dir, identity))) await reset(dir, identity);
  } catch {
    enabled = false;
  }

  const disk = { read: 0, written: 0 };
  let used = new Set<string>();
  const queue: Array<() => Promise<void>> = [];
  let running = 0;
  let idle: Array<() => void> = [];
  let writable = enabled;

  const pump = () => {
    while (running < WRITE_CONCURRENCY && queue.length > 0) {
      const task = queue.shift()!;
      running++;
      void task().finally(() => {
        running--;
        if (running === 0 && queue.length === 0) for (const done of idle.splice(0)) done();
        pump();
      });
    }
  };
  const write = (name: string, bytes: Buffer) => {
    queue.push(async () => {
      if (!writable) return;
      try {
        await writeAtomically(join(dir, name), bytes, { durable: false });
        disk.written++;
      } catch {
        writable = false; // a full, read-only or vanished folder: stop writing for this session
      }
    });
    pump();
  };
  /** Stores `value` (the plain data of a result) under its name, unless it holds what cannot be kept. */
  const store = (name: string, kind: string, key: string, value: unknown, promise: boolean) => {
    let payload: Buffer;
    try {
      payload = serialize({ kind, key, promise, value: encode(value) });
    } catch {
      return; // a function, a class instance… : this result stays in memory only
    }
    write(name, Buffer.concat([MAGIC, createHash('sha256').update(payload).digest(), payload]));
  };
  /** The result stored under `name` for this kind and key, or undefined (missing, damaged or foreign). */
  const load = (name: string, kind: string, key: string): { value: unknown } | undefined => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(dir, name));
    } catch {
      return undefined;
    }
    const start = MAGIC.length + 32;
    if (bytes.length < start || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
    const payload = bytes.subarray(start);
    if (!createHash('sha256').update(payload).digest().equals(bytes.subarray(MAGIC.length, start))) return undefined;
    try {
      const entry = deserialize(payload) as { kind?: unknown; key?: unknown; promise?: unknown; value?: unknown };
      if (entry.kind !== kind || entry.key !== key) return undefined;
      const value = decode(entry.value);
      return { value: entry.promise === true ? Promise.resolve(value) : value };
    } catch {
      return undefined;
    }
  };

  return {
    dir,
    disk,
    stats: memory.stats,
    get<T>(kind: string, key: string, compute: () => T): T {
      if (!enabled || !PERSISTED_KINDS.has(kind)) return memory.get(kind, key, compute);
      const name = `${createHash('sha256').update(`${kind}\0${key}`).digest('hex')}.bin`;
      used.add(name);
      return memory.get(kind, key, () => {
        const found = load(name, kind, key);
        if (found) {
          disk.read++;
          return found.value as T;
        }
        const value = compute();
        if (value instanceof Promise) value.then((resolved) => store(name, kind, key, resolved, true), () => undefined);
        else store(name, kind, key, value, false);
        return value;
      });
    },
    sweep: () => memory.sweep(),
    async save({ prune }) {
      if (running > 0 || queue.length > 0) await new Promise<void>((done) => idle.push(done));
      const keep = used;
      used = new Set();
      if (!enabled || !prune) return;
      await pruneFolder(dir, (name) => ENTRY.test(name), keep, TEMP);
    },
  };
}

/**
 * A value as plain data for v8's serialisation: primitives, arrays and plain objects as they are (an undefined
 * property stays), VFiles (path, text, data, messages), vfile messages (every field), Maps, Sets and Dates tagged.
 * A file's `data.document` is left out: it is the loaded project's, and the reader gives it back (renderProject).
 * Throws on anything else (a function, a class instance, a symbol, an Error): such a result is not stored.
 */
function encode(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol') throw new TypeError('not plain data');
    return value;
  }
  if (Array.isArray(value)) return value.map(encode);
  if (value instanceof VFile) {
    if (typeof value.value !== 'string' && value.value !== undefined) throw new TypeError('a file of bytes');
    const { document: _document, ...data } = value.data;
    return { [TAG]: 'file', path: value.path, value: value.value, data: encode(data), messages: value.messages.map(encode) };
  }
  if (value instanceof VFileMessage) return { [TAG]: 'message', fields: encodeFields(value) };
  if (value instanceof Map) return { [TAG]: 'map', entries: [...value].map(([k, v]) => [encode(k), encode(v)]) };
  if (value instanceof Set) return { [TAG]: 'set', values: [...value].map(encode) };
  if (value instanceof Date) return { [TAG]: 'date', time: value.getTime() };
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new TypeError('not plain data');
  if (TAG in value) throw new TypeError('a tagged object');
  return encodeFields(value);
}

/** The own enumerable fields of an object, encoded. */
function encodeFields(value: object): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) fields[name] = encode(field);
  return fields;
}

/** The value encode() was given, from its plain data. */
function decode(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decode);
  const record = value as Record<string, unknown>;
  switch (record[TAG]) {
    case 'file': {
      const file = new VFile({ path: record['path'] as string, value: record['value'] as string | undefined, data: decode(record['data']) as VFile['data'] });
      for (const message of record['messages'] as unknown[]) file.messages.push(decode(message) as VFileMessage);
      return file;
    }
    case 'message':
      return Object.assign(Object.create(VFileMessage.prototype) as VFileMessage, decodeFields(record['fields'] as Record<string, unknown>));
    case 'map':
      return new Map((record['entries'] as Array<[unknown, unknown]>).map(([k, v]) => [decode(k), decode(v)]));
    case 'set':
      return new Set((record['values'] as unknown[]).map(decode));
    case 'date':
      return new Date(record['time'] as number);
    default:
      return decodeFields(record);
  }
}

/** An object's fields, decoded. */
function decodeFields(fields: Record<string, unknown>): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) value[name] = decode(field);
  return value;
}

let ownIdentity: Promise<string> | undefined;

/**
 * The identity of the code that renders (the default identity of openDiskRenderCache), computed once per process:
 * the tool's name@version, the versions of Node and of its ICU (dates and numbers are formatted with it), the
 * installed packages (node_modules/.package-lock.json, else the versions of the tool's dependencies), and a hash of
 * the code that runs, which changes with any fix made without a new version: the bundle's own hash when this runs
 * bundled (dist/bundle/bundled-from.json: the scripts made from the modules and the packages), else a hash of every
 * module of the tool (.js in dist, .ts under a test runner).
 */
export function renderIdentity(): Promise<string> {
  ownIdentity ??= (async () => {
    const here = fileURLToPath(import.meta.url);
    const ext = extname(here);
    const modules = dirname(dirname(here));
    const root = dirname(modules);
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown; dependencies?: Record<string, string> };
    const tool = { tool: `${String(pkg.name)}@${String(pkg.version)}`, node: process.versions.node, icu: process.versions.icu ?? null };
    if (ext === '.cjs') {
      const { id } = JSON.parse(await readFile(join(dirname(here), 'bundled-from.json'), 'utf8')) as { id?: unknown };
      if (typeof id !== 'string') throw new Error('the bundle has no id');
      return JSON.stringify({ ...tool, bundle: id });
    }
    const code = createHash('sha256');
    const entries = await readdir(modules, { withFileTypes: true, recursive: true });
    // The bundle (dist/bundle) is made from the compiled modules and the installed packages, both hashed here.
    const bundle = join(modules, 'bundle');
    const files = entries
      .filter((e) => e.isFile() && e.name.endsWith(ext) && !e.name.endsWith(`.d${ext}`) && !e.parentPath.startsWith(bundle))
      .map((e) => join(e.parentPath, e.name))
      .sort();
    const texts = await Promise.all(files.map((path) => readFile(path)));
    files.forEach((path, i) => code.update(JSON.stringify([path.slice(modules.length), texts[i]!.byteLength])).update(texts[i]!));
    return JSON.stringify({
      ...tool,
      packages: await installedPackages(root, Object.keys(pkg.dependencies ?? {})),
      code: code.digest('hex'),
    });
  })().catch((error: unknown) => {
    ownIdentity = undefined; // try again next time
    throw error;
  });
  return ownIdentity;
}

/** A hash of the installed packages: npm's record of node_modules, found from the tool's folder up; else the dependencies' versions. */
async function installedPackages(root: string, dependencies: readonly string[]): Promise<string> {
  for (let dir = root; ; dir = dirname(dir)) {
    try {
      return createHash('sha256').update(await readFile(join(dir, 'node_modules', '.package-lock.json'))).digest('hex');
    } catch {
      if (dirname(dir) === dir) break;
    }
  }
  const require = createRequire(join(root, 'package.json'));
  return dependencies.map((name) => {
    try {
      return `${name}@${String((require(`${name}/package.json`) as { version?: unknown }).version)}`;
    } catch {
      return `${name}@?`;
    }
  }).join(' ');
}

/** Whether the folder's meta.json names this format and identity. */
async function trusts(dir: string, identity: string): Promise<boolean> {
  try {
    const meta = JSON.parse(await readFile(join(dir, META), 'utf8')) as { format?: unknown; identity?: unknown } | null;
    return meta?.format === RENDER_CACHE_FORMAT && meta.identity === identity;
  } catch {
    return false;
  }
}

/** Empties the folder of the cache's files and writes a new meta.json (last: a process killed half-way leaves a folder not trusted). */
async function reset(dir: string, identity: string): Promise<void> {
  await rm(join(dir, META), { force: true });
  for (const name of await readdir(dir)) {
    if (ENTRY.test(name) || TEMP.test(name)) await rm(join(dir, name), { force: true });
  }
  await writeAtomically(join(dir, META), `${JSON.stringify({ format: RENDER_CACHE_FORMAT, identity })}\n`);
}

