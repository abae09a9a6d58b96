import { chmod, cp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, createBuilder, type Builder, type BuiltProject } from '../src/pipeline/build.js';
import { findBrowser } from '../src/pdf/find-browser.js';
import { DEFAULT_TEMPLATES } from '../src/render/create-templates.js';
import { copyContent, pdfText, runCli, tempDir } from './helpers/cli.js';

const FIXTURE = fileURLToPath(new URL('fixtures/collection/', import.meta.url));
const BASE = fileURLToPath(new URL('fixtures/editorial/base-183-territoires/', import.meta.url));
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
    expect([...broken.written]).toEqual([]);
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

/** Every file of an output folder (its caches aside) with its bytes, by path; the folders swapped in are links, followed. */
async function outputFiles(out: string, dir = out, files = new Map<string, Buffer>()): Promise<Map<string, Buffer>> {
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    if (path === join(out, '.communique')) continue;
    if ((await stat(path)).isDirectory()) await outputFiles(out, path, files);
    else files.set(relative(out, path), await readFile(path));
  }
  return files;
}

/** The entries of the render cache of an output folder. */
const renderEntries = async (out: string) => (await readdir(join(out, '.communique', 'render'))).filter((name) => name.endsWith('.bin'));

describe('builds that share only the output folder: new sessions, new processes (the caches on disk)', () => {
  it('should take every text and page from the render cache in a second build, and write the same bytes', async () => {
    const content = await copyContent(FIXTURE);
    const out = await tempDir();
    const first = await build({ content, out, pdf: false });
    expect(first.fromDisk).toBe(0);
    const written = await outputFiles(out);
    const second = await build({ content, out, pdf: false });
    expect(second.fromDisk).toBe((await renderEntries(out)).length);
    expect(second.fromDisk).toBeGreaterThan(0);
    expect(written.size).toBeGreaterThan(6);
    expect(await outputFiles(out)).toEqual(written);

    // A one-word edit of the French text: its body and its pages are rendered again, the English ones come from disk.
    const fr = join(content, 'collections', 'usines', 'fr.mdx');
    await writeFile(fr, (await readFile(fr, 'utf8')).replace('compte', 'réunit'));
    const edited = await build({ content, out, pdf: false });
    expect(edited.fromDisk).toBe(second.fromDisk / 2);
    const after = await outputFiles(out);
    expect(after.get('fiches/usines/beta/fr.html')!.toString()).toContain('réunit');
    for (const [path, bytes] of written) if (path.endsWith('en.html')) expect(after.get(path)).toEqual(bytes);
  });

  it('should report the warnings of a text taken from the render cache as a fresh render does', async () => {
    const content = await copyContent(BASE);
    const quotes = join(content, 'data', 'quotes.yaml');
    await writeFile(quotes, (await readFile(quotes, 'utf8')).replace('dans les territoires.', 'dans nos territoires.'));
    const out = await tempDir();
    const warnings = (result: BuiltProject) => result.files.flatMap((f) => f.messages.filter((m) => m.fatal === false).map((m) => ({ file: f.path, reason: m.reason, ruleId: m.ruleId, line: m.line, column: m.column, place: m.place, url: m.url })));
    const first = await build({ content, out, pdf: false });
    expect(warnings(first)).toEqual([expect.objectContaining({ file: expect.stringMatching(/releases\/183-territoires-industrie\/fr\.mdx$/), ruleId: 'quote-not-approved', line: 20 })]);
    const second = await build({ content, out, pdf: false });
    expect(second.fromDisk).toBeGreaterThan(0);
    expect(warnings(second)).toEqual(warnings(first));
    // --final still refuses to write while it stands.
    const final = await build({ content, out, pdf: false, final: true });
    expect([...final.written]).toEqual([]);
    expect(final.files.flatMap((f) => f.messages.filter((m) => m.fatal === true).map((m) => m.ruleId))).toEqual(['quote-not-approved']);
  });

  it('should start no browser in a new process when no PDF changed', async () => {
    const content = await copyContent(FIXTURE);
    const out = await tempDir();
    // A browser that counts its starts.
    const dir = await tempDir();
    const starts = join(dir, 'starts');
    const chrome = join(dir, 'chrome');
    await writeFile(chrome, `#!/bin/sh\necho started >> ${starts}\nexec ${findBrowser()} "$@"\n`);
    await chmod(chrome, 0o755);
    const env = { CHROME_PATH: chrome, SOURCE_DATE_EPOCH: '1700000000' };
    const first = await runCli(['build', '--content', content, '--out', out], { env });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('6 PDFs printed');
    expect((await readFile(starts, 'utf8')).trim().split('\n')).toHaveLength(1);
    const written = await outputFiles(out);
    const second = await runCli(['build', '--content', content, '--out', out], { env });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('0 of 6 PDFs printed');
    expect((await readFile(starts, 'utf8')).trim().split('\n')).toHaveLength(1);
    expect(await outputFiles(out)).toEqual(written);
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
