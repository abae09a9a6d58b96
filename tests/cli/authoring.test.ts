import { readFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyContent, ROOT, runCli, tempDir } from '../helpers/cli.js';

const MINIMAL = join(ROOT, 'tests', 'fixtures', 'minimal');

async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.yaml')).map((e) => join(e.parentPath, e.name));
}

describe('editor support', () => {
  it('should have committed JSON Schemas that match the schemas the tool validates with', async () => {
    const run = await runCli(['schema', '--check']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('should point every YAML file of the demo content at an existing schema', async () => {
    const files = await yamlFiles(join(ROOT, 'content'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const first = (await readFile(file, 'utf8')).split('\n')[0]!;
      const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(match, file).not.toBeNull();
      expect(existsSync(join(dirname(file), match![1]!)), `${file} → ${match![1]}`).toBe(true);
    }
  });

  it('should report an out-of-date schema folder', async () => {
    const content = await copyContent(MINIMAL);
    const run = await runCli(['schema', '--check', '--content', content]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('out of date');
    expect((await runCli(['schema', '--content', content])).code).toBe(0);
    expect((await runCli(['schema', '--check', '--content', content])).code).toBe(0);
  });
});

describe('communique new release', () => {
  it('should scaffold a release that checks without errors, and refuse to overwrite it', async () => {
    const content = await copyContent(MINIMAL);
    const created = await runCli(['new', 'release', 'visite-usine', '--content', content]);
    expect(created.code).toBe(0);
    const dir = join(content, 'releases', 'visite-usine');
    expect((await readdir(dir)).sort()).toEqual(['en.mdx', 'fr.mdx', 'release.yaml']);
    const yaml = await readFile(join(dir, 'release.yaml'), 'utf8');
    expect(yaml).toContain('# yaml-language-server: $schema=../../schemas/release.schema.json');
    expect(yaml).toMatch(/^issuers: \[anct\]$/m);

    const checked = await runCli(['check', '--content', content]);
    expect(checked.stderr).not.toContain(' error ');
    expect(checked.code).toBe(0);

    const before = await readFile(join(dir, 'fr.mdx'), 'utf8');
    const again = await runCli(['new', 'release', 'visite-usine', '--content', content]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists: nothing was written');
    expect(await readFile(join(dir, 'fr.mdx'), 'utf8')).toBe(before);

    const bad = await runCli(['new', 'release', 'Visite Usine', '--content', content]);
    expect(bad.code).toBe(2);
    expect(existsSync(join(content, 'releases', 'Visite Usine'))).toBe(false);
  });
});

describe('communique new review', () => {
  it('should scaffold a review whose chapters pass their own rules, and report its placeholders under --final', async () => {
    const content = await copyContent(MINIMAL);
    expect((await runCli(['new', 'review', 'bilan-2025', '--content', content])).code).toBe(0);
    const dir = join(content, 'reviews', 'bilan-2025');
    expect(await readFile(join(dir, 'fr', '01-introduction.mdx'), 'utf8')).toMatch(/^# Introduction\n/);

    const checked = await runCli(['check', '--content', content]);
    expect(checked.stderr).not.toContain(' error ');
    expect(checked.stderr).not.toContain('chapter-title');
    expect(checked.code).toBe(0);

    // Unedited, it cannot go out: each placeholder is named.
    const final = await runCli(['check', '--final', '--content', content]);
    expect(final.code).toBe(1);
    const placeholders = final.stderr.split('\n').filter((line) => line.includes('placeholder'));
    expect(placeholders.some((line) => line.includes('"Le premier chapitre.'))).toBe(true);
    expect(placeholders.some((line) => line.includes('"The first chapter.'))).toBe(true);
    expect(placeholders.some((line) => line.includes('"title.fr" is still the example'))).toBe(true);
  });
});

describe('terminal output', () => {
  it('should colour messages only when FORCE_COLOR asks and NO_COLOR does not forbid it', async () => {
    const content = await copyContent(MINIMAL);
    const forced = await runCli(['check', '--content', content], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(forced.stderr).toContain('\u001b[');
    const plain = await runCli(['check', '--content', content], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(plain.stderr).not.toContain('\u001b[');
  });

  it('should stay quiet with --quiet and draw no progress line when not on a terminal', async () => {
    const out = await tempDir();
    const quiet = await runCli(['build', '--no-pdf', '--quiet', '--out', out]);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toBe('');
    expect(quiet.stderr).toBe('');
    const normal = await runCli(['build', '--no-pdf', '--out', out]);
    expect(normal.stdout).toMatch(/^Built \d+ files into .+\.\n$/);
    expect(normal.stderr).not.toContain('\r');
  });
});
