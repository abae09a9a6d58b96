import { fileURLToPath } from 'node:url';
import { fromHtml } from 'hast-util-from-html';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderProject } from '../../src/pipeline/render-project.js';
import { DEFAULT_TEMPLATES } from '../../src/render/create-templates.js';
import { loadProject } from '../../src/load/load-project.js';
import { createTemplates } from '../../src/render/create-templates.js';
import { renderReview } from '../../src/render/render-review.js';
import type { RenderedDocument } from '../../src/pipeline/render-project.js';
import type { ReviewPage } from '../../src/render/render-review.js';
import type { ReviewChapter } from '../../src/render/render-review.js';
import { rehypeHeadings } from '../../src/mdx/rehype-headings.js';

const REVIEW = fileURLToPath(new URL('../fixtures/review/', import.meta.url));

let documents: readonly RenderedDocument[];
const page = (kind: 'release' | 'review', lang: 'fr' | 'en') => documents.find((d) => d.document.kind === kind && d.lang === lang)!;
const review = (lang: 'fr' | 'en') => page('review', lang).page as ReviewPage;

beforeAll(async () => {
  documents = [...(await renderProject({ content: REVIEW })).documents];
});

describe('renderProject with a review', () => {
  it('should render the release and the review in both languages, each at its own path', () => {
    expect(documents.map((d) => d.path).sort()).toEqual(['bilans/bilan/en.html', 'bilans/bilan/fr.html', 'communiques/demo/en.html', 'communiques/demo/fr.html']);
  });

  it('should link the release’s <ReviewLink /> to the review’s page and PDF in the same language', () => {
    expect(page('release', 'fr').page.html).toContain('href="../../bilans/bilan/fr.html"');
    expect(page('release', 'fr').page.html).toContain('href="../../bilans/bilan/fr.pdf"');
    expect(page('release', 'en').page.html).toContain('href="../../bilans/bilan/en.html"');
  });
});

