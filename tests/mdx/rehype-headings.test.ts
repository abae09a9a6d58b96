import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { rehypeHeadings, slug } from '../../src/mdx/rehype-headings.js';

/** Runs the plugin over an HTML fragment: the headings it lists, and the fragment after it ran. */
async function headingsOf(html: string) {
  const file = new VFile();
  const tree = await unified().use(rehypeHeadings).run(fromHtml(html, { fragment: true }), file);
  return { headings: file.data.headings, html: toHtml(tree) };
}

describe('rehypeHeadings', () => {
  it('should list every heading in document order, with its depth, its text with whitespace collapsed, and its slug', async () => {
    const { headings } = await headingsOf('<h1>Le foncier\n  industriel</h1><p>Texte.</p><h2>L’État, l’ANCT &amp; la DGE</h2><h3>2024 en chiffres</h3>');
    expect(headings).toEqual([
      { depth: 1, text: 'Le foncier industriel', slug: 'le-foncier-industriel', section: true },
      { depth: 2, text: 'L’État, l’ANCT & la DGE', slug: 'l-etat-l-anct-la-dge', section: true },
      { depth: 3, text: '2024 en chiffres', slug: 'section-2024-en-chiffres', section: true },
    ]);
  });

  it('should tell the heading of a component’s block from a heading of the body', async () => {
    const { headings } = await headingsOf('<h2>Bilan</h2><section class="key-figures"><h2 class="key-figures__title">En chiffres</h2></section>');
    expect(headings?.map((h) => [h.text, h.section])).toEqual([['Bilan', true], ['En chiffres', false]]);
  });

  it('should leave the tree as it is: ids are given by the page the body goes into', async () => {
    const html = '<h1>Un</h1><p>Texte.</p>';
    expect((await headingsOf(html)).html).toBe(html);
  });

  it('should list no heading for a body without any', async () => {
    expect((await headingsOf('<p>Texte.</p>')).headings).toEqual([]);
  });
});

describe('slug', () => {
  it('should make an ASCII id of a heading', () => {
    expect(slug('Axe foncier : mobiliser un foncier industriel adapté')).toBe('axe-foncier-mobiliser-un-foncier-industriel-adapte');
    expect(slug('L’État, l’ANCT & la DGE')).toBe('l-etat-l-anct-la-dge');
    expect(slug('2024 en chiffres')).toBe('section-2024-en-chiffres');
    expect(slug('…')).toBe('section');
  });
});
