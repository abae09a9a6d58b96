import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PageToPrint } from './page-to-print.js';
import type { AssetMap } from './printer.js';
import { writeDurably } from '../output/write-durably.js';
import { pruneFolder } from '../output/process-alive.js';

// A cache of finished PDFs on disk, keyed by a hash of everything that determines their bytes, so that a build
// re-prints only the pages that changed (and starts no browser when none did).
//
// Layout of the folder: `meta.json` (the format and the tool that wrote the entries), one `<key>.pdf` per entry, one
// `<key>.toc.json` per review whose table of contents' page numbers are known (see tocKey), and `.tmp-<pid>-<random>`
// files while an entry is written. Entries appear by rename only, after their bytes are on
// disk, so a process killed at any instant leaves whole entries or none; a leftover temporary file is never read,
// and goes at the next prune. Every failure (unreadable, full or read-only disk, corrupt files) makes the cache miss
// or skip a write: the cache never fails a build.

/** The version of the cache's layout and key: a cache written with another one is wiped when opened. */
export const CACHE_FORMAT = 1;

/** Options of openPdfCache. */
export interface PdfCacheOptions {
  /** Which tool wrote the entries; another identity wipes the cache (default: toolIdentity()). */
  readonly identity?: string;
}

/** What the key of a page is made of: its path, its HTML (or numbered page) and its metadata (a PageToPrint). */
export type CachedPage = Pick<PageToPrint, 'path' | 'html' | 'metadata' | 'numbered'>;

/** An opened cache: one per build (prune keeps exactly what the build read or wrote through it). */
export interface PdfCache {
  /** The cache's folder. */
  readonly dir: string;
  /** Whether the cache works; false when its folder could not be opened (every lookup misses, nothing is written). */
  readonly enabled: boolean;
  /** The key of a page's PDF (sha256 hex) for the served assets' hash (hashAssets) and the browser at `executablePath`. */
  key(page: CachedPage, assets: string, executablePath: string): string;
  /** Whether an entry is stored under `key`, without reading it (get may still find it damaged). */
  has(key: string): boolean;
  /** The finished PDF stored under `key`, or undefined (missing, unreadable, or not a whole PDF: then deleted). */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Stores a finished PDF under `key` atomically (written to a temporary file, flushed, renamed); never fails. */
  put(key: string, pdf: Uint8Array): Promise<void>;
  /**
   * The key of the page numbers a numbered page's table of contents gets: a hash of what its first print (blank
   * numbers) is made of, so of the numbers read from it: the page's blank render, its path, the assets, the browser
   * and the tool, not its metadata (written into the PDF after printing) nor its renders with numbers. Undefined for a
   * page without numbered table of contents.
   */
  tocKey(page: CachedPage, assets: string, executablePath: string): string | undefined;
  /** The page numbers stored under a tocKey, by heading id, or undefined. */
  getToc(key: string): Promise<ReadonlyMap<string, number> | undefined>;
  /** Stores the page numbers read from the first print of a page under its tocKey; never fails. */
  putToc(key: string, numbers: ReadonlyMap<string, number>): Promise<void>;
  /** Deletes the entries this build neither read nor wrote, and temporary files left by killed processes; never fails. */
  prune(): Promise<void>;
}

const META = 'meta.json';
const KEY = /^[0-9a-f]{64}$/;
const ENTRY = /^([0-9a-f]{64})\.pdf$/;
const TOC = /^([0-9a-f]{64})\.toc\.json$/;
const TEMP = /^\.tmp-(\d+)-[0-9a-f]+$/;
/** A launcher script is read (for the files it starts) up to this size; a browser binary is far larger. */
const SCRIPT_MAX_SIZE = 64 * 1024;

/**
 * Whether the PDF cache in `dir` holds at least one entry, read synchronously without opening it: false for a cold
 * build (no folder, an empty one, or one holding no PDF), whose every page will be printed.
 */
export function hasCachedPdfs(dir: string): boolean {
  try {
    return readdirSync(dir).some((name) => ENTRY.test(name));
  } catch {
    return false;
  }
}

