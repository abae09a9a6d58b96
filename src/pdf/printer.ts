import { availableParallelism } from 'node:os';
import type { Browser, CDPSession, HTTPRequest, Page } from 'puppeteer-core';
import { CommuniqueError } from '../core/errors.js';
import type { Asset } from '../render/assets.js';
import { PAGE_ORIGIN } from '../render/document-path.js';
import { finishPdf, type PdfMetadata } from './finish-pdf.js';
import { linksRelativeTo } from './pdf-links.js';

/** The origin pages are served from while printing; every other request is denied. */
export const PRINT_ORIGIN = PAGE_ORIGIN;

/** Files served to the browser while printing, by path below PRINT_ORIGIN. */
export type AssetMap = ReadonlyMap<string, Asset>;

/** Options of createPrinter. */
export interface PrinterOptions {
  /** Path of the Chromium executable (see findBrowser). */
  readonly executablePath: string;
  /** Pages printing at once (default: the number of cores). */
  readonly concurrency?: number;
  /** Time allowed to load and print one document, in ms (default 30 000). */
  readonly timeout?: number;
  /** Called with the URL of every request the printer denied. */
  readonly onDenied?: (url: string) => void;
}

/**
 * One browser for a whole build, with a pool of reused pages (one, and more while prints queue up: MORE_PAGES_AT);
 * JavaScript off, network closed.
 * A document that crashes its page or does not print within the timeout is retried once on a fresh page (in a fresh
 * browser if the browser itself died); a second failure is a PrintFailed error naming the document.
 */
export interface Printer {
  /** Prints the page at `path` (a key of `assets`) to PDF bytes. */
  print(path: string, assets: AssetMap): Promise<Uint8Array>;
  /**
   * Prints the page at `path` and finishes its PDF (finishPdf: `metadata`, tags, links made relative to `path`): the
   * threaded printer (printer-thread.ts) finishes it on its own thread.
   */
  printFinished(path: string, assets: AssetMap, metadata: PdfMetadata): Promise<Uint8Array>;
  /** Draws the page at `path` as a PNG image of `width` × `height` CSS pixels (a social card, for instance). */
  screenshot(path: string, assets: AssetMap, size: { readonly width: number; readonly height: number }): Promise<Uint8Array>;
  /**
   * Opens the pool's pages now, in the background, each ready for documents printed with `assets`: its empty document
   * open, the stylesheets of `assets` loaded with every font they declare. A cold build calls it while it renders, so
   * that its first prints find their fonts decoded. A page that fails to open is opened again when a print needs it.
   * `pages` bounds how many are prepared (default: the whole pool); the others open when prints need them.
   */
  prepare(assets: AssetMap, pages?: number): void;
  /** Closes the browser; every Chromium process it started is gone when this resolves. */
  close(): Promise<void>;
}

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--disable-extensions',
  // Fractional glyph advances: without it, glyphs snap to whole pixels and words look (and extract) spaced out.
  '--font-render-hinting=none',
  // Fewer processes, less memory (about 230 MB less for a build): no zygotes, and the GPU and network services in
  // the browser process (printing draws in software and every request is answered from memory anyway).
  '--no-zygote',
  '--in-process-gpu',
  '--enable-features=NetworkServiceInProcess2',
];

/**
 * The empty document a pooled page opens first for each set of assets. Every document printed afterwards replaces its
 * content (CDP Page.setDocumentContent) instead of being navigated to: the stylesheet and fonts are fetched and decoded
 * once per page, and a print skips a navigation, about twice as fast for one-page documents. Each document gets a
 * `<base>` naming its own address, so its links and assets resolve as if it had been opened at that address.
 */
const BLANK = '.communique-blank.html';
const BLANK_HTML = '<!DOCTYPE html><html><head><title></title></head><body></body></html>';

/**
 * Runs in the page (through CDP: page scripts stay off), once it is loaded (see settle): loads every font the
 * stylesheet declares, lays the page out, waits for its fonts. The stylesheet is also the web page's, whose fonts swap
 * in when they arrive (`font-display: swap`): `document.fonts.ready` alone resolves before a font whose load has not
 * started yet, and a busy machine then prints the fallback font. A font that cannot be loaded still falls back.
 */
const SETTLE = `(async () => {
  await Promise.allSettled([...document.fonts].map((face) => face.load()));
  void document.body?.offsetHeight;
  await document.fonts.ready;
})()`;

/** Whether a page's document is loaded (a stylesheet that failed, as a link the printer denies, does not hold it). */
const LOADED = `document.readyState === 'complete'`;
/** Whether it is loaded with every stylesheet it links (a replaced document may say complete before they are). */
const LOADED_WITH_STYLES = `${LOADED} && [...document.querySelectorAll('link[rel=stylesheet]')].every((link) => link.sheet)`;

