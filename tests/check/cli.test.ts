import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonMessage } from '../../src/check/json-report.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONTENT = join(ROOT, 'content');
const SLUG = 'territoires-industrie-bilan';

/** Runs the compiled CLI as a user would. */
function communique(...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/communique.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json(stdout: string): JsonMessage[] {
  return JSON.parse(stdout) as JsonMessage[];
}

const temporary: string[] = [];

/** A copy of the demo content with `edit` applied to one of its files. */
async function contentWith(file: string, find: string, replace: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'communique-cli-'));
  temporary.push(dir);
  const content = join(dir, 'content');
  await cp(CONTENT, content, { recursive: true });
  const path = join(content, file);
  const text = await readFile(path, 'utf8');
  expect(text).toContain(find);
  await writeFile(path, text.replace(find, replace));
  return content;
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    spawnSync(process.execPath, [tsc, '-p', ROOT], { stdio: 'inherit' });
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('communique check and build --final', () => {
  it('should find no error and no warning in the demo content', () => {
    const { status, stdout } = communique('check', '--content', CONTENT, '--format', 'json');
    const messages = json(stdout);
    expect(messages.filter((m) => m.severity !== 'info')).toEqual([]);
    expect(status).toBe(0);
  });

  it('should name both files when a digit changes in en.mdx', async () => {
    const content = await contentWith(`releases/${SLUG}/en.mdx`, 'Since November 2023,', 'Since November 2024,');
    const { status, stdout } = communique('check', '--content', content, '--format', 'json');
    expect(status).toBe(1);
    const parity = json(stdout).filter((m) => m.ruleId === 'figure-parity');
    expect(parity.map((m) => [m.file.split('/').pop(), m.line, m.severity])).toEqual([
      ['en.mdx', 7, 'error'],
      ['fr.mdx', 7, 'error'],
    ]);
    const [en, fr] = parity;
    expect(en!.message).toMatch(/fr\.mdx:7:\d+/);
    expect(fr!.message).toMatch(/en\.mdx:7:\d+/);
    expect(en!.message).toContain('2024');
    expect(en!.message).toContain('2023');
  });

  it('should print human output grouped by file with a summary line', async () => {
    const content = await contentWith(`releases/${SLUG}/en.mdx`, 'Since November 2023,', 'Since November 2024,');
    const { status, stderr } = communique('check', '--content', content);
    expect(status).toBe(1);
    expect(stderr).toMatch(/en\.mdx\n\s*7:\d+-7:\d+\s+error\s+The English text gives November 2024 here, but the French text gives novembre 2023/);
    expect(stderr).toContain('figure-parity');
    expect(stderr).toMatch(/communique check: 2 errors; fix the errors above/);
  });

  it('should write nothing with build --final while an error stands', async () => {
    const content = await contentWith(`releases/${SLUG}/en.mdx`, 'Since November 2023,', 'Since November 2024,');
    const out = join(content, '..', 'output');
    const { status, stderr } = communique('build', '--final', '--no-pdf', '--content', content, '--out', out);
    expect(status).toBe(1);
    expect(stderr).toContain('nothing was written');
    expect(existsSync(out)).toBe(false);
  });

  it('should leave an existing output untouched when build --final finds an error', async () => {
    const content = await contentWith(`releases/${SLUG}/en.mdx`, 'Since November 2023,', 'Since November 2024,');
    const out = join(content, '..', 'output');
    expect(communique('build', '--no-pdf', '--content', CONTENT, '--out', out).status).toBe(0);
    const before = await readFile(join(out, `communiques/${SLUG}/en.html`), 'utf8');
    expect(communique('build', '--final', '--no-pdf', '--content', content, '--out', out).status).toBe(1);
    expect(await readFile(join(out, `communiques/${SLUG}/en.html`), 'utf8')).toBe(before);
  });

  it('should turn warnings into errors under --final only', async () => {
    const content = await contentWith(`releases/${SLUG}/fr.mdx`, 'Ce sont plus de <Indicator id="actions" /> actions', 'Ce sont plus de 2 800 actions');
    const out = join(content, '..', 'output');
    const plain = communique('check', '--content', content, '--format', 'json');
    expect(plain.status).toBe(0);
    expect(json(plain.stdout).map((m) => [m.ruleId, m.severity])).toContainEqual(['unbound-figure', 'warning']);
    const final = communique('check', '--final', '--content', content, '--format', 'json');
    expect(final.status).toBe(1);
    expect(json(final.stdout).map((m) => [m.ruleId, m.severity])).toContainEqual(['unbound-figure', 'error']);
    expect(communique('build', '--final', '--no-pdf', '--content', content, '--out', out).status).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(communique('build', '--no-pdf', '--content', content, '--out', out).status).toBe(0);
    expect(existsSync(join(out, `communiques/${SLUG}/fr.html`))).toBe(true);
  });

  it('should build the clean demo content with build --final --no-pdf', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'communique-cli-'));
    temporary.push(dir);
    const out = join(dir, 'output');
    const { status, stdout } = communique('build', '--final', '--no-pdf', '--content', CONTENT, '--out', out);
    expect(status).toBe(0);
    expect(stdout).toMatch(/Built \d+ files/);
    for (const lang of ['fr', 'en']) expect(existsSync(join(out, `communiques/${SLUG}/${lang}.html`))).toBe(true);
  });
});

describe('communique translated', () => {
  it('should record the translation in release.yaml, keeping the rest of the file', async () => {
    const content = await contentWith(`releases/${SLUG}/fr.mdx`, 'témoigne d’une volonté forte', 'témoigne d’une volonté très forte');
    const before = communique('check', '--content', content, '--format', 'json');
    expect(json(before.stdout).filter((m) => m.ruleId === 'stale-translation').map((m) => [m.file.split('/').pop(), m.line])).toEqual([['en.mdx', 1]]);
    expect(json(before.stdout).find((m) => m.ruleId === 'stale-translation')!.message).toMatch(/fr\.mdx:18/);

    const yamlPath = join(content, `releases/${SLUG}/release.yaml`);
    const original = await readFile(yamlPath, 'utf8');
    const { status, stdout } = communique('translated', SLUG, 'en', '--content', content);
    expect(status).toBe(0);
    expect(stdout).toContain('Recorded');
    const updated = await readFile(yamlPath, 'utf8');
    const head = (text: string) => text.slice(0, text.indexOf('translation:'));
    expect(head(updated)).toBe(head(original));
    expect(updated).not.toBe(original);

    const after = communique('check', '--content', content, '--format', 'json');
    expect(after.status).toBe(0);
    expect(json(after.stdout).filter((m) => m.severity !== 'info')).toEqual([]);
  });

  it('should refuse an unknown document or language with exit code 2', () => {
    expect(communique('translated', 'no-such-release', 'en', '--content', CONTENT).status).toBe(2);
    expect(communique('translated', SLUG, 'fr', '--content', CONTENT).status).toBe(2);
    expect(communique('translated', SLUG, '--content', CONTENT).status).toBe(2);
  });

  it('should refuse an unknown output format with exit code 2', () => {
    expect(communique('check', '--format', 'xml', '--content', CONTENT).status).toBe(2);
  });
});
