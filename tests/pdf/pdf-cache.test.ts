import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CommuniqueError } from '../../src/core/errors.js';
import { findBrowser } from '../../src/pdf/find-browser.js';
import { CACHE_FORMAT, hashAssets, openPdfCache, toolIdentity, type CachedPage } from '../../src/pdf/pdf-cache.js';
import { printPages, type PageToPrint } from '../../src/pdf/print-pages.js';
import type { Asset } from '../../src/render/assets.js';
import { printAssets } from '../../src/pdf/print-assets.js';
import { createPrinter, type Printer } from '../../src/pdf/printer.js';
import type { NumberedPage } from '../../src/render/render-review.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { watchChromium } from './processes.js';

/** Bytes that look like a whole PDF to the cache (%PDF- header, %%EOF at the end), unique to `label`. */
const fakePdf = (label: string, size = 2000) => new TextEncoder().encode(`%PDF-1.7\n% ${label}\n${'x'.repeat(size)}\nstartxref\n0\n%%EOF\n`);

const metadata = { title: 'Bilan à 1 an', author: 'Préfecture', subject: 'Le programme', keywords: ['emploi', 'région'], lang: 'fr', date: new Date('2025-03-14T12:00:00Z') };

const page: CachedPage = { path: 'communiques/demo/fr.html', html: '<!DOCTYPE html><html lang="fr"><body><p>2 800 actions</p></body></html>', metadata };

const assets = new Map<string, Asset>([
  ['assets/communique.css', { body: 'body { color: #161616; }', type: 'text/css; charset=utf-8' }],
  ['assets/fonts/Marianne-Regular.woff2', { body: new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]), type: 'font/ttf' }],
]);

/** A numbered page whose renders are given by `render`. */
const numbered = (render: NumberedPage['render'], anchors = ['a', 'b']): CachedPage => ({ ...page, path: 'bilans/x/fr.html', numbered: { anchors, render } });

/** The folder of a fresh cache. */
const cacheDir = async () => join(await tempDir('communique-pdf-cache-'), '.communique', 'cache');

/** The entries (PDF files) of a cache folder. */
const entries = async (dir: string) => (await readdir(dir)).filter((name) => name.endsWith('.pdf')).sort();

