import { availableParallelism } from 'node:os';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { CommuniqueError } from '../errors.js';

/** The origin pages are served from while printing; every other request is denied. */
export const PRINT_ORIGIN = 'https://communique.invalid/';

/** Files served to the browser while printing, by path below PRINT_ORIGIN. */
export type AssetMap = ReadonlyMap<string, { readonly body: Uint8Array | string; readonly type: string }>;

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

/** One browser for a whole build, with a pool of reused pages; JavaScript off, network closed. */
export interface Printer {
  /** Prints the page at `path` (a key of `assets`) to PDF bytes. */
  print(path: string, assets: AssetMap): Promise<Uint8Array>;
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
];

/** Starts Chromium once and returns a printer with a pool of pages. */
export async function createPrinter(options: PrinterOptions): Promise<Printer> {
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: options.executablePath,
      headless: options.executablePath.includes('headless-shell') ? 'shell' : true,
      args: LAUNCH_ARGS,
      pipe: true,
    });
  } catch (cause) {
    throw new CommuniqueError('BrowserLaunch', `Chromium at ${options.executablePath} could not start: ${(cause as Error).message.split('\n')[0]}`, 'Check that the browser runs (`chromium-headless-shell --version`), or point CHROME_PATH at another one.', { cause, exitCode: 3 });
  }
  const timeout = options.timeout ?? 30_000;
  const size = Math.max(1, options.concurrency ?? availableParallelism());
  const idle: Page[] = [];
  const waiting: Array<(page: Page) => void> = [];
  let created = 0;
  let current = new WeakMap<Page, AssetMap>();

  const newPage = async (): Promise<Page> => {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request: HTTPRequest) => serve(request, current.get(page), options.onDenied));
    return page;
  };
  const acquire = async (): Promise<Page> => {
    const page = idle.pop();
    if (page) return page;
    if (created < size) {
      created++;
      try {
        return await newPage();
      } catch (error) {
        created--;
        throw error;
      }
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (page: Page) => {
    const next = waiting.shift();
    if (next) next(page);
    else idle.push(page);
  };
  const discard = async (page: Page) => {
    await page.close().catch(() => undefined);
    const next = waiting.shift();
    if (next) newPage().then(next, () => { created--; });
    else created--;
  };

  const printOnce = async (page: Page, path: string, assets: AssetMap): Promise<Uint8Array> => {
    current.set(page, assets);
    const work = (async () => {
      await page.goto(new URL(path, PRINT_ORIGIN).href, { waitUntil: 'load', timeout });
      await page.evaluate('document.fonts.ready.then(() => undefined)');
      return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, tagged: true, outline: true, timeout });
    })();
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeout} ms`)), timeout);
    });
    try {
      return await Promise.race([work, limit]);
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    async print(path, assets) {
      let lastError: unknown;
      for (let attempt = 0; attempt < 2; attempt++) {
        const page = await acquire();
        try {
          const pdf = await printOnce(page, path, assets);
          release(page);
          return pdf;
        } catch (error) {
          lastError = error;
          await discard(page); // a crashed or hung page is never reused: retry on a fresh one
        }
      }
      throw new CommuniqueError('PrintFailed', `Chromium could not print ${path}: ${(lastError as Error).message.split('\n')[0]}`, 'Try again; if it persists, run with --no-pdf and open the HTML to find what blocks the page.', { cause: lastError });
    },
    async close() {
      current = new WeakMap();
      await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
    },
  };
}

function serve(request: HTTPRequest, assets: AssetMap | undefined, onDenied?: (url: string) => void): void {
  const url = request.url();
  if (url.startsWith('data:')) {
    void request.continue();
    return;
  }
  const asset = url.startsWith(PRINT_ORIGIN) ? assets?.get(decodeURIComponent(new URL(url).pathname.slice(1))) : undefined;
  if (asset && request.method() === 'GET') {
    void request.respond({ status: 200, contentType: asset.type, body: typeof asset.body === 'string' ? asset.body : Buffer.from(asset.body) });
    return;
  }
  onDenied?.(url);
  void request.abort('blockedbyclient');
}