/** Opens (creating it if needed) the PDF cache in `dir`; a cache of another format or identity, or with unreadable meta, is wiped first. */
export async function openPdfCache(dir: string, options: PdfCacheOptions = {}): Promise<PdfCache> {
  let identity: string;
  try {
    identity = options.identity ?? (await toolIdentity());
    await mkdir(dir, { recursive: true });
    if (!(await trusts(dir, identity))) await reset(dir, identity);
  } catch {
    return disabledCache(dir);
  }

  const kept = new Set<string>();
  const browsers = new Map<string, unknown>();
  let writable = true;
  const entry = (key: string) => join(dir, `${key}.pdf`);
  const tocEntry = (key: string) => join(dir, `${key}.toc.json`);
  const browserOf = (executablePath: string) => {
    let browser = browsers.get(executablePath);
    if (browser === undefined) browsers.set(executablePath, (browser = browserIdentity(executablePath)));
    return browser;
  };
  /** Writes an entry atomically: a temporary file, flushed, renamed; stops writing for this build on the first failure. */
  const store = async (path: string, bytes: Uint8Array | string, name: string) => {
    const temp = join(dir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
    try {
      await writeDurably(temp, bytes, { exclusive: true });
      await rename(temp, path);
      kept.add(name);
    } catch {
      writable = false; // a full, read-only or vanished folder: stop writing for this build
      await rm(temp, { force: true }).catch(() => undefined);
    }
  };

  return {
    dir,
    enabled: true,
    key(page, assets, executablePath) {
      const browser = browserOf(executablePath);
      const { title, author, subject, keywords, lang, date, modified } = page.metadata;
      const numbered = page.numbered;
      // A numbered page is printed from its renders, not from `html`: its first render (blank numbers), and one with
      // numbers filled in, which catches a template that writes the numbers differently but leaves blanks alike.
      const html = numbered ? numbered.render(undefined) : page.html;
      const probe = numbered ? { anchors: numbered.anchors, html: numbered.render(new Map(numbered.anchors.map((id, i) => [id, i + 1]))) } : null;
      const parts = {
        format: CACHE_FORMAT,
        tool: identity,
        browser,
        assets,
        // The path also fixes where the PDF's links lead: printPages writes them relative to it (linksRelativeTo).
        path: page.path,
        metadata: { title, author, subject, keywords, lang, date: date.getTime(), ...(modified ? { modified: modified.getTime() } : {}) },
        numbered: probe,
        html,
      };
      return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
    },
    has(key) {
      return KEY.test(key) && existsSync(entry(key));
    },
    async get(key) {
      if (!KEY.test(key)) return undefined;
      let bytes: Buffer;
      try {
        bytes = await readFile(entry(key));
      } catch {
        return undefined;
      }
      if (!isWholePdf(bytes)) {
        await rm(entry(key), { force: true }).catch(() => undefined);
        return undefined;
      }
      kept.add(`${key}.pdf`);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    async put(key, pdf) {
      if (!writable || !KEY.test(key) || !isWholePdf(pdf)) return;
      await store(entry(key), pdf, `${key}.pdf`);
    },
    tocKey(page, assets, executablePath) {
      if (!page.numbered) return undefined;
      const parts = { format: CACHE_FORMAT, tool: identity, browser: browserOf(executablePath), assets, path: page.path, anchors: page.numbered.anchors, html: page.numbered.render(undefined) };
      return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
    },
    async getToc(key) {
      if (!KEY.test(key)) return undefined;
      try {
        const numbers = JSON.parse(await readFile(tocEntry(key), 'utf8')) as unknown;
        if (!Array.isArray(numbers) || !numbers.every((n) => Array.isArray(n) && n.length === 2 && typeof n[0] === 'string' && Number.isInteger(n[1]) && n[1] > 0)) return undefined;
        kept.add(`${key}.toc.json`);
        return new Map(numbers as Array<[string, number]>);
      } catch {
        return undefined;
      }
    },
    async putToc(key, numbers) {
      if (!writable || !KEY.test(key)) return;
      await store(tocEntry(key), `${JSON.stringify([...numbers])}\n`, `${key}.toc.json`);
    },
    async prune() {
      await pruneFolder(dir, (name) => ENTRY.test(name) || TOC.test(name), kept, TEMP);
    },
  };
}

/** The hash of the files served to the browser while printing (stylesheets, fonts), by path: computed once per build. */
export function hashAssets(assets: AssetMap): string {
  const hash = createHash('sha256');
  for (const path of [...assets.keys()].sort()) {
    const { body, type } = assets.get(path)!;
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    hash.update(JSON.stringify([path, type, bytes.byteLength])).update(bytes);
  }
  return hash.digest('hex');
}

let ownIdentity: Promise<string> | undefined;

/** The identity of the code that turns a page into PDF bytes (the default identity of openPdfCache), computed once per process. */
export function toolIdentity(): Promise<string> {
  // The tool's name@version (package.json), the versions of pdf-lib (it rewrites every PDF) and puppeteer-core (it
  // sends the print parameters), and a hash of the modules of this folder (dist/pdf: printer, numbering, finishing),
  // which changes with any fix made without a new version. A few ms. The render code is not hashed: what it makes
  // (the HTML, the served stylesheets and fonts) is hashed into each key, so a change that does not alter it costs
  // no print.
  ownIdentity ??= (async () => {
    const here = fileURLToPath(import.meta.url);
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { name?: unknown; version?: unknown };
    const require = createRequire(import.meta.url);
    const versions = ['pdf-lib', 'puppeteer-core'].map((name) => {
      try {
        return `${name}@${String((require(`${name}/package.json`) as { version?: unknown }).version)}`;
      } catch {
        return `${name}@?`;
      }
    });
    // The modules of this folder (.js in dist/pdf, .ts in src/pdf under a test runner), also when this one runs from
    // the bundle (dist/bundle/*.cjs, made from them and never older: see bin/communique.js), at the same depth.
    const ext = extname(here) === '.cjs' ? '.js' : extname(here);
    const folder = join(dirname(dirname(here)), 'pdf');
    const modules = (await readdir(folder)).filter((name) => name.endsWith(ext) && !name.endsWith(`.d${ext}`)).sort();
    const code = createHash('sha256');
    for (const name of modules) {
      const bytes = await readFile(join(folder, name));
      code.update(JSON.stringify([name, bytes.byteLength])).update(bytes);
    }
    return `${String(pkg.name)}@${String(pkg.version)} ${versions.join(' ')} code:${code.digest('hex').slice(0, 16)}`;
  })().catch((error: unknown) => {
    ownIdentity = undefined; // try again next time
    throw error;
  });
  return ownIdentity;
}

/** Whether the folder's meta.json names this format and identity. */
async function trusts(dir: string, identity: string): Promise<boolean> {
  try {
    const meta = JSON.parse(await readFile(join(dir, META), 'utf8')) as unknown;
    return typeof meta === 'object' && meta !== null && (meta as { format?: unknown }).format === CACHE_FORMAT && (meta as { identity?: unknown }).identity === identity;
  } catch {
    return false;
  }
}

/**
 * Empties the folder and writes a new meta.json. The old meta goes first and the new one is written last, so that a
 * process killed half-way leaves a folder that is not trusted (and wiped again). Only files the cache writes are
 * removed: a folder given by mistake does not lose anything else.
 */
async function reset(dir: string, identity: string): Promise<void> {
  await rm(join(dir, META), { force: true, recursive: true });
  for (const name of await readdir(dir)) {
    if (ENTRY.test(name) || TOC.test(name) || TEMP.test(name)) await rm(join(dir, name), { force: true, recursive: true });
  }
  const temp = join(dir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    await writeDurably(temp, `${JSON.stringify({ format: CACHE_FORMAT, identity })}\n`, { exclusive: true });
    await rename(temp, join(dir, META));
  } finally {
    await rm(temp, { force: true });
  }
}


/** Whether bytes look like a whole PDF: the %PDF- header, and %%EOF at the very end (whitespace aside). */
function isWholePdf(bytes: Uint8Array): boolean {
  if (bytes.byteLength < 16) return false;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buffer.toString('latin1', 0, 5) === '%PDF-' && /%%EOF[\r\n\t\f \0]*$/.test(buffer.toString('latin1', Math.max(0, buffer.byteLength - 64)));
}

/**
 * What identifies the browser: its path, real path, size and modification time. A launcher script (Debian's
 * /usr/bin/chromium-headless-shell is `exec /usr/lib/chromium/chromium-headless-shell "$@"`) stays the same when the
 * browser is upgraded: its text counts too, and the size and time of each executable file or folder it names by
 * absolute path (other files it names, such as a log it appends to, do not count: they come and go).
 */
function browserIdentity(executablePath: string): unknown {
  const describe = (path: string, named: boolean) => {
    try {
      const info = statSync(path);
      if (named && !info.isDirectory() && !(info.isFile() && (info.mode & 0o111) !== 0)) return [path];
      return [path, info.size, info.mtimeMs];
    } catch {
      return [path];
    }
  };
  const identity: unknown[] = [describe(executablePath, false)];
  try {
    identity.push(realpathSync(executablePath));
    if (statSync(executablePath).size <= SCRIPT_MAX_SIZE) {
      const text = readFileSync(executablePath, 'latin1');
      if (text.startsWith('#!')) {
        identity.push(createHash('sha256').update(text).digest('hex'));
        const body = text.slice(text.indexOf('\n') + 1); // the interpreter does not print
        const named = new Set([...body.matchAll(/(?<=^|[\s"'=:(>])\/[\w.+@/-]+/g)].map((m) => m[0]));
        for (const path of [...named].slice(0, 32)) identity.push(describe(path, true));
      }
    }
  } catch {
    // a missing or unreadable browser: its path alone
  }
  return identity;
}

/** A cache that holds nothing: what openPdfCache returns when its folder cannot be used. */
function disabledCache(dir: string): PdfCache {
  return {
    dir,
    enabled: false,
    has: () => false,
    key: () => '',
    get: async () => undefined,
    put: async () => undefined,
    tocKey: () => undefined,
    getToc: async () => undefined,
    putToc: async () => undefined,
    prune: async () => undefined,
  };
}
