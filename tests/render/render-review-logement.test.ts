import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderProject, type RenderedDocument } from '../../src/pipeline/render-project.js';
import type { ReviewPage } from '../../src/render/render-review.js';
import { tempDir } from '../helpers/cli.js';

/** The appendices and the table of contents of a review that is not the demo's: the 2024 social-housing report. */

const BASE = fileURLToPath(new URL('../fixtures/editorial/base-logement-social/', import.meta.url));

let documents: readonly RenderedDocument[];
const review = (lang: 'fr' | 'en') => documents.find((d) => d.document.kind === 'review' && d.lang === lang)!.page as ReviewPage;

beforeAll(async () => {
  // The base, with a term of the glossary that the review never uses.
  const content = await tempDir('communique-review-logement-');
  await cp(BASE, content, { recursive: true });
  const glossary = join(content, 'data', 'glossary.yaml');
  await writeFile(glossary, `${await readFile(glossary, 'utf8')}anru:\n  term: ANRU\n  expansion:\n    fr: "Agence nationale pour la rénovation urbaine"\n    en: "National Agency for Urban Renewal"\n`);
  documents = [...(await renderProject({ content })).documents];
});

describe('renderReview on the social-housing report', () => {
  it.each(['fr', 'en'] as const)('should keep the heading of <KeyFigures /> out of the %s table of contents, listing the chapters and their sections only', (lang) => {
    const toc = review(lang).toc.map((e) => `${e.level} ${e.title}`);
    expect(toc.filter((e) => /chiffres|Key figures/i.test(e))).toEqual([]);
    expect(toc.slice(0, 4)).toEqual(lang === 'fr' ? ['1 Le logement social en 2024', '2 Le parc social', '2 Méthode', '1 La production de logements sociaux'] : ['1 Social housing in 2024', '2 The social housing stock', '2 Method', '1 Building social homes']);
    // The block keeps its heading, one level below the chapter's title.
    expect(review(lang).html).toMatch(/<h3 id="key-figures-title" class="key-figures__title">/);
  });

  it('should list each source once in the sources appendix, with its address, and the figures cited from it under it', () => {
    const html = review('fr').html;
    const appendix = html.slice(html.indexOf('<div class="appendix appendix--sources">'));
    const names = [...appendix.matchAll(/<span class="sources__name">([^<]+)<\/span>/g)].map((m) => m[1]);
    expect(names).toEqual([
      'Bilan des logements aidés 2024 (données fictives)',
      'Système national d’enregistrement (SNE), extraction 2024 (données fictives)',
      'Répertoire des logements locatifs des bailleurs sociaux (RPLS) 2025 (données fictives)',
      'Banque des Territoires, rapport annuel 2024 (données fictives)',
    ]);
    expect(appendix).toContain('<a class="sources__url" href="https://www.example.gouv.fr/bilan-logements-aides-2024">https://www.example.gouv.fr/bilan-logements-aides-2024</a>');
    const group = appendix.slice(appendix.indexOf('Bilan des logements aidés'), appendix.indexOf('</tbody>'));
    expect([...group.matchAll(/data-indicator="([a-z_]+)"/g)].map((m) => m[1])).toEqual(['logements_agrees', 'part_plai_pct', 'part_plus_pct', 'part_pls_pct', 'fnap_eur']);
  });

  it.each(['fr', 'en'] as const)('should list in the %s glossary only the terms the review uses', (lang) => {
    const terms = [...review(lang).html.matchAll(/<dt class="glossary__term" lang="fr">([^<]+)<\/dt>/g)].map((m) => m[1]);
    expect(terms).toEqual(['FNAP', 'PLAI', 'PLS', 'PLUS', 'RPLS', 'SNE']);
  });

  it.each(['fr', 'en'] as const)('should keep a %s column of figures right-aligned when a cell says the source gives none', (lang) => {
    const html = review(lang).html;
    expect(html).toContain(lang === 'fr' ? '<th class="num">Montant</th>' : '<th class="num">Amount</th>');
    expect(html).toMatch(lang === 'fr' ? /<td class="num">non précisé par la source<\/td>/ : /<td class="num">not stated by the source<\/td>/);
    expect(html).toContain(lang === 'fr' ? '<th>Financement</th>' : '<th>Funding</th>');
  });
});
