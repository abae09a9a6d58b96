import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyContent, pdfInfo, pdfText, runCli, tempDir, type CliRun } from '../helpers/cli.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/collection/', import.meta.url));
const SHEETS = join('fiches', 'usines');

describe('communique build on a collection', () => {
  let out: string;
  let run: CliRun;

  beforeAll(async () => {
    out = await tempDir();
    run = await runCli(['build', '--content', FIXTURE, '--out', out]);
  });

  it('should write the HTML and PDF of both languages of every row, in a folder per row', async () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((await readdir(join(out, SHEETS))).sort()).toEqual(['alpha', 'beta', 'gamma']);
    for (const row of ['alpha', 'beta', 'gamma']) {
      expect((await readdir(join(out, SHEETS, row))).sort()).toEqual(['en.html', 'en.pdf', 'fr.html', 'fr.pdf']);
    }
  });

  it("should print each row's fields formatted for the language, and the other rows' nowhere", () => {
    const fr = pdfText(join(out, SHEETS, 'alpha', 'fr.pdf'));
    expect(fr).toContain('Le territoire Val d’Alpha compte 20 060 emplois industriels, soit 29,2 % de l’emploi, pour un budget de 13,1 millions d’euros.');
    expect(fr).toContain('Il est l’un des 183 territoires labellisés.');
    expect(fr).not.toContain('Bêta');
    const en = pdfText(join(out, SHEETS, 'beta', 'en.pdf'));
    expect(en).toContain('Upper Beta has 1,250 industrial jobs, 8% of employment, for a budget of €2.5 million.');
  });

  it('should say on every sheet, in its language, that the data are illustrative', () => {
    for (const row of ['alpha', 'beta', 'gamma']) {
      expect(pdfText(join(out, SHEETS, row, 'fr.pdf'))).toContain('DONNÉES FICTIVES — ILLUSTRATION');
      expect(pdfText(join(out, SHEETS, row, 'en.pdf'))).toContain('ILLUSTRATIVE DATA');
    }
  });

  it("should give each sheet's PDF its own title and the row's language, and link the HTML to its other language", async () => {
    const info = pdfInfo(join(out, SHEETS, 'gamma', 'en.pdf'));
    expect(info['Title']).toBe('Gamma-on-Sea: fact sheet');
    expect(info['Tagged']).toBe('yes');
    expect(info['Pages']).toBe('1');
    const html = await readFile(join(out, SHEETS, 'gamma', 'fr.html'), 'utf8');
    expect(html).toContain('<title>Gamma-sur-Mer\u00A0: fiche</title>');
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain('href="en.html" hreflang="en"');
    expect(html).toContain('href="../../../assets/communique.css"');
  });
});

