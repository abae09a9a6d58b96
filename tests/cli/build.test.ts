import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/pdf/find-browser.js';
import { copyContent, pdfFonts, pdfInfo, pdfText, ROOT, runCli, tempDir, type CliRun } from '../helpers/cli.js';

const SLUG = 'territoires-industrie-bilan';
const FERRACCI_START = 'Nous avons besoin des territoires pour accélérer la réindustrialisation de notre pays.';
const FERRACCI_END = 'C’est la preuve que compétitivité se conjugue avec industrie verte.';

describe('communique build on the demo content', () => {
  let out: string;
  let first: CliRun;
  const file = (lang: string, ext: string) => join(out, 'communiques', SLUG, `${lang}.${ext}`);

  beforeAll(async () => {
    out = await tempDir();
    first = await runCli(['build', '--out', out]);
  });

  it('should exit 0 and write the HTML and PDF of both languages', async () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect((await readdir(join(out, 'communiques', SLUG))).sort()).toEqual(['en.html', 'en.pdf', 'fr.html', 'fr.pdf']);
  });

  it('should show every seed figure in French form in the French PDF', () => {
    const text = pdfText(file('fr', 'pdf'));
    for (const figure of [
      '183 territoires labellisés', '18 régions', '630 intercommunalités', '162 chefs de projet', '2 800 actions', '4 M€',
      '15 territoires', '39,7 M€', '163 projets', '63 M€', '776 M€', '55 sites', '2 900 ha', '30 sites', '8 %', '36 %',
      '13 %', '19 %', 'en 2018', '2023-2027',
    ]) {
      expect(text, figure).toContain(figure);
    }
    expect(text).toContain('20 mars 2025');
  });

  it('should show the figures in English form in the English PDF', () => {
    const text = pdfText(file('en', 'pdf'));
    for (const figure of ['183 labelled territories', '2,800 actions', '€39.7 million', '€63 million', '€776 million', '8%', '36%', '2,900 ha', '2023–2027', '20 March 2025']) {
      expect(text, figure).toContain(figure);
    }
    expect(text).not.toMatch(/\d \d{3}\b/); // no French thousands separator left in English
  });

  it('should print Ferracci’s quote whole, the contacts and the "À propos" text', () => {
    const text = pdfText(file('fr', 'pdf'));
    const start = text.indexOf(FERRACCI_START);
    expect(start).toBeGreaterThan(-1);
    expect(text.indexOf(FERRACCI_END, start)).toBeGreaterThan(start);
    expect(text.slice(start, text.indexOf(FERRACCI_END, start))).not.toContain('Contact presse');
    for (const line of ['Cabinet de Marc Ferracci', '01 53 18 46 19', 'presse@cabinets.industrie.gouv.fr', 'Cabinet de François Rebsamen', 'communication.matd@territoires.gouv.fr', 'presse.dge@finances.gouv.fr', 'À propos de l’Agence nationale de la cohésion des territoires', 'résoudre la fracture numérique']) {
      expect(text, line).toContain(line);
    }
  });

  it.each(['fr', 'en'])('should carry the footer and "page x / y" on every page of the %s PDF, in at most 3 pages', (lang) => {
    const pages = Number(pdfInfo(file(lang, 'pdf'))['Pages']);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(3);
    for (let page = 1; page <= pages; page++) {
      const text = pdfText(file(lang, 'pdf'), page);
      expect(text).toContain('relations.presse@anct.gouv.fr');
      expect(text).toContain(lang === 'fr' ? '07 62 61 50 25' : '+33 7 62 61 50 25');
      expect(text).toContain('20 avenue de Ségur, 75007 Paris');
      expect(text).toContain(`page ${page} / ${pages}`);
    }
  });

  it.each(['fr', 'en'])('should write a tagged %s PDF with its title, author, subject, keywords and Marianne embedded', (lang) => {
    const info = pdfInfo(file(lang, 'pdf'));
    expect(info['Tagged']).toBe('yes');
    expect(info['Title']?.replace(/[\u00A0\u202F]/g, ' ')).toBe(lang === 'fr' ? 'Temps II du programme Territoires d’industrie : bilan à 1 an' : 'Phase II of the Territoires d’industrie programme: one-year review');
    expect(info['Author']).toContain(lang === 'fr' ? 'Agence nationale de la cohésion des territoires' : 'National Agency for Territorial Cohesion');
    expect(info['Subject']).toContain('Marc Ferracci');
    expect(info['Keywords']).toContain('ANCT');
    expect(info['Page size']).toContain('(A4)');
    const fonts = pdfFonts(file(lang, 'pdf'));
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/\+Marianne-\S+\s+CID TrueType\s+Identity-H\s+yes/);
  });

  it('should write /Lang, bookmarks and a title shown by viewers', async () => {
    const bytes = (await readFile(file('fr', 'pdf'))).toString('latin1');
    expect(bytes).toMatch(/\/Lang \(fr\)/);
    expect(bytes).toContain('/Outlines');
    expect(bytes).toMatch(/\/DisplayDocTitle true/);
  });

  it('should write byte-identical files when the same content is built again', async () => {
    const again = await tempDir();
    expect((await runCli(['build', '--out', again])).code).toBe(0);
    for (const lang of ['fr', 'en']) {
      for (const ext of ['pdf', 'html']) {
        const a = await readFile(file(lang, ext));
        const b = await readFile(join(again, 'communiques', SLUG, `${lang}.${ext}`));
        expect(a.equals(b), `${lang}.${ext}`).toBe(true);
      }
    }
  });

  describe('the HTML opened in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'] });
    });
    afterAll(async () => browser?.close());

    it.each(['fr', 'en'])('should be a standalone %s page with lang, hreflang, semantic quotes and contacts, and Marianne loaded', async (lang) => {
      const page = await browser.newPage();
      const failed: string[] = [];
      page.on('requestfailed', (r) => failed.push(r.url()));
      await page.goto(pathToFileURL(file(lang, 'html')).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      const facts = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        title: document.title,
        h1: document.querySelectorAll('h1').length,
        alternate: document.querySelector('link[rel=alternate][hreflang]:not([hreflang="' + document.documentElement.lang + '"])')?.getAttribute('href'),
        switchLink: document.querySelector('a[hreflang]')?.getAttribute('href'),
        quotes: document.querySelectorAll('figure.quote > blockquote + figcaption').length,
        address: document.querySelectorAll('address a[href^="mailto:"]').length,
        label: document.querySelector('.document__kind')?.textContent,
        date: document.querySelector('time')?.getAttribute('datetime'),
        marianne: document.fonts.check('16px Marianne'),
        scripts: document.querySelectorAll('script').length,
      }));
      await page.close();
      const other = lang === 'fr' ? 'en' : 'fr';
      expect(facts).toMatchObject({ lang, h1: 1, alternate: `${other}.html`, switchLink: `${other}.html`, quotes: 2, address: 4, date: '2025-03-20', marianne: true, scripts: 0 });
      expect(facts.label).toBe(lang === 'fr' ? 'Communiqué de presse' : 'Press release');
      expect(facts.title.length).toBeGreaterThan(10);
      expect(failed).toEqual([]);
    });
  });
});

