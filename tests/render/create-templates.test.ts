import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Root } from 'hast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../../src/render/create-templates.js';
import { CommuniqueError } from '../../src/core/errors.js';
import { loadProject } from '../../src/load/load-project.js';
import type { Project, Release } from '../../src/load/project.js';
import { createTemplates, cssString, type Templates } from '../../src/render/create-templates.js';
import { renderRelease } from '../../src/render/render-release.js';

const MINIMAL = fileURLToPath(new URL('../fixtures/minimal/', import.meta.url));

let templates: Templates;
let project: Project;
let release: Release;

beforeAll(async () => {
  templates = await createTemplates(DEFAULT_TEMPLATES);
  project = (await loadProject(MINIMAL)).project!;
  release = project.releases[0]!;
});

/** The content of the page's <style> element. */
function styleOf(html: string): string {
  return /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
}

/** A release's body as the document processor gives it: <p>Corps</p>. */
const BODY: Root = { type: 'root', children: [{ type: 'element', tagName: 'p', properties: {}, children: [{ type: 'text', value: 'Corps' }] }] };

describe('cssString', () => {
  it('should quote plain text as it is', () => {
    expect(cssString('Contact presse : presse@anct.gouv.fr')).toBe('"Contact presse : presse@anct.gouv.fr"');
  });

  it('should escape double quotes and backslashes', () => {
    expect(cssString('a"b')).toBe('"a\\22 b"');
    expect(cssString('a\\b')).toBe('"a\\5C b"');
    expect(cssString('\\"')).toBe('"\\5C \\22 "');
  });

  it('should escape newlines, carriage returns and form feeds', () => {
    expect(cssString('a\nb')).toBe('"a\\A b"');
    expect(cssString('a\r\fb')).toBe('"a\\D \\C b"');
  });

  it('should escape </style> so the string cannot end the style element', () => {
    expect(cssString('</style><script>')).toBe('"\\3C /style\\3E \\3C script\\3E "');
  });

  it('should never let a hostile value out of the string', () => {
    const hostile = ['"; } body { display: none', '\\"; }', 'a\n}', '</STYLE >', 'x\\\n"'];
    for (const value of hostile) {
      const css = cssString(value);
      expect(css.slice(1, -1)).not.toMatch(/["<>\n\r\f]|\\(?![0-9A-F]{1,6} )/);
    }
  });
});

describe('createTemplates', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'communique-templates-'));
    await cp(DEFAULT_TEMPLATES, dir, { recursive: true });
    await writeFile(join(dir, 'layouts', 'unknown-string.hbs'), '<p>{{t "no_such_string"}}</p>\n');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('should give the UI string of the page language', async () => {
    const copy = await createTemplates(dir);
    expect(copy.partial('review-link', { lang: 'fr', href: 'https://example.org' })).toContain('>Consulter le bilan complet</a>');
    expect(copy.partial('review-link', { lang: 'en', href: 'https://example.org' })).toContain('>Read the full review</a>');
  });

  it('should throw a clear error for an unknown UI string', async () => {
    const copy = await createTemplates(dir);
    let error: unknown;
    try {
      copy.layout('unknown-string', { lang: 'fr' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CommuniqueError);
    expect(error).toMatchObject({ name: 'TemplateString', message: 'No UI string "no_such_string" for language "fr".' });
    expect((error as CommuniqueError).hint).toContain('templates/i18n/fr.yaml');
  });

  it('should throw a clear error for a missing template', async () => {
    expect(() => templates.partial('no-such-partial', { lang: 'fr' })).toThrow(/No partial template "no-such-partial"/);
  });

  it('should escape markup and braces in the data of a partial', () => {
    expect(templates.partial('person', { lang: 'fr', id: 'x" onmouseover="alert(1)', name: '<script>alert(1)</script> {{lang}}', role: null })).toBe(
      '<span class="person" data-person="x&quot; onmouseover&#x3D;&quot;alert(1)">&lt;script&gt;alert(1)&lt;/script&gt; {{lang}}</span>\n',
    );
  });

  it('should escape a title with <script> and {{ in the page', () => {
    const title = { fr: 'Bilan <script>alert(1)</script> {{lang}} fin', en: 'Review' };
    const page = renderRelease(project, templates, { ...release, settings: { ...release.settings, title } }, 'fr', BODY);
    expect(page.html).toContain('<title>Bilan &lt;script&gt;alert(1)&lt;/script&gt; {{lang}} fin</title>');
    expect(page.html).toContain('>Bilan &lt;script&gt;alert(1)&lt;/script&gt; {{lang}} fin</h1>');
    expect(page.html).not.toMatch(/<script/i);
  });

  it('should keep an address with "</style>" inside the stylesheet string of the page', () => {
    const organisations = new Map(project.organisations);
    const anct = organisations.get('anct')!;
    organisations.set('anct', { ...anct, address: 'a\\b </style><script>alert(1)</script>' });
    const page = renderRelease({ ...project, organisations }, templates, release, 'fr', BODY);
    expect(page.html.match(/<\/style>/g)).toHaveLength(1);
    expect(styleOf(page.html)).toContain('"a\\5C b \\3C /style\\3E \\3C script\\3E alert(1)\\3C /script\\3E "');
    expect(page.html).not.toMatch(/<script/i);
  });
});