describe('communique build on a collection with a bad row', () => {
  it('should name the row and the field at their line and column, build the other rows, and exit 1', async () => {
    const content = await copyContent(FIXTURE);
    const csv = join(content, 'collections', 'usines', 'lignes.csv');
    await writeFile(csv, (await readFile(csv, 'utf8')).replace('gamma,Gamma-sur-Mer,Gamma-on-Sea,300', 'gamma,Gamma-sur-Mer,Gamma-on-Sea,3OO'));
    const out = await tempDir();
    const built = await runCli(['build', '--quiet', '--no-pdf', '--content', content, '--out', out]);
    expect(built.code).toBe(1);
    expect(built.stderr).toMatch(/lignes\.csv\n\s*4:34-4:37\s+warning\s+Row 3 \("gamma"\), field "emplois" \(Jobs\): expected a whole number written with digits only \(e\.g\. 1250\), found "3OO"\..*bad-row/);
    expect(built.stderr).toContain('1 of 3 rows of collections/usines left out');
    expect(built.stderr).not.toMatch(/\n\s+at /);
    expect((await readdir(join(out, SHEETS))).sort()).toEqual(['alpha', 'beta']);
  });

  it('should write nothing with --final while a row is wrong', async () => {
    const content = await copyContent(FIXTURE);
    const csv = join(content, 'collections', 'usines', 'lignes.csv');
    await writeFile(csv, (await readFile(csv, 'utf8')).replace('alpha,Val d’Alpha,Alpha Valley,20060,29.2', 'alpha,Val d’Alpha,Alpha Valley,20060,129.2'));
    const out = join(await tempDir(), 'out');
    const built = await runCli(['build', '--final', '--no-pdf', '--content', content, '--out', out]);
    expect(built.code).toBe(1);
    expect(built.stderr).toMatch(/2:\d+-2:\d+\s+error\s+Row 1 \("alpha"\), field "part"/);
    expect(built.stderr).toContain('nothing was written');
    expect(existsSync(out)).toBe(false);
  });

  it('should report <Field /> naming no field at its line and column, and write nothing', async () => {
    const content = await copyContent(FIXTURE);
    const fr = join(content, 'collections', 'usines', 'fr.mdx');
    await writeFile(fr, (await readFile(fr, 'utf8')).replace('<Field name="emplois" />', '<Field name="emploi" />'));
    const out = join(await tempDir(), 'out');
    const built = await runCli(['build', '--no-pdf', '--content', content, '--out', out]);
    expect(built.code).toBe(1);
    expect(built.stderr).toMatch(/fr\.mdx\n\s*1:43-1:66\s+error\s+Unknown field "emploi": expected one of the fields of .*collection\.yaml \("code", "nom", "emplois", "part", "budget", "note"\)/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('communique build again into the same folder', () => {
  it('should print only the PDFs whose row changed, and all of them again when the cache is from another version', async () => {
    const content = await copyContent(FIXTURE);
    const out = await tempDir();
    const first = await runCli(['build', '--content', content, '--out', out]);
    expect(first.stdout).toContain('(6 PDFs printed)');
    const before = await readFile(join(out, SHEETS, 'beta', 'fr.pdf'));

    const csv = join(content, 'collections', 'usines', 'lignes.csv');
    await writeFile(csv, (await readFile(csv, 'utf8')).replace('alpha,Val d’Alpha,Alpha Valley,20060', 'alpha,Val d’Alpha,Alpha Valley,20070'));
    const second = await runCli(['build', '--content', content, '--out', out]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('(2 of 6 PDFs printed');
    expect(pdfText(join(out, SHEETS, 'alpha', 'fr.pdf'))).toContain('20 070 emplois');
    expect((await readFile(join(out, SHEETS, 'beta', 'fr.pdf'))).equals(before)).toBe(true);

    // A cache written by another version of the tool is never trusted: everything is printed again, and right.
    const meta = join(out, '.communique', 'cache', 'meta.json');
    await writeFile(meta, JSON.stringify({ format: 0, identity: 'communique@0.0.1' }));
    const third = await runCli(['build', '--content', content, '--out', out]);
    expect(third.code).toBe(0);
    expect(third.stdout).toContain('(6 PDFs printed)');
    expect((await readFile(join(out, SHEETS, 'beta', 'fr.pdf'))).equals(before)).toBe(true);
  });
});

describe('communique publish with a collection', () => {
  it("should publish each sheet under a name of its own, list them on the index, and keep them out of the feeds", async () => {
    const out = await tempDir();
    const run = await runCli(['publish', '--content', FIXTURE, '--out', out, '--base-url', 'https://presse.example.gouv.fr/', '--now', '2025-03-21T10:00']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const documents = (await readdir(join(out, 'site', 'documents'))).sort();
    expect(documents).toHaveLength(12);
    expect(documents).toContain('fiche-2025-03-20-usines.beta-fr.pdf');
    // The sheets are listed on the collection's own index page, which the site's index links to.
    expect(await readFile(join(out, 'site', 'fr', 'index.html'), 'utf8')).toContain('href="fiches-usines.html"');
    const index = await readFile(join(out, 'site', 'fr', 'fiches-usines.html'), 'utf8');
    for (const row of ['alpha', 'beta', 'gamma']) expect(index).toContain(`documents/fiche-2025-03-20-usines.${row}-fr.html`);
    expect(await readFile(join(out, 'site', 'feeds', 'fr.xml'), 'utf8')).not.toContain('<entry>');
  });
});