describe('communique build: {indicator:id} in a title and a description', () => {
  const BASE = join(ROOT, 'tests', 'fixtures', 'editorial', 'base-183-territoires');
  const RELEASE = '183-territoires-industrie';
  let out: string;
  let built: CliRun;
  const file = (lang: string, ext: string) => join(out, 'communiques', RELEASE, `${lang}.${ext}`);

  beforeAll(async () => {
    const content = await copyContent(BASE);
    const settings = join(content, 'releases', RELEASE, 'release.yaml');
    const text = await readFile(settings, 'utf8');
    await writeFile(
      settings,
      text
        .replace('engagés jusqu’en', 'dotés de {indicator:ti_soutien_etat_2023_eur:long} et engagés jusqu’en')
        .replace('committed until', 'with {indicator:ti_soutien_etat_2023_eur:long} and committed until'),
    );
    out = await tempDir();
    built = await runCli(['build', '--content', content, '--out', out]);
  });

  it('should write the figure in the HTML title and the page’s h1, formatted for each language', async () => {
    expect(built.code, built.stderr).toBe(0);
    for (const [lang, title] of [['fr', '183 nouveaux territoires d’industrie pour réindustrialiser la France'], ['en', '183 new industrial territories to reindustrialise France']] as const) {
      const html = (await readFile(file(lang, 'html'), 'utf8')).replace(/[\u00A0\u202F]/g, ' ');
      expect(html).toContain(`<title>${title}</title>`);
      expect(html).toMatch(new RegExp(`<h1 class="document__title">${title}</h1>`));
      expect(html).not.toContain('{indicator:');
    }
    const fr = (await readFile(file('fr', 'html'), 'utf8')).replace(/[\u00A0\u202F]/g, ' ');
    expect(fr).toContain('dotés de 100 millions d’euros et engagés jusqu’en 2027');
    expect((await readFile(file('en', 'html'), 'utf8')).replace(/[\u00A0\u202F]/g, ' ')).toContain('with €100 million and committed until 2027');
  });

  it('should print the figure in the PDF’s title, text and metadata', () => {
    expect(pdfText(file('fr', 'pdf'))).toContain('183 nouveaux territoires d’industrie pour réindustrialiser la France');
    expect(pdfText(file('en', 'pdf'))).toContain('183 new industrial territories to reindustrialise France');
    const info = pdfInfo(file('fr', 'pdf'));
    expect(info['Title']).toBe('183 nouveaux territoires d’industrie pour réindustrialiser la France');
    expect(info['Subject']?.replace(/[\u00A0\u202F]/g, ' ')).toContain('dotés de 100 millions d’euros et engagés jusqu’en 2027');
    expect(pdfInfo(file('en', 'pdf'))['Subject']?.replace(/[\u00A0\u202F]/g, ' ')).toContain('with €100 million and committed until 2027');
  });
});

