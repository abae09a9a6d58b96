import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../../src/render/create-templates.js';
import { loadProject } from '../../src/load/load-project.js';
import type { Project, Release } from '../../src/load/project.js';
import type { Lang } from '../../src/locale/lang.js';
import { createDocumentProcessor, type DocumentProcessor } from '../../src/mdx/create-document-processor.js';
import { createTemplates, type Templates } from '../../src/render/create-templates.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const CASES = join(FIXTURES, 'mdx');

/** A fatal message as the expected.json files write it. */
interface Expected {
  readonly line: number;
  readonly column: number;
  readonly ruleId: string;
}

const cases = readdirSync(CASES)
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => basename(name, '.mdx'))
  .sort();

let project: Project;
let templates: Templates;
let release: Release;
let processor: DocumentProcessor;

beforeAll(async () => {
  const loaded = await loadProject(join(FIXTURES, 'minimal'));
  const messages = loaded.files.flatMap((f) => f.messages.map(String));
  if (!loaded.project || messages.length > 0) throw new Error(`The minimal fixture must load cleanly:\n${messages.join('\n')}`);
  project = loaded.project;
  templates = await createTemplates(DEFAULT_TEMPLATES);
  release = project.releases.find((r) => r.slug === 'demo')!;
  processor = createDocumentProcessor(project, templates);
});

/** Processes an MDX text as the body of the demo release. */
function run(text: string, lang: Lang = 'fr', document: Release = release) {
  return processor({ lang, path: `test.${lang}.mdx`, text }, document);
}

/** Renders an MDX text that must have no message; returns its HTML. */
async function html(text: string, lang: Lang = 'fr'): Promise<string> {
  const { file, tree } = await run(text, lang);
  expect(file.messages.map(String)).toEqual([]);
  return toHtml(tree!);
}

