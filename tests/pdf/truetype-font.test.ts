import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/pdf/find-browser.js';
import { createPrinter, type Printer } from '../../src/pdf/printer.js';
import { printFont, sfntToWoff, truetypeFont, woffToSfnt } from '../../src/pdf/truetype-font.js';
import { tempDir } from '../helpers/cli.js';

const FONTS = join(dirname(createRequire(import.meta.url).resolve('@gouvfr/dsfr/package.json')), 'dist', 'fonts');

/** The tags of an sfnt font's tables. */
function tables(sfnt: Uint8Array): string[] {
  const font = Buffer.from(sfnt);
  return Array.from({ length: font.readUInt16BE(4) }, (_, i) => font.toString('latin1', 12 + i * 16, 16 + i * 16));
}

/** A page that sets `text` in bold Marianne at 40 px, its font at `font`. */
const page = (font: string, text: string) =>
  `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>t</title><style>@font-face { font-family: M; font-weight: 700; src: url("${font}"); }
  body { margin: 0; } span { font: 700 40px M; white-space: pre; }</style></head><body><span id="t">${text}</span></body></html>`;

describe('truetypeFont', () => {
  it('should keep the layout tables (kerning, ligatures, glyph classes) of the DSFR font', async () => {
    const original = tables(woffToSfnt(await readFile(join(FONTS, 'Marianne-Bold.woff'))));
    expect(original).toEqual(expect.arrayContaining(['CFF ', 'GDEF', 'GPOS', 'GSUB']));
    const printed = tables(await truetypeFont(join(FONTS, 'Marianne-Bold.woff'), undefined));
    expect(printed).toEqual(expect.arrayContaining(['glyf', 'GDEF', 'GPOS', 'GSUB']));
    expect(printed).not.toContain('CFF ');
    expect(printed).toEqual([...printed].sort());
  });

  it('should serve the TrueType font wrapped as WOFF, about a third of its size, that unwraps to the very same font', async () => {
    const ttf = Buffer.from(await truetypeFont(join(FONTS, 'Marianne-Bold.woff'), undefined));
    const served = Buffer.from(await printFont(join(FONTS, 'Marianne-Bold.woff'), undefined));
    expect(served.toString('latin1', 0, 4)).toBe('wOFF');
    expect(served.equals(sfntToWoff(ttf))).toBe(true);
    expect(served.length).toBeLessThan(ttf.length / 2);
    expect(woffToSfnt(served).equals(ttf)).toBe(true);
  });

  describe('printed', () => {
    let printer: Printer;
    let dir: string;
    beforeAll(async () => {
      printer = await createPrinter({ executablePath: findBrowser(), concurrency: 1 });
      dir = await tempDir();
    });
    afterAll(async () => {
      await printer?.close();
    });

    it.each(['AVAVAVAV', 'TeTeTeTe', 'TrTrTrTr'])('should give the kerned word %s the same width in the PDF as in the HTML', async (word) => {
      // The PDF, printed with the font served as for every document (TrueType, wrapped as WOFF).
      const font = await printFont(join(FONTS, 'Marianne-Bold.woff'), undefined);
      const pdf = await printer.print('doc.html', new Map([
        ['doc.html', { body: page('m.woff', word), type: 'text/html; charset=utf-8' }],
        ['m.woff', { body: font, type: 'font/woff' }],
      ]));
      const path = join(dir, `${word}.pdf`);
      await writeFile(path, pdf);
      const bbox = execFileSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8' });
      const found = new RegExp(`<word xMin="([\\d.]+)" yMin="[\\d.]+" xMax="([\\d.]+)" yMax="[\\d.]+">${word}</word>`).exec(bbox);
      expect(found, bbox).not.toBeNull();
      const pdfWidth = (Number(found![2]) - Number(found![1])) / 0.75; // points to CSS pixels

      // The HTML, with the DSFR's own woff2 font, as a reader's browser shows it.
      const woff2 = (await readFile(join(FONTS, 'Marianne-Bold.woff2'))).toString('base64');
      const browser = await puppeteer.launch({ executablePath: findBrowser(), args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'] });
      try {
        const tab = await browser.newPage();
        await tab.setContent(page(`data:font/woff2;base64,${woff2}`, word));
        await tab.evaluate(() => document.fonts.ready);
        const htmlWidth = await tab.$eval('#t', (span) => span.getBoundingClientRect().width);
        // Without the layout tables, each kerned pair is printed wider (AV by about 2 px at this size).
        expect(Math.abs(pdfWidth - htmlWidth), `PDF ${pdfWidth} px, HTML ${htmlWidth} px`).toBeLessThan(0.5);
      } finally {
        await browser.close();
      }
    });
  });
});
