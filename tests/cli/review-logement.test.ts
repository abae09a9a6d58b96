import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfInfo, pdfText, runCli, tempDir, type CliRun } from '../helpers/cli.js';

/**
 * The printed review of a content that is not the demo's: the 2024 social-housing report
 * (tests/fixtures/editorial/base-logement-social), built with the real CLI and read back with pdftotext.
 */

const BASE = fileURLToPath(new URL('../fixtures/editorial/base-logement-social/', import.meta.url));
const SLUG = 'bilan-logement-social-2024';

describe('communique build: the social-housing report as a PDF', () => {
  let out: string;
  let run: CliRun;
  const pages = new Map<string, string[]>();

  beforeAll(async () => {
    const content = await tempDir('communique-content-');
    await cp(BASE, content, { recursive: true });
    // A term of the glossary that the review never uses.
    const glossary = join(content, 'data', 'glossary.yaml');
    await writeFile(glossary, `${await readFile(glossary, 'utf8')}anru:\n  term: ANRU\n  expansion:\n    fr: "Agence nationale pour la rénovation urbaine"\n    en: "National Agency for Urban Renewal"\n`);
    out = await tempDir();
    run = await runCli(['build', '--content', content, '--out', out]);
    for (const lang of ['fr', 'en']) {
      const pdf = join(out, 'bilans', SLUG, `${lang}.pdf`);
      const count = Number(pdfInfo(pdf)['Pages']);
      pages.set(lang, Array.from({ length: count }, (_, i) => pdfText(pdf, i + 1)));
    }
  }, 120_000);

  it('should build the review in both languages', () => {
    expect(run.code, run.stderr).toBe(0);
  });

  it.each([
    ['fr', 'En chiffres', 'Le logement social en 2024'],
    ['en', 'Key figures', 'Social housing in 2024'],
  ])('should not list the key-figures heading in the %s table of contents', (lang, keyFigures, chapter) => {
    const all = pages.get(lang)!;
    const contents = all[1]!;
    expect(contents).toContain(chapter);
    // (The block's heading is printed in capitals: "EN CHIFFRES".)
    expect(contents.toLowerCase()).not.toContain(keyFigures.toLowerCase());
    // The block itself is printed, with its heading.
    expect(all.slice(2).some((text) => text.toLowerCase().includes(keyFigures.toLowerCase()))).toBe(true);
  });

  it.each([
    ['fr', 'Bilan des logements aidés 2024 (données fictives)', 'Glossaire'],
    ['en', 'Report on assisted housing 2024 (made-up data)', 'Glossary'],
  ])('should print in the %s sources appendix each source once, with its address; and a glossary of the terms used', (lang, source, glossaryTitle) => {
    const text = pages.get(lang)!.join(' ');
    const appendix = text.slice(text.lastIndexOf(lang === 'fr' ? 'Sources et méthode' : 'Sources and method'));
    expect(appendix.split(source).length - 1).toBe(1);
    expect(appendix).toContain('https://www.example.gouv.fr/bilan-logements-aides-2024');
    const glossary = appendix.slice(appendix.lastIndexOf(glossaryTitle));
    for (const term of ['FNAP', 'PLAI', 'PLS', 'PLUS', 'RPLS', 'SNE']) expect(glossary).toContain(term);
    expect(glossary).not.toContain('ANRU');
  });
});
