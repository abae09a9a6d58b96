import { execFile } from 'node:child_process';
import { cp, rm, symlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

/** Runs `communique check` from a copy of the tool, with Node's log of the modules it loads. */
function checkLoading(tool: string): Promise<{ code: number; loaded: string[]; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(tool, 'bin', 'communique.js'), 'check', '--content', join(ROOT, 'tests', 'fixtures', 'minimal')],
      { env: { ...process.env, NODE_DEBUG: 'esm', NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const loaded = [...new Set([...stderr.matchAll(/file:\/\/(\S+?\.js)\b/g)].map((m) => m[1]!.slice(tool.length)))];
        resolve({ code: error ? Number(error.code ?? 1) : 0, loaded, stdout });
      },
    );
  });
}

describe('the command, bundled', () => {
  let tool: string;

  beforeAll(async () => {
    // A copy of the tool as installed (the tests' global setup compiled and bundled dist/), so that this test may
    // touch its modules without changing what the other tests run.
    tool = await tempDir('communique-tool-');
    for (const part of ['bin', 'dist', 'templates', 'package.json', 'README.md']) await cp(join(ROOT, part), join(tool, part), { recursive: true, preserveTimestamps: true });
    await symlink(join(ROOT, 'node_modules'), join(tool, 'node_modules'));
  });
  afterAll(() => rm(tool, { recursive: true, force: true }));

  it('should run from the bundle, a few files, when the bundle is up to date', async () => {
    const run = await checkLoading(tool);
    expect(run.code).toBe(0);
    expect(run.loaded).toContain('/dist/bundle/main.js');
    expect(run.loaded.filter((path) => /^\/dist\/(?!bundle\/)/.test(path))).toEqual([]);
    expect(run.loaded.filter((path) => path.startsWith('/node_modules/'))).toEqual([]);
    expect(run.loaded.length).toBeLessThan(40);
  });

  it('should run from the compiled modules, with the same result, when one was compiled after the bundle', async () => {
    const bundled = await checkLoading(tool);
    const later = new Date(Date.now() + 60_000);
    await utimes(join(tool, 'dist', 'load', 'load-project.js'), later, later);
    const run = await checkLoading(tool);
    expect(run.code).toBe(0);
    expect(run.loaded).toContain('/dist/cli/main.js');
    expect(run.loaded).toContain('/dist/load/load-project.js');
    expect(run.loaded.filter((path) => path.startsWith('/dist/bundle/'))).toEqual([]);
    expect(run.stdout).toBe(bundled.stdout);
  });
});
