import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CommuniqueError } from '../../src/core/errors.js';
import { findBrowser } from '../../src/pdf/find-browser.js';
import type { Asset } from '../../src/render/assets.js';
import { createPrinter, type AssetMap, type Printer } from '../../src/pdf/printer.js';
import { printAssets } from '../../src/pdf/print-assets.js';
import { pdfFonts, ROOT, tempDir } from '../helpers/cli.js';
import { chromiumDescendants, chromiumInGroups, renderers, signal, waitFor, watchChromium } from './processes.js';

const executablePath = findBrowser();

/** A page long enough to take a second or so to lay out and print: a window to hit the renderer in. */
function heavyPage(paragraphs = 4000, path = 'doc.html'): AssetMap {
  const body = '<p>Le programme compte 2 800 actions menées par les collectivités, pour 39,7 M€ de soutien.</p>'.repeat(paragraphs);
  return new Map([[path, { body: `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`, type: 'text/html; charset=utf-8' }]]);
}

const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-' && /%%EOF\s*$/.test(Buffer.from(bytes.subarray(-32)).toString('latin1'));

/**
 * Waits until the printer's page has a renderer, lets it work `delay` ms, then signals every renderer of the printer,
 * and any that appears during the next `window` ms (the document may be handed to a renderer started for it).
 */
async function hitRenderers(watch: ReturnType<typeof watchChromium>, name: NodeJS.Signals, delay: number, window = 0): Promise<number> {
  expect(await waitFor(() => renderers(chromiumInGroups(watch.groups)).length > 0, 10_000)).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, delay));
  const hit = new Set<number>();
  const end = Date.now() + window;
  do {
    const fresh = renderers(chromiumInGroups(watch.groups)).filter((p) => !hit.has(p.pid));
    signal(fresh, name);
    for (const p of fresh) hit.add(p.pid);
    await new Promise((resolve) => setTimeout(resolve, 5));
  } while (Date.now() < end);
  return hit.size;
}

