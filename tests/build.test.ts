import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, createBuilder, type Builder, type BuiltProject } from '../src/pipeline/build.js';
import { DEFAULT_TEMPLATES } from '../src/render/create-templates.js';
import { copyContent, pdfText, tempDir } from './helpers/cli.js';

const FIXTURE = fileURLToPath(new URL('fixtures/collection/', import.meta.url));
const TEMPLATES = DEFAULT_TEMPLATES;

describe('a session of builds (createBuilder)', () => {
  let content: string;
  let out: string;
  let builder: Builder;
  let first: BuiltProject;

  beforeAll(async () => {
    content = await copyContent(FIXTURE);
    out = await tempDir();
    builder = createBuilder({ content, out });
    first = await builder.build();
  });
  afterAll(() => builder.close());

  it('should build everything the first time', () => {
    expect(first.written.filter((p) => p.endsWith('.pdf'))).toHaveLength(6);
    expect(first.printed).toBe(6);
    expect(first.reused).toBe(0);
  });

  it('should redo only the French sheets after a one-word edit of the French text, and print only their PDFs', async () => {
    const fr = join(content, 'collections', 'usines', 'fr.mdx');
    await writeFile(fr, (await readFile(fr, 'utf8')).replace('compte', 'réunit'));
    const second = await builder.build();
    expect(second.files.flatMap((f) => f.messages.filter((m) => m.fatal))).toEqual([]);
    expect(second.printed).toBe(3);
    // The English pages and PDFs, the assets: linked unchanged from the previous build.
    const english = second.written.filter((p) => p.includes('/en.'));
    expect(english).toHaveLength(6);
    expect(second.reused).toBeGreaterThanOrEqual(english.length);
    expect(pdfText(join(out, 'fiches', 'usines', 'beta', 'fr.pdf'))).toContain('Le territoire Bêta, la Haute réunit 1 250 emplois');
    expect(pdfText(join(out, 'fiches', 'usines', 'beta', 'en.pdf'))).toContain('Upper Beta has 1,250 industrial jobs');
  });

  it('should keep the last output when an edit breaks the text, and build again once it is fixed', async () => {
    const fr = join(content, 'collections', 'usines', 'fr.mdx');
    const good = await readFile(fr, 'utf8');
    await writeFile(fr, good.replace('<Field name="part" />', '<Field name="parts" />'));
    const broken = await builder.build();
    expect(broken.written).toEqual([]);
    expect(broken.files.flatMap((f) => f.messages.filter((m) => m.fatal).map((m) => m.reason))).toEqual([expect.stringContaining('Unknown field "parts"')]);
    expect(pdfText(join(out, 'fiches', 'usines', 'beta', 'fr.pdf'))).toContain('réunit');
    await writeFile(fr, good);
    const fixed = await builder.build();
    expect(fixed.printed).toBe(0);
    expect(fixed.written.filter((p) => p.endsWith('.pdf'))).toHaveLength(6);
  });

  it('should print every PDF again when only the stylesheet changes', async () => {
    const templates = await tempDir();
    await cp(TEMPLATES, templates, { recursive: true });
    const folder = await tempDir();
    const session = createBuilder({ content, out: folder, templates, pdf: true });
    try {
      const before = await session.build();
      expect(before.printed).toBe(6);
      const pdf = join(folder, [...before.rendered.documents][0]!.path.replace(/\.html$/, '.pdf'));
      const printedBefore = await readFile(pdf);
      const css = join(templates, 'styles', 'communique.css');
      await writeFile(css, `${await readFile(css, 'utf8')}\nbody { letter-spacing: 0.3em; }\n`);
      const after = await session.build();
      expect(after.printed).toBe(6);
      expect((await readFile(pdf)).equals(printedBefore)).toBe(false);
    } finally {
      await session.close();
    }
  });
});

describe('a single build (build)', () => {
  it("should report each sheet's page then its PDF, in the sheets' order, whether printed or taken from the PDF cache", async () => {
    const content = await copyContent(FIXTURE);
    const out = await tempDir();
    const expected = ['fr', 'en'].flatMap((lang) => ['alpha', 'beta', 'gamma'].flatMap((row) => ['html', 'pdf'].map((ext) => `fiches/usines/${row}/${lang}.${ext}`)));
    for (const printed of [6, 0]) {
      const reported: string[] = [];
      const result = await build({ content, out, onProgress: (done, total, path) => void reported.push(`${done}/${total} ${path}`) });
      expect(result.printed).toBe(printed);
      expect(reported).toEqual(expected.map((path, i) => `${i + 1}/12 ${path}`));
    }
    expect(pdfText(join(out, 'fiches', 'usines', 'gamma', 'en.pdf'))).toContain('Gamma');
  });
});