describe('openPdfCache', () => {
  it('should return a stored PDF for the same key, in this build and the next', async () => {
    const dir = await cacheDir();
    const cache = await openPdfCache(dir, { identity: 'test' });
    expect(cache.enabled).toBe(true);
    const key = cache.key(page, hashAssets(assets), '/usr/bin/chromium-headless-shell');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await cache.get(key)).toBeUndefined();
    await cache.put(key, fakePdf('one'));
    expect(Buffer.from((await cache.get(key))!)).toEqual(Buffer.from(fakePdf('one')));
    // The next build: a new cache on the same folder, the same inputs give the same key.
    const next = await openPdfCache(dir, { identity: 'test' });
    const again = next.key({ ...page, metadata: { ...metadata, keywords: [...metadata.keywords], date: new Date(metadata.date) } }, hashAssets(new Map(assets)), '/usr/bin/chromium-headless-shell');
    expect(again).toBe(key);
    expect(Buffer.from((await next.get(key))!)).toEqual(Buffer.from(fakePdf('one')));
    expect(await entries(dir)).toEqual([`${key}.pdf`]);
  });

  it('should miss when one byte of the HTML, the metadata, an asset, the path, the numbering or the tool changes', async () => {
    const dir = await cacheDir();
    const cache = await openPdfCache(dir, { identity: 'test' });
    const browser = '/usr/bin/chromium-headless-shell';
    const base = hashAssets(assets);
    const key = cache.key(page, base, browser);
    await cache.put(key, fakePdf('base'));
    const withAsset = (path: string, body: string | Uint8Array) => hashAssets(new Map([...assets, [path, { body, type: assets.get(path)!.type }]]));
    const variants: Record<string, string> = {
      html: cache.key({ ...page, html: page.html.replace('2 800', '2 801') }, base, browser),
      title: cache.key({ ...page, metadata: { ...metadata, title: 'Bilan à 2 an' } }, base, browser),
      author: cache.key({ ...page, metadata: { ...metadata, author: 'Préfecturf' } }, base, browser),
      subject: cache.key({ ...page, metadata: { ...metadata, subject: 'Le programmf' } }, base, browser),
      keywords: cache.key({ ...page, metadata: { ...metadata, keywords: ['emploi', 'régioo'] } }, base, browser),
      'keywords split differently': cache.key({ ...page, metadata: { ...metadata, keywords: ['emploi,région'] } }, base, browser),
      lang: cache.key({ ...page, metadata: { ...metadata, lang: 'en' } }, base, browser),
      date: cache.key({ ...page, metadata: { ...metadata, date: new Date(metadata.date.getTime() + 1000) } }, base, browser),
      path: cache.key({ ...page, path: 'communiques/demo/en.html' }, base, browser),
      stylesheet: cache.key(page, withAsset('assets/communique.css', 'body { color: #161617; }'), browser),
      font: cache.key(page, withAsset('assets/fonts/Marianne-Regular.woff2', new Uint8Array([0, 1, 2, 3, 4, 5, 6, 8])), browser),
      'asset added': cache.key(page, hashAssets(new Map([...assets, ['assets/review.css', { body: '', type: 'text/css; charset=utf-8' }]])), browser),
      numbered: cache.key({ ...page, numbered: { anchors: [], render: () => page.html } }, base, browser),
      browser: cache.key(page, base, '/usr/bin/chromium'),
      tool: (await openPdfCache(await cacheDir(), { identity: 'test2' })).key(page, base, browser),
    };
    expect(new Set(Object.values(variants)).size).toBe(Object.keys(variants).length);
    for (const [what, variant] of Object.entries(variants)) {
      expect(variant, what).not.toBe(key);
      expect(await cache.get(variant), what).toBeUndefined();
    }
    expect(await cache.get(key)).toBeDefined();
  });

  it('should key a numbered page by its renders, not by its web HTML', async () => {
    const cache = await openPdfCache(await cacheDir(), { identity: 'test' });
    const base = hashAssets(assets);
    const render = (suffix: string) => (pages: ReadonlyMap<string, number> | undefined) => `<p>toc ${[...(pages?.values() ?? [])].join(' ')}${suffix}</p>`;
    const key = cache.key(numbered(render('')), base, 'chrome');
    // The web HTML of a numbered page is not what is printed.
    expect(cache.key({ ...numbered(render('')), html: 'other' }, base, 'chrome')).toBe(key);
    // The first render (blank numbers) changes.
    expect(cache.key(numbered((pages) => (pages ? render('')(pages) : '<p>toc!</p>')), base, 'chrome')).not.toBe(key);
    // Only the way numbers are written changes (a template that writes "p. 3"), blanks alike.
    expect(cache.key(numbered((pages) => (pages ? `p. ${render('')(pages)}` : render('')(pages))), base, 'chrome')).not.toBe(key);
    // The headings the numbers are read for change.
    expect(cache.key(numbered(render(''), ['a']), base, 'chrome')).not.toBe(key);
  });

  it('should miss when the browser is replaced, even behind an unchanged launcher script', async () => {
    const dir = await cacheDir();
    const bin = await tempDir('communique-browser-');
    const binary = join(bin, 'lib', 'chromium-headless-shell');
    const launcher = join(bin, 'chromium-headless-shell');
    const log = join(bin, 'launches.log');
    await mkdir(join(bin, 'lib'));
    await writeFile(binary, 'binary v1');
    await chmod(binary, 0o755);
    await writeFile(launcher, `#!/bin/sh -e\necho launched >>${log}\n${binary} "$@"\n`);
    await chmod(launcher, 0o755);
    const base = hashAssets(assets);
    const keyNow = async () => (await openPdfCache(dir, { identity: 'test' })).key(page, base, launcher);
    const first = await keyNow();
    expect(await keyNow()).toBe(first);
    // A file the launcher names that is not a program (a log it appends to) may change: the browser is the same.
    await writeFile(log, 'launched\n', { flag: 'a' });
    expect(await keyNow()).toBe(first);
    await writeFile(log, 'launched\n', { flag: 'a' });
    expect(await keyNow()).toBe(first);
    // Upgraded in place: same launcher, another binary (other size).
    await writeFile(binary, 'binary v2 (larger)');
    const second = await keyNow();
    expect(second).not.toBe(first);
    // Same size, other modification time.
    const time = new Date('2020-01-01T00:00:00Z');
    await utimes(binary, time, time);
    expect(await keyNow()).not.toBe(second);
    // A browser that is a plain executable: its own modification time counts.
    const plain = (await openPdfCache(dir, { identity: 'test' })).key(page, base, binary);
    await utimes(binary, new Date('2021-01-01T00:00:00Z'), new Date('2021-01-01T00:00:00Z'));
    expect((await openPdfCache(dir, { identity: 'test' })).key(page, base, binary)).not.toBe(plain);
  });

  it('should wipe a cache written by another identity or format, and nothing else in its folder', async () => {
    const dir = await cacheDir();
    const old = await openPdfCache(dir, { identity: 'communique@0.1.0' });
    const key = old.key(page, hashAssets(assets), 'chrome');
    await old.put(key, fakePdf('old'));
    await writeFile(join(dir, 'notes.txt'), 'not ours');
    expect(await entries(dir)).toHaveLength(1);

    const other = await openPdfCache(dir, { identity: 'communique@0.2.0' });
    expect(await entries(dir)).toEqual([]);
    expect(JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8'))).toEqual({ format: CACHE_FORMAT, identity: 'communique@0.2.0' });
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('not ours');
    // Even an entry written under the old key is not served to the new identity, whose keys differ.
    expect(other.key(page, hashAssets(assets), 'chrome')).not.toBe(key);

    // Another format, same identity.
    await other.put(key, fakePdf('x'));
    await writeFile(join(dir, 'meta.json'), JSON.stringify({ format: CACHE_FORMAT + 1, identity: 'communique@0.2.0' }));
    await openPdfCache(dir, { identity: 'communique@0.2.0' });
    expect(await entries(dir)).toEqual([]);
    expect(JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8')).format).toBe(CACHE_FORMAT);
  });

  it('should ignore and delete a truncated entry, or one that is not a PDF', async () => {
    const dir = await cacheDir();
    const cache = await openPdfCache(dir, { identity: 'test' });
    const key = cache.key(page, hashAssets(assets), 'chrome');
    await cache.put(key, fakePdf('whole', 10_000));
    const file = join(dir, `${key}.pdf`);
    await truncate(file, 5_000);
    expect(await cache.get(key)).toBeUndefined();
    expect(existsSync(file)).toBe(false);

    await writeFile(file, 'not a PDF at all, though it ends like one %%EOF\n');
    expect(await cache.get(key)).toBeUndefined();
    expect(existsSync(file)).toBe(false);
    await writeFile(file, '');
    expect(await cache.get(key)).toBeUndefined();

    // What is not a whole PDF is not stored either.
    await cache.put(key, fakePdf('whole').subarray(0, 100));
    expect(existsSync(file)).toBe(false);
  });

  it('should wipe the entries and start anew when meta.json is garbage, missing or not a file', async () => {
    for (const meta of ['{"format": 1, "identity": "te', '\u0000\u0001garbage', 'null', '[]', '"test"', '{}', undefined, 'folder']) {
      const dir = await cacheDir();
      await mkdir(dir, { recursive: true });
      const key = 'a'.repeat(64);
      await writeFile(join(dir, `${key}.pdf`), fakePdf('untrusted'));
      if (meta === 'folder') await mkdir(join(dir, 'meta.json'));
      else if (meta !== undefined) await writeFile(join(dir, 'meta.json'), meta);
      const cache = await openPdfCache(dir, { identity: 'test' });
      expect(cache.enabled, String(meta)).toBe(true);
      expect(await cache.get(key), String(meta)).toBeUndefined();
      expect(await entries(dir), String(meta)).toEqual([]);
      // And it works afterwards.
      await cache.put(key, fakePdf('trusted'));
      expect(await (await openPdfCache(dir, { identity: 'test' })).get(key), String(meta)).toBeDefined();
    }
  });

  it('should prune the entries this build neither read nor wrote, and temporary files of dead processes', async () => {
    const dir = await cacheDir();
    const first = await openPdfCache(dir, { identity: 'test' });
    const keyOf = (html: string) => first.key({ ...page, html }, hashAssets(assets), 'chrome');
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(keyOf) as [string, string, string, string];
    for (const key of [a, b, c]) await first.put(key, fakePdf(key));
    const dead = join(dir, '.tmp-2147483646-0123456789ab'); // no process has that id
    const running = join(dir, `.tmp-${process.pid}-0123456789ab`);
    await writeFile(dead, '%PDF-half');
    await writeFile(running, '%PDF-half');

    const build = await openPdfCache(dir, { identity: 'test' });
    expect(await build.get(a)).toBeDefined(); // used
    expect(await build.get(d)).toBeUndefined(); // printed, then stored
    await build.put(d, fakePdf(d));
    await build.prune();
    expect(await entries(dir)).toEqual([`${a}.pdf`, `${d}.pdf`].sort());
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(running)).toBe(true); // may be an entry being written right now
    expect(existsSync(join(dir, 'meta.json'))).toBe(true);
    // A build that reads its entries again keeps them.
    const again = await openPdfCache(dir, { identity: 'test' });
    expect(await again.get(a)).toBeDefined();
    expect(await again.get(d)).toBeDefined();
    await again.prune();
    expect(await entries(dir)).toEqual([`${a}.pdf`, `${d}.pdf`].sort());
    expect([b, c]).not.toContain(a);
  });

  it('should degrade to no cache, silently, when its folder cannot be used', async () => {
    const root = await tempDir('communique-pdf-cache-');
    await writeFile(join(root, 'file'), 'a file where the folder should be');
    const blocked = await openPdfCache(join(root, 'file', 'cache'), { identity: 'test' });
    expect(blocked.enabled).toBe(false);
    const key = (await openPdfCache(join(root, 'ok'), { identity: 'test' })).key(page, hashAssets(assets), 'chrome');
    expect(await blocked.get(key)).toBeUndefined();
    await blocked.put(key, fakePdf('x'));
    await blocked.prune();

    // The folder disappears (or becomes unwritable) after it was opened: writes are skipped, reads miss.
    const dir = join(root, 'gone');
    const cache = await openPdfCache(dir, { identity: 'test' });
    await rm(dir, { recursive: true });
    await writeFile(dir, 'in the way');
    await expect(cache.put(key, fakePdf('x'))).resolves.toBeUndefined();
    expect(await cache.get(key)).toBeUndefined();
    await expect(cache.prune()).resolves.toBeUndefined();
    expect(await readdir(root)).toEqual(['file', 'gone', 'ok']);
  });

  it('should give a default identity from the package, its dependencies and its own code, in a few ms', async () => {
    const started = performance.now();
    const identity = await toolIdentity();
    const elapsed = performance.now() - started;
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
    expect(identity).toContain(`${pkg.name}@${pkg.version}`);
    expect(identity).toMatch(/pdf-lib@\d+\.\d+\.\d+ puppeteer-core@\d+\.\d+\.\d+ code:[0-9a-f]{16}$/);
    expect(await toolIdentity()).toBe(identity);
    console.log(`tool identity: ${identity} (${elapsed.toFixed(1)} ms)`);
    const dir = await cacheDir();
    await openPdfCache(dir);
    expect(JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8'))).toEqual({ format: CACHE_FORMAT, identity });
  });

  it('should never serve a half-written entry when the writing process is killed with SIGKILL at any moment', async () => {
    const module = join(ROOT, 'dist', 'pdf', 'pdf-cache.js');
    expect(existsSync(module), 'compile first: npx tsc -p .').toBe(true);
    const dir = await cacheDir();
    const size = 3_000_000; // a write takes a few ms: a window to be killed in
    const script = `
      const { openPdfCache } = await import(${JSON.stringify(pathToFileURL(module).href)});
      const cache = await openPdfCache(${JSON.stringify(dir)}, { identity: 'kill' });
      const pdf = (i) => new TextEncoder().encode('%PDF-1.7\\n% ' + i + '\\n' + String(i % 10).repeat(${size}) + '\\n%%EOF\\n');
      for (let i = Number(process.argv[1]); ; i++) {
        await cache.put(i.toString(16).padStart(64, '0'), pdf(i));
        process.stdout.write(i + '\\n');
      }`;
    let next = 0;
    const kills = process.env['CI'] ? 60 : 20;
    for (let k = 0; k < kills; k++) {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script, String(next)], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      await new Promise((resolve) => child.stdout.once('data', resolve));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 30));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      next = Math.max(next, ...out.split('\n').filter(Boolean).map(Number)) + 3;
    }
    const reader = await openPdfCache(dir, { identity: 'kill' });
    const names = await readdir(dir);
    const stored = names.filter((name) => name.endsWith('.pdf'));
    expect(stored.length).toBeGreaterThan(kills);
    for (const name of stored) {
      const i = Number.parseInt(name.slice(0, 64), 16);
      const pdf = await reader.get(name.slice(0, 64));
      expect(pdf, name).toBeDefined();
      expect(Buffer.from(pdf!).equals(Buffer.from(`%PDF-1.7\n% ${i}\n${String(i % 10).repeat(size)}\n%%EOF\n`)), name).toBe(true);
    }
    const temps = names.filter((name) => name.startsWith('.tmp-'));
    await reader.prune();
    expect((await readdir(dir)).filter((name) => name.startsWith('.tmp-'))).toEqual([]);
    console.log(`pdf cache under SIGKILL: ${kills} kills, ${stored.length} whole entries, ${temps.length} temporary files left and pruned`);
  }, 120_000);
});