describe('createPrinter under faults', () => {
  let printer: Printer | undefined;
  let watch: ReturnType<typeof watchChromium> | undefined;
  let seen = 0;
  let browsers = 0;
  let exitLatency = 0;

  afterAll(() => {
    console.log(`faults: ${browsers} browsers and ${seen} Chromium processes started, 0 left after close() (all gone within ${exitLatency} ms)`);
  });

  afterEach(async () => {
    await printer?.close();
    printer = undefined;
    watch?.stop();
    // Whatever happened in the test, close() leaves no Chromium process behind. A process killed while busy takes a
    // few milliseconds to finish exiting; zombies have exited (they wait for the machine's init to reap them).
    if (watch) {
      const groups = watch.groups;
      const closed = Date.now();
      await waitFor(() => chromiumInGroups(groups).length === 0, 2_000);
      exitLatency = Math.max(exitLatency, Date.now() - closed);
      expect(chromiumInGroups(groups).map((p) => `${p.pid} ${p.state} ${p.cmdline.slice(0, 80)}`)).toEqual([]);
      expect(groups.size).toBeGreaterThan(0);
      seen += watch.seen.size;
      browsers += groups.size;
    }
    watch = undefined;
  });

  it('should print a valid PDF and leave no Chromium process after close()', async () => {
    watch = watchChromium();
    printer = await createPrinter({ executablePath, concurrency: 2, timeout: 10_000 });
    const pdf = await printer.print('doc.html', heavyPage(50));
    expect(isPdf(pdf)).toBe(true);
    expect(chromiumInGroups(watch.groups).length).toBeGreaterThanOrEqual(2); // the browser and a renderer at least
    await printer.close();
    printer = undefined;
    const w = watch;
    expect(await waitFor(() => chromiumInGroups(w.groups).length === 0, 2_000)).toBe(true);
  });

  it('should open the pool\'s pages with their stylesheet and fonts before any print when asked to, and print with them without fetching those again', async () => {
    watch = watchChromium();
    printer = await createPrinter({ executablePath, concurrency: 2, timeout: 30_000 });
    const w = watch;
    const idle = renderers(chromiumInGroups(w.groups)).length;
    const css = '@font-face { font-family: Marianne; src: url("fonts/Marianne-Regular.woff2") format("woff2"); font-weight: 400; } @font-face { font-family: Marianne; src: url("fonts/Marianne-Bold.woff2") format("woff2"); font-weight: 700; } body { font-family: Marianne, serif; }';
    const assets = await printAssets(new Map([
      ['assets/page.css', { body: css, type: 'text/css; charset=utf-8' }],
      ['assets/fonts/Marianne-Regular.woff2', { body: new Uint8Array(0), type: 'font/woff2' }],
      ['assets/fonts/Marianne-Bold.woff2', { body: new Uint8Array(0), type: 'font/woff2' }],
    ]));
    // What the browser fetched, by path: the printer looks each request up in the map.
    const fetched: string[] = [];
    const served = new (class extends Map<string, Asset> {
      override get(path: string) {
        fetched.push(path);
        return super.get(path);
      }
    })(assets);
    printer.prepare(served);
    // Two pages open, each with its own renderer, and each loads the stylesheet and both fonts, while nothing is printed yet.
    expect(await waitFor(() => renderers(chromiumInGroups(w.groups)).length >= 2, 30_000), `${idle} renderers before`).toBe(true);
    const loaded = () => [...served.keys()].every((path) => fetched.filter((p) => p === path).length === 2);
    expect(await waitFor(loaded, 30_000), fetched.join(', ')).toBe(true);
    fetched.length = 0;
    const page = (text: string) => ({ body: `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>t</title><link rel="stylesheet" href="assets/page.css"></head><body><p>${text}</p><p><b>En gras.</b></p></body></html>`, type: 'text/html; charset=utf-8' });
    served.set('a.html', page('Le programme compte 2 800 actions.'));
    served.set('b.html', page('Les collectivités ont reçu 39,7 M€.'));
    const pdfs = await Promise.all([printer.print('a.html', served), printer.print('b.html', served)]);
    expect(pdfs.every(isPdf)).toBe(true);
    expect(renderers(chromiumInGroups(w.groups)).length).toBe(2); // the pages opened ahead, no others
    expect(fetched.filter((path) => path.startsWith('assets/'))).toEqual([]); // the pages had them already
    const dir = await tempDir();
    await writeFile(join(dir, 'a.pdf'), pdfs[0]!);
    expect(pdfFonts(join(dir, 'a.pdf')).join('\n')).toMatch(/Marianne-Bold\s+CID TrueType[\s\S]*Marianne-Regular\s+CID TrueType|Marianne-Regular\s+CID TrueType[\s\S]*Marianne-Bold\s+CID TrueType/);
  });

  it('should retry on a fresh page when the renderer is killed in the middle of a print', async () => {
    watch = watchChromium();
    printer = await createPrinter({ executablePath, concurrency: 1, timeout: 10_000 });
    const started = Date.now();
    const job = printer.print('doc.html', heavyPage());
    expect(await hitRenderers(watch, 'SIGKILL', 150)).toBeGreaterThan(0);
    const pdf = await job;
    expect(isPdf(pdf)).toBe(true);
    expect(Date.now() - started).toBeLessThan(20_000);
    // The printer keeps working afterwards.
    expect(isPdf(await printer.print('doc.html', heavyPage(10)))).toBe(true);
  });

  it('should fail with a PrintFailed error naming the document when the renderer crashes on every attempt', async () => {
    watch = watchChromium();
    printer = await createPrinter({ executablePath, concurrency: 1, timeout: 3_000 });
    const w = watch;
    // Kill every renderer of this printer as soon as it appears, for as long as the print lasts.
    const killer = setInterval(() => signal(renderers(chromiumInGroups(w.groups)), 'SIGKILL'), 5);
    try {
      const error = await printer.print('communiques/demo/fr.html', heavyPage(4000, 'communiques/demo/fr.html')).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CommuniqueError);
      expect((error as CommuniqueError).name).toBe('PrintFailed');
      expect((error as CommuniqueError).message).toContain('communiques/demo/fr.html');
      expect((error as CommuniqueError).exitCode).toBe(4);
    } finally {
      clearInterval(killer);
    }
  });

  it('should time out a hung renderer (SIGSTOP), retry once, and not wait past the timeout', async () => {
    watch = watchChromium();
    const timeout = 3_000;
    printer = await createPrinter({ executablePath, concurrency: 1, timeout });
    // A first print leaves its page, and the renderer behind it, in the pool: the next print runs there.
    expect(isPdf(await printer.print('doc.html', heavyPage(10)))).toBe(true);
    const started = Date.now();
    const job = printer.print('communiques/demo/en.html', heavyPage(4000, 'communiques/demo/en.html')).then(
      (pdf) => ({ pdf }),
      (error: unknown) => ({ error }),
    );
    expect(await hitRenderers(watch, 'SIGSTOP', 100, 300)).toBeGreaterThan(0);
    const result = await job;
    const elapsed = Date.now() - started;
    // Either the retry ran in a fresh renderer, or the error names the document.
    if ('pdf' in result) expect(isPdf(result.pdf)).toBe(true);
    else {
      expect(result.error).toBeInstanceOf(CommuniqueError);
      expect((result.error as Error).message).toContain('communiques/demo/en.html');
    }
    // Two attempts at most, each bounded by the timeout plus the time allowed to close a page.
    expect(elapsed).toBeGreaterThanOrEqual(timeout);
    expect(elapsed).toBeLessThan(2 * timeout + 2 * 5_000 + 5_000);
    console.log(`hung renderer: ${'pdf' in result ? 'printed on retry' : `failed: ${(result.error as Error).message}`} after ${elapsed} ms (timeout ${timeout} ms)`);
  });

  it('should start a fresh browser when the browser itself is killed in the middle of a print', async () => {
    watch = watchChromium();
    printer = await createPrinter({ executablePath, concurrency: 2, timeout: 10_000 });
    const jobs = [printer.print('doc.html', heavyPage()), printer.print('doc.html', heavyPage(200)), printer.print('doc.html', heavyPage(100))];
    expect(await waitFor(() => renderers(chromiumInGroups(watch!.groups)).length > 0, 10_000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const [group] = [...watch.groups];
    process.kill(-group!, 'SIGKILL'); // the whole first browser
    for (const pdf of await Promise.all(jobs)) expect(isPdf(pdf)).toBe(true);
    expect(watch.groups.size).toBe(2);
    expect(chromiumInGroups(new Set([group!]))).toEqual([]);
  });
});

describe('createPrinter and web fonts', () => {
  it('should embed the web fonts a page uses, served as the exact bytes of a view into a larger buffer', async () => {
    const css = '@font-face { font-family: Marianne; src: url("fonts/Marianne-Regular.woff2") format("woff2"); font-weight: 400; } body { font-family: Marianne, serif; }';
    const served = await printAssets(new Map([
      ['assets/page.css', { body: css, type: 'text/css; charset=utf-8' }],
      ['assets/fonts/Marianne-Regular.woff2', { body: new Uint8Array(0), type: 'font/woff2' }],
    ]));
    // The font as a view at an offset into a larger buffer: served as those bytes exactly, not the whole buffer.
    const font = served.get('assets/fonts/Marianne-Regular.woff2')!;
    const bytes = font.body as Uint8Array;
    const larger = new Uint8Array(bytes.byteLength + 64).fill(0xff);
    larger.set(bytes, 32);
    served.set('assets/fonts/Marianne-Regular.woff2', { ...font, body: larger.subarray(32, 32 + bytes.byteLength) });
    served.set('doc.html', { body: '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>t</title><link rel="stylesheet" href="assets/page.css"></head><body><p>Le programme compte 2 800 actions.</p></body></html>', type: 'text/html; charset=utf-8' });
    const printer = await createPrinter({ executablePath, concurrency: 1, timeout: 10_000 });
    try {
      const dir = await tempDir();
      for (const name of ['a.pdf', 'b.pdf']) {
        const pdf = await printer.print('doc.html', served);
        expect(isPdf(pdf)).toBe(true);
        await writeFile(join(dir, name), pdf);
        expect(pdfFonts(join(dir, name)).join('\n')).toMatch(/Marianne-Regular\s+CID TrueType\s+Identity-H\s+yes/);
      }
    } finally {
      await printer.close();
    }
  });
});

describe('communique build killed with SIGKILL', () => {
  it('should leave no Chromium process behind once the build is killed in the middle', async () => {
    const out = await tempDir();
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'communique.js'), 'build', '--content', join(ROOT, 'tests', 'fixtures', 'minimal'), '--out', out], {
      stdio: 'ignore',
    });
    const groups = new Set<number>();
    const staged = () => existsSync(join(out, '.communique')) && readdirSync(join(out, '.communique')).some((n) => n.startsWith('gen-'));
    const printing = await waitFor(() => {
      for (const p of chromiumDescendants(child.pid)) groups.add(p.pgid);
      return staged() && renderers(chromiumInGroups(groups)).length > 0;
    }, 20_000);
    expect(printing).toBe(true);
    const before = chromiumInGroups(groups).length;
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const started = Date.now();
    // Chromium reads its DevTools pipe; when the build dies the pipe closes and Chromium quits.
    expect(await waitFor(() => chromiumInGroups(groups).length === 0, 5_000)).toBe(true);
    console.log(`build killed with ${before} chromium processes running; all gone ${Date.now() - started} ms later`);
    // The previous output (none here) is not replaced by a partial one.
    expect(existsSync(join(out, 'communiques'))).toBe(false);
  });
});
