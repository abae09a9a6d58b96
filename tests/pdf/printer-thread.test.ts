import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/pdf/find-browser.js';
import type { AssetMap, Printer, PrinterOptions } from '../../src/pdf/printer.js';
import type { Asset } from '../../src/render/assets.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { chromiumDescendants, chromiumInGroups, renderers, waitFor, watchChromium } from './processes.js';

// The threaded printer as the command runs it: from the compiled modules (the tests' global setup compiles them),
// whose thread script sits beside them. Run from the sources, startPrinter prints on this thread.
const { startPrinter } = (await import(pathToFileURL(join(ROOT, 'dist', 'pdf', 'printer-thread.js')).href)) as { startPrinter(options: PrinterOptions): Promise<Printer> };

const executablePath = findBrowser();

const html = (text: string, extra = '') => ({ body: `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>t</title></head><body><p>${text}</p>${extra}</body></html>`, type: 'text/html; charset=utf-8' });

/** The text of a PDF, as pdftotext extracts it. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const file = join(await tempDir(), 'doc.pdf');
  await writeFile(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** Blocks this thread (no event is handled) until `done` holds, looking every 100 ms, for at most `ms`. */
function blockUntil(done: () => boolean, ms: number): boolean {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (done()) return true;
    Atomics.wait(sleeper, 0, 0, 100);
  }
  return done();
}

describe('startPrinter (the browser driven from its own thread)', () => {
  let printer: Printer | undefined;
  afterEach(async () => {
    await printer?.close();
    printer = undefined;
  });

  it('should print the pages of an asset map, following the pages added to and changed in it', async () => {
    printer = await startPrinter({ executablePath });
    const served = new Map<string, Asset>([['a.html', html('Le programme compte 2 800 actions.')]]);
    expect(await pdfText(await printer.print('a.html', served))).toContain('Le programme compte 2 800 actions.');
    served.set('a.html', html('Les collectivités ont reçu 39,7 M€.'));
    served.set('b.html', html('Une seconde page.'));
    const [a, b] = await Promise.all([printer.print('a.html', served), printer.print('b.html', served)]);
    expect(await pdfText(a)).toContain('Les collectivités ont reçu 39,7 M€.');
    expect(await pdfText(a)).not.toContain('2 800');
    expect(await pdfText(b)).toContain('Une seconde page.');
    served.delete('b.html');
    await expect(printer.print('b.html', served)).rejects.toThrow(/b\.html/);
  });

  it('should prepare its pages while this thread is busy', async () => {
    const watch = watchChromium();
    try {
      printer = await startPrinter({ executablePath, concurrency: 2 });
      printer.prepare(new Map<string, Asset>([['assets/page.css', { body: 'p { color: #000091 }', type: 'text/css; charset=utf-8' }]]));
      // No event is handled here meanwhile: the browser starts and opens both pages of the pool all the same.
      const mine = () => renderers(chromiumDescendants()).length >= 2;
      expect(blockUntil(mine, 30_000)).toBe(true);
    } finally {
      await printer?.close();
      printer = undefined;
      expect(await waitFor(() => chromiumInGroups(watch.groups).length === 0, 5_000)).toBe(true);
      watch.stop();
    }
  });

  it('should tell of each request it denied', async () => {
    const denied: string[] = [];
    printer = await startPrinter({ executablePath, onDenied: (url) => denied.push(url) });
    const served: AssetMap = new Map([['a.html', html('Avec une image.', '<img src="https://www.example.org/logo.png" alt="">')]]);
    expect(await pdfText(await printer.print('a.html', served))).toContain('Avec une image.');
    expect(denied).toContain('https://www.example.org/logo.png');
  });

  it('should fail each call with the reason when the browser cannot start', async () => {
    printer = await startPrinter({ executablePath: '/bin/false' });
    const served: AssetMap = new Map([['a.html', html('Rien.')]]);
    const failure = printer.print('a.html', served);
    await expect(failure).rejects.toMatchObject({ name: 'BrowserLaunch', exitCode: 3 });
    await expect(failure).rejects.toThrow(/Chromium at \/bin\/false could not start/);
    await expect(printer.print('a.html', served)).rejects.toMatchObject({ name: 'BrowserLaunch' });
  });
});
