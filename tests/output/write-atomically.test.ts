import { cp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeAtomically } from '../../src/output/write-atomically.js';
import { recordTranslation } from '../../src/pipeline/record-translation.js';
import { tempDir } from '../helpers/cli.js';

const BASE = fileURLToPath(new URL('../fixtures/editorial/base-183-territoires/', import.meta.url));

describe('writeAtomically', () => {
  it('should replace a file by a new one, leaving no temporary file beside it', async () => {
    const dir = await tempDir('communique-atomic-');
    const path = join(dir, 'release.yaml');
    await writeFile(path, 'title: old\n');
    const before = await stat(path);
    await writeAtomically(path, 'title: new\n');
    expect(await readFile(path, 'utf8')).toBe('title: new\n');
    // A rename puts another file in place: a reader holding the old one never sees it change under it.
    expect((await stat(path)).ino).not.toBe(before.ino);
    expect(await readdir(dir)).toEqual(['release.yaml']);
  });

  it('should leave the file as it was when the new one cannot be written', async () => {
    const dir = await tempDir('communique-atomic-');
    const path = join(dir, 'missing-folder', 'release.yaml');
    await expect(writeAtomically(path, 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('communique translated', () => {
  it('should write the translation record into a new release.yaml, renamed over the old one', async () => {
    const root = await tempDir('communique-translated-');
    await cp(BASE, root, { recursive: true });
    const slug = (await readdir(join(root, 'releases')))[0]!;
    const path = join(root, 'releases', slug, 'release.yaml');
    const before = await stat(path);
    const result = await recordTranslation(join(root, 'releases', slug), 'en');
    expect(result.files.flatMap((f) => f.messages)).toEqual([]);
    expect(await readFile(path, 'utf8')).toContain('translation:');
    expect((await stat(path)).ino).not.toBe(before.ino);
    expect((await readdir(join(root, 'releases', slug))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