describe('createDocumentProcessor: errors', () => {
  it('should find at least 16 error cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(16);
  });

  it.each(cases)('should report the errors of %s.mdx at their line and column', async (name) => {
    const text = readFileSync(join(CASES, `${name}.mdx`), 'utf8');
    const expected = JSON.parse(readFileSync(join(CASES, `${name}.expected.json`), 'utf8')) as Expected[];
    const { file, tree } = await run(text);
    const fatal = file.messages.filter((m) => m.fatal === true);
    expect(fatal.map(({ line, column, ruleId }) => ({ line, column, ruleId }))).toEqual(expected);
    for (const message of fatal) expect(message.reason.length).toBeGreaterThan(20);
    expect(tree).toBeUndefined();
  });

  it('should tell an author who wrote <Lead>…</Lead> on one line something other than "put it on a line of its own"', async () => {
    const { file } = await run('<Lead>Le programme compte <Indicator id="actions" /> actions.</Lead>\n');
    expect(file.messages).toHaveLength(1);
    expect(file.messages[0]!.reason).not.toContain('put it on a line of its own');
  });

  it('should suggest the closest component for a misspelt or translated one: <Indicateur> → <Indicator>', async () => {
    const { file } = await run('Le parc compte <Indicateur id="actions" /> logements.\n\n<Citation id="ferracci_bilan" />\n\n<Aside>x</Aside>\n');
    const reasons = file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`);
    expect(reasons[0]).toMatch(/^1:16 unknown-component Unknown element <Indicateur>: <Indicateur> is not a component \(did you mean <Indicator>\? <Indicator id="actions" \/>/);
    // Too far from every component: no guess.
    expect(reasons.find((r) => r.includes('<Citation>'))).not.toContain('did you mean');
    expect(reasons.find((r) => r.includes('<Aside>'))).not.toContain('did you mean');
  });

  it('should report a ReviewLink when the release has no review', async () => {
    const { review: _review, ...settings } = release.settings;
    const { file } = await run('<ReviewLink />\n', 'fr', { ...release, settings });
    expect(file.messages.map(({ line, column, ruleId }) => ({ line, column, ruleId }))).toEqual([
      { line: 1, column: 1, ruleId: 'missing-review' },
    ]);
  });
});

describe('createDocumentProcessor: components', () => {
  it('should render an Indicator as "2 800" in French, grouped with U+202F', async () => {
    expect(await html('Plus de <Indicator id="actions" /> actions.\n')).toBe(
      '<p>Plus de <span class="figure" data-indicator="actions">2\u202F800</span> actions.</p>',
    );
  });

  it('should render an Indicator as "2,800" in English', async () => {
    expect(await html('More than <Indicator id="actions" /> actions.\n', 'en')).toBe(
      '<p>More than <span class="figure" data-indicator="actions">2,800</span> actions.</p>',
    );
  });

  it('should write each unit the way each language does', async () => {
    const text = '<Indicator id="projets_realises_pct" />, <Indicator id="rebond_eur" />, <Indicator id="temps_2" />\n';
    expect(await html(text, 'fr')).toContain('>8\u00A0%</span>, <span class="figure" data-indicator="rebond_eur">39,7\u00A0M€</span>');
    expect(await html(text, 'fr')).toContain('>2023-2027</span>');
    expect(await html(text, 'en')).toContain('>8%</span>, <span class="figure" data-indicator="rebond_eur">€39.7m</span>');
    expect(await html(text, 'en')).toContain('>2023–2027</span>');
  });

  it('should write form="long" as "39,7 millions d’euros" and "€39.7 million"', async () => {
    const text = 'Un soutien de <Indicator id="rebond_eur" form="long" />.\n';
    expect(await html(text, 'fr')).toContain('<span class="figure" data-indicator="rebond_eur">39,7\u00A0millions d’euros</span>');
    expect(await html(text, 'en')).toContain('<span class="figure" data-indicator="rebond_eur">€39.7\u00A0million</span>');
  });

  it('should append the label when label is given', async () => {
    expect(await html('Plus de <Indicator id="actions" label />.\n')).toContain(
      '<span class="figure" data-indicator="actions">2\u202F800 actions menées par les collectivités</span>',
    );
    expect(await html('More than <Indicator id="actions" label />.\n', 'en')).toContain(
      '<span class="figure" data-indicator="actions">2,800 actions carried out by local authorities</span>',
    );
  });

  it('should render KeyFigures as a heading and a <dl> with one item per id', async () => {
    const text = '<KeyFigures ids="actions rebond_eur projets_realises_pct" />\n';
    for (const [lang, heading, value] of [['fr', 'En chiffres', '39,7\u00A0M€'], ['en', 'Key figures', '€39.7m']] as const) {
      const out = await html(text, lang);
      expect(out).toMatch(new RegExp(`<h2 [^>]*>${heading}</h2>`));
      expect(out.match(/<dl[ >]/g)).toHaveLength(1);
      expect(out.match(/<dt[ >]/g)).toHaveLength(3);
      expect(out.match(/<dd[ >]/g)).toHaveLength(3);
      expect([...out.matchAll(/data-indicator="([a-z_]+)"/g)].map((m) => m[1])).toEqual(['actions', 'rebond_eur', 'projets_realises_pct']);
      expect(out).toContain(`<dt class="key-figures__value">${value}</dt>`);
    }
  });

  it('should render a Quote as a figure with the words, the name and the role', async () => {
    const fr = await html('<Quote id="ferracci_bilan" />\n');
    expect(fr).toMatch(/^<figure [^>]*data-quote="ferracci_bilan"[^>]*>\s*<blockquote[ >]/);
    expect(fr).toContain('<p>«\u202FNous avons besoin des territoires pour accélérer la réindustrialisation de notre pays.\u202F»</p>');
    expect(fr).toMatch(/<figcaption[^>]*>.*Marc Ferracci.*, .*ministre chargé de l’Industrie et de l’Énergie.*<\/figcaption>/);
    const en = await html('<Quote id="ferracci_bilan" />\n', 'en');
    expect(en).toContain('<p>“We need the territories to speed up the reindustrialisation of our country.”</p>');
    expect(en).toMatch(/<figcaption[^>]*>.*Marc Ferracci.*, .*Minister for Industry and Energy.*<\/figcaption>/);
  });

  it('should render a Person with the role only when role is given', async () => {
    expect(await html('<Person id="marc_ferracci" role /> a parlé.\n')).toBe(
      '<p><span class="person" data-person="marc_ferracci">Marc Ferracci, ministre chargé de l’Industrie et de l’Énergie</span> a parlé.</p>',
    );
    expect(await html('<Person id="marc_ferracci" /> a parlé.\n')).toBe(
      '<p><span class="person" data-person="marc_ferracci">Marc Ferracci</span> a parlé.</p>',
    );
  });

  it('should wrap the children of a Lead and resolve an Indicator inside it', async () => {
    expect(await html('<Lead>\nUn bilan du temps II (<Indicator id="temps_2" />).\n</Lead>\n')).toBe(
      '<div class="lead"><p>Un bilan du temps II (<span class="figure" data-indicator="temps_2">2023-2027</span>).</p></div>',
    );
  });

  it('should link ReviewLink to the review url of the release, in the language of the body', async () => {
    expect(await html('<ReviewLink />\n')).toContain('<a class="review-link__a" href="https://example.gouv.fr/bilan">Consulter le bilan complet</a>');
    expect(await html('<ReviewLink />\n', 'en')).toContain('<a class="review-link__a" href="https://example.gouv.fr/en/review">Read the full review</a>');
  });

  it('should list the components in document order with the ids they cite', async () => {
    const { file } = await run(release.bodies.fr!.text);
    expect(file.data.components!.map((c) => [c.name, c.ids, c.place?.start.line])).toEqual([
      ['Lead', [], 1],
      ['Person', ['marc_ferracci'], 2],
      ['Indicator', ['temps_2'], 2],
      ['Indicator', ['actions'], 5],
      ['Indicator', ['projets_realises_pct'], 5],
      ['Indicator', ['rebond_eur'], 5],
      ['KeyFigures', ['actions', 'rebond_eur'], 7],
      ['Quote', ['ferracci_bilan', 'marc_ferracci'], 9],
      ['ReviewLink', [], 11],
    ]);
  });

  it('should render both bodies of the minimal fixture with no message', async () => {
    for (const lang of ['fr', 'en'] as const) {
      const { file, tree } = await run(release.bodies[lang]!.text, lang);
      expect(file.messages.map(String)).toEqual([]);
      expect(toHtml(tree!)).toContain('<div class="lead">');
    }
  });
});

describe('createDocumentProcessor: typography and safety', () => {
  it('should apply French typography to prose', async () => {
    expect(await html('Le bilan : "une réussite" ? Oui...\n')).toBe('<p>Le bilan\u00A0: «\u202Fune réussite\u202F»\u202F? Oui…</p>');
    expect(await html('The review : "a success" ?\n', 'en')).toBe('<p>The review: “a success”?</p>');
  });

  it('should apply typography after a component in the same sentence', async () => {
    expect(await html('Plus de <Indicator id="actions" /> actions : un record.\n')).toContain('</span> actions\u00A0: un record.</p>');
  });

  it('should never change an href', async () => {
    const out = await html('Voir [le bilan : ici](https://example.org/a\'b...c?d=1;2 "Le bilan : ici") !\n');
    const links: Element[] = [];
    visit(fromHtml(out, { fragment: true }), 'element', (element: Element) => {
      if (element.tagName === 'a') links.push(element);
    });
    expect(links.map((a) => a.properties['href'])).toEqual(["https://example.org/a'b...c?d=1;2"]);
    expect(out).toContain('>le bilan\u00A0: ici</a>\u202F!</p>');
  });

  it('should allow mailto: and tel: links', async () => {
    const out = await html('Écrire à [la presse](mailto:presse@example.gouv.fr) ou [appeler](tel:+33153184619).\n');
    expect(out).toContain('href="mailto:presse@example.gouv.fr"');
    expect(out).toContain('href="tel:+33153184619"');
  });

  it('should output no script element and no event handler attribute', async () => {
    const texts: Array<[string, Lang]> = [
      [release.bodies.fr!.text, 'fr'],
      [release.bodies.en!.text, 'en'],
      ['Écrire \\<script\\>alert(1)\\</script\\> ou onclick="alert(1)" reste du texte.\n', 'fr'],
    ];
    for (const [text, lang] of texts) {
      const out = await html(text, lang);
      expect(out).not.toMatch(/<script/i);
      const tree = fromHtml(out, { fragment: true });
      const handlers: string[] = [];
      visit(tree, 'element', (element: Element) => {
        handlers.push(...Object.keys(element.properties).filter((name) => /^on/i.test(name)));
      });
      expect(handlers).toEqual([]);
    }
  });

  it('should escape markup written in the data', async () => {
    const people = new Map(project.people);
    const person = people.get('marc_ferracci')!;
    people.set('marc_ferracci', { ...person, name: '<script>alert(1)</script> {{lang}}' });
    const hostile = createDocumentProcessor({ ...project, people }, templates);
    const { tree } = await hostile({ lang: 'fr', path: 'test.fr.mdx', text: 'Selon <Person id="marc_ferracci" />.\n' }, release);
    expect(toHtml(tree!)).toBe('<p>Selon <span class="person" data-person="marc_ferracci">&#x3C;script>alert(1)&#x3C;/script> {{lang}}</span>.</p>');
  });
});