/**
 * Waits until the page is loaded (`loaded`), then settles it (SETTLE). Scripts are off in the pages: no event reaches
 * a listener and no timer fires in them, so the waiting is done from here.
 */
async function settle(page: Page, loaded = LOADED): Promise<void> {
  while (!(await page.evaluate(loaded))) await new Promise((resolve) => setTimeout(resolve, 2));
  await page.evaluate(SETTLE);
}

/**
 * Prints into a page between two garbage collections of its renderer. Without them each renderer of a long build
 * grows to about 245 MB; collecting every 10 prints keeps it near 155 MB, for no measurable time.
 */
const COLLECT_EVERY = 10;

/**
 * Prints waiting (the one asking included) before the pool opens a page beyond its first. A page costs a renderer's
 * start and the loading of the stylesheet and fonts, about what a few one-page prints cost, and on a machine of few
 * cores it takes one from the build's own work: measured on 2 cores, the 4 PDFs of two releases took 1.24–1.34 s on
 * one page and 1.48–1.54 s on two, while the demo's 372 PDFs took 15.6–16.4 s on two and 18.2–19.9 s on one. A
 * build of a few documents prints them on one page; a collection's stream fills the pool.
 */
const MORE_PAGES_AT = 6;

/** Time allowed to close a page or the browser before its processes are killed, in ms. */
const CLOSE_TIMEOUT = 5_000;

/** A browser and the pages opened in it; replaced as a whole when the browser dies. */
interface Session {
  readonly browser: Browser;
  readonly idle: Page[];
  created: number;
}

interface Waiter {
  resolve(page: Page): void;
  reject(error: unknown): void;
}

