import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { describe, expect, it } from 'vitest';
import { report } from '../../src/core/messages.js';
import { openDiskRenderCache, renderIdentity } from '../../src/output/disk-render-cache.js';
import { tempDir } from '../helpers/cli.js';

/** The folder of a fresh cache. */
const cacheDir = async () => join(await tempDir('communique-render-cache-'), '.communique', 'render');

/** The entries of a cache folder. */
const entries = async (dir: string) => (await readdir(dir)).filter((name) => name.endsWith('.bin')).sort();

/** A processed body as the MDX stage gives it: a file with its text, data and messages, and its HTML. */
function processedBody() {
  const file = new VFile({ path: 'releases/demo/fr.mdx', value: 'Le programme compte 2 800 actions.\n', data: { lang: 'fr', prose: [{ type: 'paragraph', text: 'Le programme', segments: [], place: undefined }] } });
  report(file, 'The quote "q1" (fr) is not approved yet: it is printed as a draft.', 'quote-not-approved', 'warning', { start: { line: 3, column: 1, offset: 40 }, end: { line: 3, column: 18, offset: 57 } });
  report(file, 'An info.', 'unused', 'info');
  return { file, html: '<p>Le programme compte 2 800 actions.</p>' };
}

/** What a reader of a message sees: its fields (the stack aside) and its class. */
const fieldsOf = (message: VFileMessage) => ({ ...Object.fromEntries(Object.entries(message).filter(([name]) => name !== 'stack')), isMessage: message instanceof VFileMessage });

/** Runs `get` on a fresh cache on `dir` and saves it, as one build does. */
async function oneBuild<T>(dir: string, get: (cache: Awaited<ReturnType<typeof openDiskRenderCache>>) => T, identity = 'test') {
  const cache = await openDiskRenderCache(dir, { identity });
  const value = await get(cache);
  cache.sweep();
  await cache.save({ prune: true });
  return { value, disk: cache.disk };
}

describe('openDiskRenderCache', () => {
  it('should give a processed body back in the next build exactly: text, data, HTML, messages with their places and rules', async () => {
    const dir = await cacheDir();
    const body = processedBody();
    const first = await oneBuild(dir, (cache) => cache.get('body', 'k1', () => Promise.resolve(body)));
    expect(first.disk).toEqual({ read: 0, written: 1 });
    const second = await oneBuild(dir, (cache) => cache.get('body', 'k1', (): Promise<typeof body> => {
      throw new Error('should come from disk');
    }));
    expect(second.disk).toEqual({ read: 1, written: 0 });
    const again = second.value;
    expect(again).not.toBe(body);
    expect(again.html).toBe(body.html);
    expect(again.file).toBeInstanceOf(VFile);
    expect(again.file.path).toBe(body.file.path);
    expect(again.file.value).toBe(body.file.value);
    expect(again.file.data).toEqual(body.file.data);
    expect(Object.keys(again.file.data.prose![0]!)).toContain('place'); // an undefined field stays
    expect(again.file.messages.map(fieldsOf)).toEqual(body.file.messages.map(fieldsOf));
    expect(again.file.messages[0]).toMatchObject({ ruleId: 'quote-not-approved', fatal: false, line: 3, column: 1, source: 'communique' });
  });

  it('should leave the project out of a cached file, and keep in memory only what it cannot write', async () => {
    const dir = await cacheDir();
    const withDocument = { file: new VFile({ path: 'a.mdx', value: 'x', data: { document: { slug: 'demo' } as never } }), html: '<p>x</p>' };
    const withFunction = { html: '<p>y</p>', numbered: { anchors: ['a'], render: () => 'z' } };
    await oneBuild(dir, (cache) => {
      cache.get('page', 'p1', () => withFunction);
      return cache.get('body', 'b1', () => Promise.resolve(withDocument));
    });
    expect(await entries(dir)).toHaveLength(1);
    const next = await oneBuild(dir, async (cache) => ({ body: await cache.get('body', 'b1', () => Promise.resolve(withDocument)), page: cache.get('page', 'p1', () => 'computed') }));
    expect(next.value.body.file.data.document).toBeUndefined();
    expect(next.value.page).toBe('computed');
  });

  it('should keep in memory only the kinds it is not told to write (parsed YAML, templates)', async () => {
    const dir = await cacheDir();
    await oneBuild(dir, (cache) => cache.get('yaml', 'y1', () => ({ data: 1 })));
    expect(await entries(dir)).toEqual([]);
  });

  it('should ignore a damaged or misplaced entry and compute the result again', async () => {
    const dir = await cacheDir();
    const keys = ['p1', 'p2', 'p3'];
    await oneBuild(dir, (cache) => keys.map((key) => cache.get('page', key, () => ({ html: `<p>${key}</p>` }))));
    const entry = (key: string) => join(dir, `${createHash('sha256').update(`page\0${key}`).digest('hex')}.bin`);
    const bytes = await readFile(entry('p1'));
    bytes[bytes.length - 3] ^= 0xff;
    await writeFile(entry('p1'), bytes);
    // p2's entry copied over p3's: whole, but not the result of that key.
    await writeFile(entry('p3'), await readFile(entry('p2')));
    const next = await oneBuild(dir, (cache) => keys.map((key) => cache.get('page', key, () => ({ html: `computed ${key}` }))));
    expect(next.value).toEqual([{ html: 'computed p1' }, { html: '<p>p2</p>' }, { html: 'computed p3' }]);
    expect(next.disk.read).toBe(1);
  });

  it("should wipe a cache written by another version of the tool", async () => {
    const dir = await cacheDir();
    await oneBuild(dir, (cache) => cache.get('page', 'p1', () => ({ html: 'old' })), 'communique@0.0.1');
    expect(await entries(dir)).toHaveLength(1);
    const next = await oneBuild(dir, (cache) => cache.get('page', 'p1', () => ({ html: 'new' })), 'communique@0.0.2');
    expect(next.value).toEqual({ html: 'new' });
    expect(next.disk.read).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8'))).toMatchObject({ identity: 'communique@0.0.2' });
  });

  it('should delete the entries a whole build did not ask for, and keep those it took from memory', async () => {
    const dir = await cacheDir();
    await oneBuild(dir, (cache) => [cache.get('page', 'p1', () => ({ html: '1' })), cache.get('page', 'p2', () => ({ html: '2' }))]);
    expect(await entries(dir)).toHaveLength(2);
    // A session: the second build takes p1 from memory, and no longer asks for p2.
    const cache = await openDiskRenderCache(dir, { identity: 'test' });
    cache.get('page', 'p1', () => ({ html: '1' }));
    cache.sweep();
    await cache.save({ prune: false });
    cache.get('page', 'p1', () => ({ html: '1' }));
    cache.sweep();
    await cache.save({ prune: true });
    expect(await entries(dir)).toHaveLength(1);
    const next = await oneBuild(dir, (c) => c.get('page', 'p1', () => ({ html: 'computed' })));
    expect(next.value).toEqual({ html: '1' });
  });

  it("should name the tool's version, Node's and the installed packages in its identity", async () => {
    const identity = JSON.parse(await renderIdentity()) as Record<string, string>;
    expect(identity['tool']).toMatch(/^communique@\d/);
    expect(identity['node']).toBe(process.versions.node);
    expect(identity['code']).toMatch(/^[0-9a-f]{64}$/);
  });
});
