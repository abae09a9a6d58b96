import { fromHtml } from 'hast-util-from-html';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/locale/lang.js';
import { rehypeTypography } from '../../src/mdx/rehype-typography.js';

function render(html: string, lang?: Lang): string {
  const processor = unified()
    .use(rehypeTypography, lang === undefined ? {} : { lang })
    .use(rehypeStringify);
  const file = new VFile();
  const tree = processor.runSync(fromHtml(html, { fragment: true }), file);
  return processor.stringify(tree, file);
}

describe('rehypeTypography', () => {
  it('should typeset French text by default', () => {
    expect(render('<p>Bonjour !</p>')).toBe('<p>Bonjour\u202F!</p>');
  });

  it('should read the language from file.data.lang', () => {
    const processor = unified().use(rehypeTypography).use(rehypeStringify);
    const file = new VFile();
    file.data.lang = 'en';
    const tree = processor.runSync(fromHtml('<p>Hello !</p>', { fragment: true }), file);
    expect(processor.stringify(tree, file)).toBe('<p>Hello!</p>');
  });

  it('should leave code and pre untouched', () => {
    const html = '<p>Tapez <code>a : "b"</code> !</p><pre><code>x = "y" ; z !</code></pre>';
    expect(render(html, 'fr')).toBe(
      '<p>Tapez <code>a : "b"</code>\u202F!</p><pre><code>x = "y" ; z !</code></pre>',
    );
  });

  it('should leave attributes untouched', () => {
    const html = '<p><a href="https://x.fr/a?b=1:2" title="a : b">Lien : ici</a></p>';
    expect(render(html, 'fr')).toBe(
      '<p><a href="https://x.fr/a?b=1:2" title="a : b">Lien\u00A0: ici</a></p>',
    );
  });

  it('should carry quote direction across inline elements', () => {
    expect(render('<p>"<strong>Bonjour</strong>" !</p>', 'fr')).toBe(
      '<p>«\u202F<strong>Bonjour</strong>\u202F»\u202F!</p>',
    );
    expect(render('<p>"<em>Hello</em>" !</p>', 'en')).toBe('<p>“<em>Hello</em>”!</p>');
  });

  it('should reset quote direction for each block', () => {
    expect(render('<p>Il a dit</p><p>"oui"</p>', 'fr')).toBe('<p>Il a dit</p><p>«\u202Foui\u202F»</p>');
  });

  it('should switch rules with the lang attribute', () => {
    expect(render('<p>Il a dit : <span lang="en">"Hello !"</span> !</p>', 'fr')).toBe(
      '<p>Il a dit\u00A0: <span lang="en">“Hello!”</span>\u202F!</p>',
    );
    expect(render('<p lang="fr-FR">Quoi ?</p><p>What ?</p>', 'en')).toBe(
      '<p lang="fr-FR">Quoi\u202F?</p><p>What?</p>',
    );
  });

  it('should leave other languages, translate="no" and .notypo untouched', () => {
    const html = '<p><span lang="de">"Hallo" !</span> <span translate="no">a : b</span> <span class="x notypo">c ; d</span></p>';
    expect(render(html, 'fr')).toBe(html);
  });

  it('should leave a mailto link text untouched', () => {
    const html = '<p>Écrire : <a href="mailto:presse@gouv.fr">mailto:presse@gouv.fr</a>.</p>';
    expect(render(html, 'fr')).toBe(
      '<p>Écrire\u00A0: <a href="mailto:presse@gouv.fr">mailto:presse@gouv.fr</a>.</p>',
    );
  });
});