/** Starts Chromium once and returns a printer with a pool of pages. */
export async function createPrinter(options: PrinterOptions): Promise<Printer> {
  const timeout = options.timeout ?? 30_000;
  const size = Math.max(1, options.concurrency ?? availableParallelism());
  const waiting: Waiter[] = [];
  const browsers = new Set<Browser>();
  let current = new WeakMap<Page, AssetMap>();
  /** For each page: the assets its document was opened with, and how to replace that document's content. */
  const opened = new WeakMap<Page, { readonly assets: AssetMap; readonly cdp: CDPSession; readonly frameId: string; prints: number }>();
  let closed = false;
  let session: Session = { browser: await launch(options.executablePath, browsers), idle: [], created: 0 };
  let relaunching: Promise<Session> | undefined;

  /** The live session, or a new browser when the current one died (one relaunch shared by every caller). */
  const live = async (): Promise<Session> => {
    if (session.browser.connected) return session;
    relaunching ??= (async () => {
      const dead = session.browser;
      await kill(dead, browsers);
      session = { browser: await launch(options.executablePath, browsers), idle: [], created: 0 };
      return session;
    })().finally(() => {
      relaunching = undefined;
    });
    return relaunching;
  };
  const owners = new WeakMap<Page, Session>();
  const newPage = async (owner: Session): Promise<Page> => {
    owner.created++;
    let page: Page | undefined;
    try {
      // A renderer that dies while the page opens would leave these calls unanswered: bound them.
      return await withTimeout(
        (async () => {
          // The tab the browser opened at launch is the first page of the pool: an idle tab would hold a renderer.
          const blank = owner.created === 1 ? (await owner.browser.pages())[0] : undefined;
          page = blank ?? (await owner.browser.newPage());
          owners.set(page, owner);
          await page.setJavaScriptEnabled(false);
          await page.setRequestInterception(true);
          page.on('request', (request: HTTPRequest) => serve(request, current.get(page!), options.onDenied));
          return page;
        })(),
        timeout,
      );
    } catch (error) {
      owner.created--;
      if (page) void withTimeout(page.close(), CLOSE_TIMEOUT).catch(() => undefined);
      throw error;
    }
  };
  const acquire = async (): Promise<Page> => {
    const owner = await live();
    const page = owner.idle.pop();
    if (page) return page;
    if (owner.created === 0 || (owner.created < size && waiting.length + 1 >= MORE_PAGES_AT)) return newPage(owner);
    return new Promise<Page>((resolve, reject) => waiting.push({ resolve, reject }));
  };
  /** Puts a page back in the pool, or hands it to the next waiter. */
  const release = (page: Page) => {
    if (closed) return; // its browser is gone
    const owner = owners.get(page)!;
    if (owner !== session || !owner.browser.connected) {
      void discard(page);
      return;
    }
    const next = waiting.shift();
    if (next) next.resolve(page);
    else owner.idle.push(page);
  };
  /** Closes a crashed or hung page (never reused) and hands a fresh one, from a live browser, to the next waiter. */
  const discard = async (page: Page) => {
    const owner = owners.get(page)!;
    owner.created--;
    await withTimeout(page.close(), CLOSE_TIMEOUT).catch(() => undefined);
    openForWaiter();
  };
  /** Opens a fresh page, from a live browser, for the next waiter (when a page could not be used or opened). */
  const openForWaiter = () => {
    const next = waiting.shift();
    if (next) live().then(newPage).then(next.resolve, next.reject);
  };

  /** The page's empty document for `assets`, opened when the page last served other assets (or none). */
  const openFor = async (page: Page, assets: AssetMap) => {
    current.set(page, assets);
    let document = opened.get(page);
    if (document?.assets !== assets) {
      await page.goto(new URL(BLANK, PRINT_ORIGIN).href, { waitUntil: 'load', timeout });
      const cdp = document?.cdp ?? (await page.createCDPSession());
      const { frameTree } = await cdp.send('Page.getFrameTree');
      document = { assets, cdp, frameId: frameTree.frame.id, prints: 0 };
      opened.set(page, document);
    }
    return document;
  };
  /** Opens a page for `assets` and loads their stylesheets and fonts into it (see prepare). */
  const warm = async (page: Page, assets: AssetMap): Promise<Page> => {
    await withTimeout(
      (async () => {
        const document = await openFor(page, assets);
        const styles = [...assets].filter(([, asset]) => asset.type.startsWith('text/css')).map(([path]) => `<link rel="stylesheet" href="${escapeAttribute(encodeURI(path))}">`);
        await document.cdp.send('Page.setDocumentContent', { frameId: document.frameId, html: withBase(`<!DOCTYPE html><html><head><title></title>${styles.join('')}</head><body></body></html>`, PRINT_ORIGIN) });
        await settle(page, LOADED_WITH_STYLES); // its stylesheets are served; its document shows no text, so only this loads the fonts
      })(),
      timeout,
    );
    return page;
  };

  /** Opens the page at `path` in a pooled page, as printing does, and hands it to `output` (a print, a screenshot). */
  const renderOnce = async (page: Page, path: string, assets: AssetMap, output: (page: Page) => Promise<Uint8Array>): Promise<Uint8Array> => {
    // A crashed renderer leaves navigation and printing unanswered: fail at once instead of waiting for the timeout.
    let onCrash: ((error: Error) => void) | undefined;
    const crashed = new Promise<never>((_, reject) => {
      onCrash = (error) => reject(new Error(`the page crashed (${error.message})`));
      // `on`, not `once`: puppeteer's `off` cannot remove a `once` handler by the function given, and every print's
      // handler would stay, holding its print's bytes.
      page.on('error', onCrash);
    });
    const work = (async () => {
      const asset = assets.get(path);
      if (!asset) throw new Error(`nothing is served at ${path}`);
      const document = await openFor(page, assets);
      // The documents replaced in a page are garbage the renderer collects late: collect it now and then.
      if (++document.prints % COLLECT_EVERY === 0) await document.cdp.send('HeapProfiler.collectGarbage');
      await document.cdp.send('Page.setDocumentContent', { frameId: document.frameId, html: withBase(String(asset.body), new URL(path, PRINT_ORIGIN).href) });
      await settle(page);
      return output(page);
    })();
    work.catch(() => undefined); // settled by the race below; a late rejection must not go unhandled
    crashed.catch(() => undefined);
    try {
      return await withTimeout(Promise.race([work, crashed]), timeout);
    } finally {
      page.off('error', onCrash!);
    }
  };

  /** Renders a document with `output`, retried once on a fresh page (in a fresh browser if this one died). */
  const render = async (path: string, assets: AssetMap, output: (page: Page) => Promise<Uint8Array>): Promise<Uint8Array> => {
    let lastError: unknown;
    for (let attempt = 0; attempt < 2 && !closed; attempt++) {
      let page: Page | undefined;
      try {
        page = await acquire();
        const bytes = await renderOnce(page, path, assets, output);
        release(page);
        return bytes;
      } catch (error) {
        lastError = error;
        if (page) await discard(page);
      }
    }
    const reason = lastError instanceof Error ? lastError.message.split('\n')[0]!.replace(/\.$/, '') : 'the printer was closed';
    throw new CommuniqueError('PrintFailed', `Chromium could not print ${path}, twice: ${reason}.`, 'Try again; if it persists, run with --no-pdf and open the HTML to find what blocks the page.', { cause: lastError });
  };

  const print = (path: string, assets: AssetMap): Promise<Uint8Array> =>
    render(path, assets, (page) => page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, tagged: true, outline: true, waitForFonts: true, timeout }));

  return {
    print,
    async printFinished(path, assets, metadata) {
      return finishPdf(await print(path, assets), metadata, linksRelativeTo(path));
    },
    screenshot(path, assets, size) {
      return render(path, assets, async (page) => {
        await page.setViewport({ width: size.width, height: size.height, deviceScaleFactor: 1 });
        try {
          await settle(page); // fonts laid out at the new width
          return await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: size.width, height: size.height } });
        } finally {
          await page.setViewport(null); // the pool's pages print at their own size again
        }
      });
    },
    prepare(assets, pages = size) {
      const owner = session;
      const wanted = Math.min(size, Math.max(1, pages));
      // The pages open and idle now, then those still to open; a page that fails is closed (a print opens another).
      const ready = (page: Page) => warm(page, assets).then(release, () => discard(page));
      for (const page of owner.idle.splice(0)) void ready(page);
      while (!closed && owner.browser.connected && owner.created < wanted) newPage(owner).then(ready, () => !closed && openForWaiter());
    },
    async close() {
      closed = true;
      current = new WeakMap();
      for (const waiter of waiting.splice(0)) waiter.reject(new Error('the printer was closed'));
      await Promise.all([...browsers].map((browser) => kill(browser, browsers)));
    },
  };
}