describe('renderReview', () => {
  it('should keep one h1 (the cover’s) and put each chapter’s headings one level down, with ids', () => {
    const html = review('fr').html;
    expect(html.match(/<h1\b/g)).toHaveLength(1);
    expect(html).toContain('<h2 id="introduction">Introduction</h2>');
    expect(html).toContain('<h3 id="le-contexte">Le contexte</h3>');
    expect(html).toContain('<h2 id="les-chiffres">Les chiffres</h2>');
  });

  it('should list the chapters, their sections and the appendices in the table of contents, linked to their headings', () => {
    expect(review('fr').toc.map((e) => [e.level, e.id, e.title])).toEqual([
      [1, 'introduction', 'Introduction'],
      [2, 'le-contexte', 'Le contexte'],
      [2, 'les-financements', 'Les financements'],
      [1, 'les-chiffres', 'Les chiffres'],
      [1, 'sources', 'Sources et méthode'],
      [1, 'glossary', 'Glossaire'],
    ]);
    for (const entry of review('fr').toc) expect(review('fr').html).toContain(`href="#${entry.id}"`);
    expect(review('fr').numbered.anchors).toEqual(review('fr').toc.map((e) => e.id));
  });

  it('should give each chapter pages of its own whose running header is its title', () => {
    const style = /<style>([\s\S]*?)<\/style>/.exec(review('en').html)![1]!;
    expect(style).toContain('@page chapter-1 { @top-left { content: "Introduction"; } }');
    expect(style).toContain('@page chapter-2 { @top-left { content: "The figures"; } }');
    expect(style).toContain('@page chapter-3 { @top-left { content: "Sources and method"; } }');
    expect(review('en').html).toContain('<section class="chapter chapter-2" aria-labelledby="the-figures">');
  });

  it('should write the page numbers in the table of contents of the page to print, and none in the web page', () => {
    const pages = new Map(review('fr').numbered.anchors.map((id, i) => [id, i + 3]));
    const printed = review('fr').numbered.render(pages);
    expect(printed).toContain('<a class="toc__link" href="#introduction"><span class="toc__title">Introduction</span><span class="toc__leader" aria-hidden="true"></span><span class="toc__page">3</span></a>');
    expect(printed).toContain('<span class="toc__title">Glossaire</span><span class="toc__leader" aria-hidden="true"></span><span class="toc__page">8</span>');
    expect(review('fr').html).toContain('<span class="toc__page"></span>');
    expect(review('fr').numbered.render(undefined)).toBe(review('fr').html.replace('<body class="review">', '<body class="review review--print">'));
  });

  it('should list every indicator the review cites in the sources appendix, under its source, with its date and the note on a date', () => {
    const html = review('fr').html;
    const rows = [...html.matchAll(/<tr data-indicator="([a-z_0-9]+)">/g)].map((m) => m[1]);
    // Grouped by source, each source in the order of its first citation.
    expect(rows).toEqual(['actions', 'temps_2', 'rebond_eur', 'projets_realises_pct', 'projets_en_cours_pct', 'projets_en_instruction_pct', 'projets_en_attente_pct', 'fonds_vert_eur']);
    expect(html).toMatch(/<span class="sources__name">Réponse du ministre au Sénat, 14\u00A0janvier 2025<\/span><\/th><\/tr>\s*<tr data-indicator="fonds_vert_eur"><td class="num">près de\u00A063\u00A0M€<\/td><th scope="row">d’aides du Fonds vert<\/th><td>14\u00A0janvier 2025<span class="sources__note"> \(date de la séance\)<\/span><\/td><\/tr>/);
  });

  it('should list the glossary in alphabetical order', () => {
    const terms = [...review('en').html.matchAll(/<dt class="glossary__term" lang="fr">([^<]+)<\/dt>/g)].map((m) => m[1]);
    expect(terms).toEqual(['ANCT', 'ZAN']);
  });

  it('should right-align the columns of figures of a table, and leave a column of words aligned left', () => {
    const html = review('fr').html;
    expect(html).toContain('<th class="num">Montant</th>');
    expect(html).toContain('<td class="num">près de <span class="figure" data-indicator="fonds_vert_eur">63\u00A0M€</span></td>');
    expect(html).toContain('<th>Instrument</th>');
    expect(html).toContain('<th>Note</th>');
    expect(html).toContain('<td>2024</td>');
  });

  it('should show each chart as a figure: caption, an SVG labelled by it, and its figures as a table', () => {
    const html = review('en').html;
    expect(html.match(/<figure class="chart /g)).toHaveLength(3);
    expect(html).toMatch(/<figcaption class="chart__caption" id="chart-statut_projets-caption">/);
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="chart-statut_projets-caption"/);
    expect(html).toMatch(/<th scope="row">Status not stated by the source<\/th><td class="num">24%<\/td>/);
  });
});

/** A chapter made of an HTML fragment, its headings listed as the document processor lists them. */
async function chapter(name: string, html: string): Promise<ReviewChapter> {
  const file = new VFile();
  const tree = await unified().use(rehypeHeadings).run(fromHtml(html, { fragment: true }), file);
  return { name, tree, headings: file.data.headings! };
}

describe('renderReview with the same chart in two chapters', () => {
  it('should keep every id of the page unique, and each chart labelled by its own caption', async () => {
    const project = (await loadProject(REVIEW)).project!;
    const templates = await createTemplates(DEFAULT_TEMPLATES);
    const chart = '<figure class="chart" id="chart-x"><figcaption id="chart-x-caption">Titre</figcaption><svg role="img" aria-labelledby="chart-x-caption"><title>Titre</title></svg></figure>';
    const page = renderReview(project, templates, project.reviews[0]!, 'fr', [
      await chapter('01-a', `<h1>Un</h1>${chart}<p><a href="#chart-x">le graphique</a></p>`),
      await chapter('02-b', `<h1>Deux</h1>${chart}<h2>Un</h2>`),
    ]);
    const ids = [...page.html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(page.html).toContain('<figcaption id="chart-x-caption-2">');
    expect(page.html).toContain('aria-labelledby="chart-x-caption-2"');
    expect(page.html).toContain('<a href="#chart-x">le graphique</a>');
    // (Its chapters use no term of the glossary: the review has none.)
    expect(page.toc.map((e) => e.id)).toEqual(['un', 'deux', 'un-2', 'sources']);
  });
});