describe('communique --help', () => {
  it('should list each command with its own summary', async () => {
    const main = await runCli(['--help']);
    for (const command of ['build', 'check', 'publish', 'dev', 'new', 'translated', 'approvals', 'packet', 'approve', 'schema']) {
      const help = await runCli([command, '--help']);
      expect(main.stdout).toContain(`\n  ${command.padEnd(10)} ${help.stdout.split('\n')[0]}\n`);
    }
  });
});

describe('communique build with bad content', () => {
  it('should name the file, line and column of an unknown indicator, exit 1 and write nothing', async () => {
    const content = await copyContent();
    const fr = join(content, 'releases', SLUG, 'fr.mdx');
    const lines = (await readFile(fr, 'utf8')).split('\n');
    lines.splice(2, 0, 'Un chiffre inconnu : <Indicator id="nope" />.', '');
    await writeFile(fr, lines.join('\n'));

    const checked = await runCli(['check', '--content', content]);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toMatch(/fr\.mdx\n\s*3:22-3:45\s+error\s+Unknown indicator "nope".*unknown-id/);
    expect(checked.stderr).not.toMatch(/\n\s+at /); // no stack trace

    const out = await tempDir();
    const built = await runCli(['build', '--content', content, '--out', join(out, 'site')]);
    expect(built.code).toBe(1);
    expect(built.stderr).toContain('nothing was written');
    expect(existsSync(join(out, 'site'))).toBe(false);
  });

  it('should leave the previous output untouched when a later build fails', async () => {
    const out = await tempDir();
    expect((await runCli(['build', '--no-pdf', '--out', out])).code).toBe(0);
    const before = await readFile(join(out, 'communiques', SLUG, 'fr.html'));
    const content = await copyContent();
    await writeFile(join(content, 'releases', SLUG, 'en.mdx'), '<Quote id="nobody" />\n');
    expect((await runCli(['build', '--no-pdf', '--content', content, '--out', out])).code).toBe(1);
    expect((await readFile(join(out, 'communiques', SLUG, 'fr.html'))).equals(before)).toBe(true);
    expect((await readdir(out)).filter((name) => !name.startsWith('.')).sort()).toEqual(['assets', 'bilans', 'communiques', 'fiches']);
  });

  it('should report a remote image as an error without ever requesting it', async () => {
    const hits: string[] = [];
    const server: Server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const content = await copyContent();
      const fr = join(content, 'releases', SLUG, 'fr.mdx');
      await writeFile(fr, `${await readFile(fr, 'utf8')}\n![logo](http://127.0.0.1:${port}/logo.png)\n`);
      const built = await runCli(['build', '--content', content, '--out', await tempDir()]);
      expect(built.code).toBe(1);
      expect(built.stderr).toMatch(/error\s+The image "http:\/\/127\.0\.0\.1:\d+\/logo\.png" is not part of the build.*remote-asset/);
      expect(hits).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('should exit 3 with install instructions when no browser can be found', async () => {
    const run = await runCli(['build', '--out', await tempDir()], { env: { CHROME_PATH: '/nonexistent/chrome' } });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('apt-get install -y chromium-headless-shell');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('should print help for every command and exit 2 on an unknown option', async () => {
    for (const command of ['build', 'check']) {
      const help = await runCli([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: communique ${command}`);
    }
    const bad = await runCli(['build', '--colour']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--colour'");
  });
});

describe('communique build on content with unused entries', () => {
  it('should count the infos in one line and leave listing them to check', async () => {
    // The second test base with three entries no document uses: three `unused` infos.
    const content = await copyContent(join(ROOT, 'tests', 'fixtures', 'editorial', 'base-183-territoires'));
    const indicators = join(content, 'data', 'indicators.yaml');
    const spare = (id: string) => `\n${id}:\n  value: 12\n  unit: count\n  label: { fr: "x", en: "x" }\n  as_of: 2023-11-13\n  source: { fr: "s", en: "s" }\n`;
    await writeFile(indicators, `${await readFile(indicators, 'utf8')}${spare('spare_a')}${spare('spare_b')}${spare('spare_c')}`);
    const built = await runCli(['build', '--no-pdf', '--content', content, '--out', await tempDir()]);
    expect(built.code).toBe(0);
    expect(built.stderr).toBe(`3 infos (unused entries and other notes): \`communique check --content ${content}\` lists them.\n`);
    const checked = await runCli(['check', '--content', content]);
    expect(checked.stderr.match(/ info /g)).toHaveLength(3);
    expect(checked.stderr).toContain('spare_b');
  });
});
