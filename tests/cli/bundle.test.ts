import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeScaleContent } from '../../scripts/make-scale-collection.mjs';
import { pdfFonts, ROOT, tempDir } from '../helpers/cli.js';

/** What a run of the command from a copy of the tool did, with the modules it loaded (from Node's log of them). */
interface ToolRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The paths of the modules loaded, below the tool's folder. */
  readonly loaded: string[];
}

/** Runs the command from a copy of the tool. */
function runTool(tool: string, args: readonly string[]): Promise<ToolRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(tool, 'bin', 'communique.js'), ...args],
      { env: { ...process.env, NODE_DEBUG: 'esm', NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const loaded = [...new Set([...stderr.matchAll(/file:\/\/(\S+?\.js)\b/g)].map((m) => m[1]!.slice(tool.length)))];
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr: stderr.replace(/^ESM \d+:.*\n(?:[ }].*\n)*/gm, ''), loaded });
      },
    );
  });
}

const MINIMAL = join(ROOT, 'tests', 'fixtures', 'minimal');

describe('the command, bundled', () => {
  let tool: string;

  beforeAll(async () => {
    // A copy of the tool as installed (the tests' global setup compiled and bundled dist/), so that this test may
    // touch its modules without changing what the other tests run. Its packages are the installed ones, but its
    // cache of print fonts (node_modules/.cache) is its own, empty: as on a machine where it never printed.
    tool = await tempDir('communique-tool-');
    for (const part of ['bin', 'dist', 'templates', 'package.json', 'README.md']) await cp(join(ROOT, part), join(tool, part), { recursive: true, preserveTimestamps: true });
    await mkdir(join(tool, 'node_modules'));
    for (const name of await readdir(join(ROOT, 'node_modules'))) {
      if (name !== '.cache') await symlink(join(ROOT, 'node_modules', name), join(tool, 'node_modules', name));
    }
  });
  afterAll(() => rm(tool, { recursive: true, force: true }));

  it('should run from the bundle, one script, when the bundle is up to date', async () => {
    const run = await runTool(tool, ['check', '--content', MINIMAL]);
    expect(run.code).toBe(0);
    // The bundle is a script: no module is loaded but the entry point and the code cache's loader.
    expect(run.loaded).toEqual(['/bin/communique.js', '/dist/core/code-cache.js']);
  });

  it('should keep the code cache of a command, use it, and make it again when it is damaged', async () => {
    const codeDir = join(tool, 'node_modules', '.cache', 'communique', 'code');
    await rm(codeDir, { recursive: true, force: true });
    const first = await runTool(tool, ['check', '--content', MINIMAL]);
    expect(first.code).toBe(0);
    const [cache, ...others] = await readdir(codeDir);
    expect(others).toEqual([]);
    expect(cache).toMatch(/^[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+-check\.bin$/);
    const made = await stat(join(codeDir, cache!));
    expect(made.size).toBeGreaterThan(100_000);

    // Used as it is: not written again.
    const second = await runTool(tool, ['check', '--content', MINIMAL]);
    expect(second.stdout).toBe(first.stdout);
    expect((await stat(join(codeDir, cache!))).mtimeMs).toBe(made.mtimeMs);

    // Damaged: V8 refuses it, the command runs the same and writes a good one.
    await writeFile(join(codeDir, cache!), Buffer.alloc(made.size, 7));
    const third = await runTool(tool, ['check', '--content', MINIMAL]);
    expect(third.code).toBe(0);
    expect(third.stdout).toBe(first.stdout);
    expect((await readFile(join(codeDir, cache!))).equals(Buffer.alloc(made.size, 7))).toBe(false);
  });

  it('should run a build of a large collection without code cache, compiled under the flags of a long build', async () => {
    // The same content, with a dataset of 9,000 made-up rows (over 1 MB) and of 200; an error in communique.yaml
    // stops both builds before their rows are read: what differs is only what was decided before compiling.
    const build = async (rows: number) => {
      const content = await makeScaleContent(join(await tempDir(), 'content'), rows);
      await writeFile(join(content, 'communique.yaml'), 'tolerance: [\n');
      const codeDir = join(tool, 'node_modules', '.cache', 'communique', 'code');
      await rm(codeDir, { recursive: true, force: true });
      const run = await runTool(tool, ['build', '--quiet', '--no-pdf', '--content', content, '--out', join(await tempDir(), 'site')]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('communique.yaml');
      return existsSync(codeDir) ? await readdir(codeDir) : [];
    };
    expect(await build(9000)).toEqual([]);
    expect((await build(200)).filter((name) => name.endsWith('-build.bin'))).toHaveLength(1);
  });

  it('should convert the print fonts to TrueType on its first print, and print with them', async () => {
    const out = join(await tempDir(), 'site');
    const run = await runTool(tool, ['build', '--quiet', '--content', MINIMAL, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    // The printer's thread too runs a script, with its own loader.
    expect(run.loaded.sort()).toEqual(['/bin/communique.js', '/dist/core/code-cache.js', '/dist/pdf/printer-worker-loader.js']);
    // The printer's thread ran its own script with its code cache, written when its printer closed.
    const code = await readdir(join(tool, 'node_modules', '.cache', 'communique', 'code'));
    expect(code.filter((name) => name.endsWith('-printer.bin'))).toHaveLength(1);
    // The caches know the code that wrote them: the render cache the bundle's hash, the PDF cache a hash of the
    // compiled modules of dist/pdf, which the bundle was made from (not of nothing: sha256 of no byte is e3b0c442…).
    const { id } = JSON.parse(await readFile(join(tool, 'dist', 'bundle', 'bundled-from.json'), 'utf8')) as { id: string };
    const identity = async (cache: string) => (JSON.parse(await readFile(join(out, '.communique', cache, 'meta.json'), 'utf8')) as { identity: string }).identity;
    expect(JSON.parse(await identity('render'))).toMatchObject({ bundle: id });
    expect(await identity('cache')).toMatch(/ code:(?!e3b0c44298fc1c14)[0-9a-f]{16}$/);
    const fonts = pdfFonts(join(out, 'communiques', 'demo', 'fr.pdf')).join('\n');
    expect(fonts).toMatch(/Marianne-\w+\s+CID TrueType/);
    expect(fonts).not.toMatch(/Type 3/);
    // The fonts it converted are TrueType (version 1.0 outlines), served wrapped as WOFF around TrueType.
    const cache = join(tool, 'node_modules', '.cache', 'communique', 'fonts');
    const files = await readdir(cache);
    expect(files.some((name) => name.endsWith('.ttf'))).toBe(true);
    for (const name of files) {
      const bytes = await readFile(join(cache, name));
      expect(bytes.toString('hex', name.endsWith('.woff') ? 4 : 0, name.endsWith('.woff') ? 8 : 4), name).toBe('00010000');
    }
  });

  it('should run from the compiled modules, with the same result, when one was compiled after the bundle', async () => {
    const bundled = await runTool(tool, ['check', '--content', MINIMAL]);
    const module = join(tool, 'dist', 'load', 'load-project.js');
    const { atime, mtime } = await stat(module);
    const later = new Date(Date.now() + 60_000);
    await utimes(module, later, later);
    try {
      const run = await runTool(tool, ['check', '--content', MINIMAL]);
      expect(run.code).toBe(0);
      expect(run.loaded).toContain('/dist/cli/main.js');
      expect(run.loaded).toContain('/dist/load/load-project.js');
      expect(run.stdout).toBe(bundled.stdout);
    } finally {
      await utimes(module, atime, mtime);
    }
  });
});
