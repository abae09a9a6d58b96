import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
// @ts-expect-error: a script of the project, in plain JavaScript
import { makeScaleContent } from '../../scripts/make-scale-collection.mjs';
import { build, createBuilder, IN_FLIGHT } from '../../src/pipeline/build.js';
import { renderProject } from '../../src/pipeline/render-project.js';
import { renderSheet } from '../../src/render/render-sheet.js';
import { tempDir } from '../helpers/cli.js';

// Counts the sheets rendered, and can make one fail.
const sheets = vi.hoisted(() => ({ rendered: 0, failAt: 0 }));
vi.mock('../../src/render/render-sheet.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/render/render-sheet.js')>();
  return {
    ...original,
    renderSheet: (...args: Parameters<typeof original.renderSheet>) => {
      sheets.rendered++;
      if (sheets.rendered === sheets.failAt) throw new Error(`sheet ${sheets.failAt} could not be rendered`);
      return original.renderSheet(...args);
    },
  };
});

const ROWS = 300;

/** The files below a folder, by path relative to it (its sections followed through their links). */
async function filesOf(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const section of (await readdir(root)).filter((name) => !name.startsWith('.'))) {
    for (const entry of await readdir(join(root, section), { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) files.set(join(entry.parentPath, entry.name).slice(root.length + 1), await readFile(join(entry.parentPath, entry.name), 'utf8'));
    }
  }
  return files;
}

describe("a collection's sheets, streamed", () => {
  let content: string;

  beforeAll(async () => {
    content = await makeScaleContent(join(await tempDir(), 'content'), ROWS);
  });
  beforeEach(() => {
    sheets.rendered = 0;
    sheets.failAt = 0;
  });

  it('should render each sheet only when the sequence of documents reaches it', async () => {
    const rendered = await renderProject({ content });
    expect(rendered.documents.length).toBe(2 * ROWS);
    expect(rendered.documents.withoutSheets).toEqual([]);
    const before = sheets.rendered; // the checks render the first row's sheet in each language
    expect(before).toBeLessThanOrEqual(2);
    let seen = 0;
    for (const doc of rendered.documents) {
      if (++seen === 10) break;
      expect(doc.row).toBe(`c-${String(seen).padStart(5, '0')}`);
    }
    expect(sheets.rendered - before).toBe(10);
  });

  it('should write each sheet a few documents after it is rendered, report its files in order, and build every sheet', async () => {
    const out = await tempDir();
    const reported: string[] = [];
    let ahead = 0;
    const result = await build({
      content,
      out,
      pdf: false,
      onProgress: (done, total, path) => {
        expect(total).toBe(2 * ROWS);
        reported.push(path);
        // Sheets rendered but not yet reported: no more than the documents in flight (and the checks' two).
        ahead = Math.max(ahead, sheets.rendered - done);
      },
    });
    expect(result.files.flatMap((f) => f.messages.filter((m) => m.fatal))).toEqual([]);
    expect(ahead).toBeLessThanOrEqual(IN_FLIGHT + 2);
    const expected = ['fr', 'en'].flatMap((lang) => Array.from({ length: ROWS }, (_, i) => `fiches/territoires/c-${String(i + 1).padStart(5, '0')}/${lang}.html`));
    expect(reported).toEqual(expected);
    const files = await filesOf(out);
    expect([...files.keys()].filter((path) => path.startsWith('fiches/')).sort()).toEqual([...expected].sort());
    expect(files.get('fiches/territoires/c-00217/fr.html')).toContain('Commune fictive n° 217');
    expect(files.get('fiches/territoires/c-00217/en.html')).toContain('Fictitious commune No. 217');

    // The same pages as a session of builds makes them, through its render cache.
    const again = await tempDir();
    const session = createBuilder({ content, out: again, pdf: false });
    try {
      await session.build();
    } finally {
      await session.close();
    }
    expect(await filesOf(again)).toEqual(files);
  });

  it('should stop at a sheet that fails, after writing the ones before it, and leave the output as it was', async () => {
    const out = await tempDir();
    await build({ content, out, pdf: false });
    const before = await filesOf(out);
    sheets.rendered = 0;
    sheets.failAt = 100;
    let done = 0;
    await expect(build({ content, out, pdf: false, onProgress: (count) => void (done = count) })).rejects.toThrow('sheet 100 could not be rendered');
    // It failed on the way, once earlier sheets were written…
    expect(done).toBeGreaterThan(0);
    // …and nothing of it is left: the output is the previous build's, with no generation half-written beside it.
    expect(await filesOf(out)).toEqual(before);
    expect((await readdir(join(out, '.communique'))).filter((name) => name.startsWith('gen-'))).toHaveLength(1);
  });
});