async function launch(executablePath: string, browsers: Set<Browser>): Promise<Browser> {
  try {
    const { default: puppeteer } = await import('puppeteer-core'); // loaded only when printing
    const browser = await puppeteer.launch({
      executablePath,
      headless: executablePath.includes('headless-shell') ? 'shell' : true,
      args: LAUNCH_ARGS,
      pipe: true,
      // Signals are the command's to handle (`build --watch` and `dev` close on Ctrl+C); the browser, on a pipe,
      // exits by itself when this process goes, however it goes.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    browsers.add(browser);
    return browser;
  } catch (cause) {
    throw new CommuniqueError('BrowserLaunch', `Chromium at ${executablePath} could not start: ${(cause as Error).message.split('\n')[0]}`, 'Check that the browser runs (`chromium-headless-shell --version`), or point CHROME_PATH at another one.', { cause, exitCode: 3 });
  }
}

/** Closes a browser, then kills its process group: renderers that hang or were stopped go too. */
async function kill(browser: Browser, browsers: Set<Browser>): Promise<void> {
  browsers.delete(browser);
  const child = browser.process();
  await withTimeout(browser.close(), CLOSE_TIMEOUT).catch(() => undefined);
  const pid = child?.pid;
  if (pid === undefined) return;
  // Puppeteer starts Chromium as the leader of its own process group (POSIX).
  for (const target of process.platform === 'win32' ? [pid] : [-pid, pid]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (child && child.exitCode === null && child.signalCode === null) {
    await withTimeout(new Promise((resolve) => child.once('exit', resolve)), CLOSE_TIMEOUT).catch(() => undefined);
  }
}

/** `promise`, or a rejection after `ms` milliseconds. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

function serve(request: HTTPRequest, assets: AssetMap | undefined, onDenied?: (url: string) => void): void {
  const url = request.url();
  if (url.startsWith('data:')) {
    void request.continue();
    return;
  }
  if (url === new URL(BLANK, PRINT_ORIGIN).href && request.method() === 'GET') {
    void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: BLANK_HTML });
    return;
  }
  const asset = url.startsWith(PRINT_ORIGIN) ? assets?.get(assetPath(url)) : undefined;
  if (asset && request.method() === 'GET') {
    void request.respond({ status: 200, contentType: asset.type, body: asset.body }); // bytes as they are: no copy
    return;
  }
  onDenied?.(url);
  void request.abort('blockedbyclient');
}

/** A text as the value of an HTML attribute in double quotes. */
function escapeAttribute(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
}

/** The HTML with a `<base>` giving the address it is printed at, first in its head. */
function withBase(html: string, href: string): string {
  const base = `<base href="${escapeAttribute(href)}">`;
  const head = /<head(?:\s[^>]*)?>/i.exec(html);
  return head ? `${html.slice(0, head.index + head[0].length)}${base}${html.slice(head.index + head[0].length)}` : `${base}${html}`;
}

/** The key of the asset a URL below PRINT_ORIGIN names ('' when its escapes are malformed). */
function assetPath(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.slice(1));
  } catch {
    return '';
  }
}