describe('printPages with a cache', () => {
  /** Two pages: a release, and a review whose table of contents gives page numbers. */
  const pages = (text = 'Le programme compte 2 800 actions.'): PageToPrint[] => {
    const html = (body: string) => `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>t</title><link rel="stylesheet" href="../../assets/communique.css"></head><body>${body}</body></html>`;
    const review = (pages: ReadonlyMap<string, number> | undefined) =>
      html(`<nav><a href="#a">A</a> <span class="n">${pages?.get('a') ?? ''}</span> <a href="#b">B</a> <span class="n">${pages?.get('b') ?? ''}</span></nav><h2 id="a">A</h2><p>Texte.</p><h2 id="b" style="break-before: page">B</h2><p>Fin.</p>`);
    return [
      { path: 'communiques/demo/fr.html', html: html(`<h1>Bilan</h1><p>${text}</p>`), metadata },
      { path: 'bilans/x/fr.html', html: review(undefined), metadata: { ...metadata, title: 'Bilan complet' }, numbered: { anchors: ['a', 'b'], render: review } },
    ];
  };
  const served = new Map<string, Asset>([['assets/communique.css', { body: '.n { display: inline-block; width: 2em; } body { font-family: sans-serif; }', type: 'text/css; charset=utf-8' }]]);

  /** Prints `list` with printPages; returns the PDFs handed to onPdf, by path. */
  const print = async (list: PageToPrint[], executablePath: string, options: Parameters<typeof printPages>[4] = {}) => {
    const out = new Map<string, Buffer>();
    await printPages(list, served, async (path, pdf) => void out.set(path, Buffer.from(pdf)), executablePath, options);
    return out;
  };

  it('should not launch the browser when every page is a hit', async () => {
    const dir = await cacheDir();
    const browser = '/nonexistent/chrome';
    const fill = await openPdfCache(dir, { identity: 'test' });
    const assetsHash = hashAssets(await printAssets(served));
    for (const p of pages()) await fill.put(fill.key(p, assetsHash, browser), fakePdf(p.path));

    const cache = await openPdfCache(dir, { identity: 'test' });
    const pdfs = await print(pages(), browser, { cache });
    expect([...pdfs.keys()].sort()).toEqual(['bilans/x/fr.pdf', 'communiques/demo/fr.pdf']);
    for (const [path, pdf] of pdfs) expect(pdf.equals(Buffer.from(fakePdf(path.replace(/\.pdf$/, '.html'))))).toBe(true);

    // One miss, and the browser is needed: it does not exist, so the build says so.
    const error = await print(pages('Le programme compte 2 801 actions.'), browser, { cache: await openPdfCache(dir, { identity: 'test' }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommuniqueError);
    expect((error as CommuniqueError).name).toBe('BrowserLaunch');
  });

  it('should print the misses, store them, and give the same bytes from the cache on the next build without starting Chromium', async () => {
    const executablePath = findBrowser();
    const dir = await cacheDir();

    const plain = await print(pages(), executablePath);
    const first = await print(pages(), executablePath, { cache: await openPdfCache(dir) });
    // With or without a cache, a printed PDF is the same.
    for (const [path, pdf] of plain) expect(first.get(path)?.equals(pdf), path).toBe(true);
    expect(await entries(dir)).toHaveLength(2);

    const watch = watchChromium(5);
    const started = Date.now();
    const second = await print(pages(), executablePath, { cache: await openPdfCache(dir) });
    const elapsed = Date.now() - started;
    watch.stop();
    expect(watch.seen.size).toBe(0);
    for (const [path, pdf] of first) expect(second.get(path)?.equals(pdf), path).toBe(true);

    // One page changes: it alone is printed; the other comes from the cache; the old entry goes at prune.
    const cache = await openPdfCache(dir);
    const third = await print(pages('Le programme compte 2 801 actions.'), executablePath, { cache });
    expect(third.get('bilans/x/fr.pdf')?.equals(first.get('bilans/x/fr.pdf')!)).toBe(true);
    expect(third.get('communiques/demo/fr.pdf')?.equals(first.get('communiques/demo/fr.pdf')!)).toBe(false);
    expect(await entries(dir)).toHaveLength(3);
    await cache.prune();
    expect(await entries(dir)).toHaveLength(2);
    console.log(`printPages from the cache: ${second.size} PDFs in ${elapsed} ms, no browser started`);
  });

  it('should print a review once when the numbers of its exact first print are known, with the same bytes as printing it twice', async () => {
    const executablePath = findBrowser();
    const dir = await cacheDir();
    const browser = await createPrinter({ executablePath, concurrency: 1 });
    const prints: string[] = [];
    const counting: Printer = {
      print: (path, assets) => {
        prints.push(path);
        return browser.print(path, assets);
      },
      screenshot: (path, assets, size) => browser.screenshot(path, assets, size),
      close: async () => undefined,
    };
    const printer = async () => counting;
    try {
      const review = pages().slice(1);
      await print(review, executablePath, { cache: await openPdfCache(dir), printer });
      expect(prints).toEqual(['bilans/x/fr.html', 'bilans/x/fr.html']);
      // The same page with a correction date: another PDF, the same first print, whose numbers are known.
      const corrected = review.map((p) => ({ ...p, metadata: { ...p.metadata, modified: new Date('2025-04-01T12:00:00Z') } }));
      prints.length = 0;
      const once = await print(corrected, executablePath, { cache: await openPdfCache(dir), printer });
      expect(prints).toEqual(['bilans/x/fr.html']);
      const twice = await print(corrected, executablePath, { printer });
      expect(prints).toHaveLength(3);
      expect(once.get('bilans/x/fr.pdf')!.equals(twice.get('bilans/x/fr.pdf')!)).toBe(true);
      // Another text: numbers unknown for it, printed twice again.
      prints.length = 0;
      const changed = corrected.map((p) => ({ ...p, numbered: { anchors: p.numbered!.anchors, render: (n: ReadonlyMap<string, number> | undefined) => p.numbered!.render(n).replace('Texte.', 'Un autre texte.') } }));
      await print(changed, executablePath, { cache: await openPdfCache(dir), printer });
      expect(prints).toHaveLength(2);
    } finally {
      await browser.close();
    }
  });

  it('should print every page as before when the cache cannot be used', async () => {
    const root = await tempDir('communique-pdf-cache-');
    await writeFile(join(root, 'file'), '');
    const pdfs = await print(pages().slice(0, 1), findBrowser(), { cache: await openPdfCache(join(root, 'file', 'cache')) });
    const pdf = pdfs.get('communiques/demo/fr.pdf')!;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await stat(join(root, 'file'))).isFile()).toBe(true);
  });
});
