import { cp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { copyContent, runCli } from '../helpers/cli.js';

const BASE_183 = fileURLToPath(new URL('../fixtures/editorial/base-183-territoires/', import.meta.url));
const REVIEW = fileURLToPath(new URL('../fixtures/site/reviews/temps-2/', import.meta.url));
const RELEASE = '183-territoires-industrie';

interface Message {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  severity: string;
  message: string;
}

async function checkJson(content: string, final = false): Promise<{ code: number; messages: Message[] }> {
  const run = await runCli(['check', '--content', content, '--format', 'json', ...(final ? ['--final'] : [])], { cwd: content });
  return { code: run.code, messages: JSON.parse(run.stdout) as Message[] };
}

describe('document slugs across kinds', () => {
  it('should report a review and a release of the same slug at each settings file, and exit 1', async () => {
    const content = await copyContent(BASE_183);
    await cp(REVIEW, join(content, 'reviews', RELEASE), { recursive: true });
    const { code, messages } = await checkJson(content);
    expect(code).toBe(1);
    const duplicates = messages.filter((m) => m.ruleId === 'duplicate-slug');
    expect(duplicates.map((m) => `${m.file}:${m.line}:${m.column} ${m.severity}`).sort()).toEqual([
      `releases/${RELEASE}/release.yaml:1:1 error`,
      `reviews/${RELEASE}/review.yaml:1:1 error`,
    ]);
    expect(duplicates.find((m) => m.file.startsWith('releases/'))!.message).toContain(`is also the name of reviews/${RELEASE}/`);
  });

  it('should refuse `new review` with the slug of a release, writing nothing', async () => {
    const content = await copyContent(BASE_183);
    const run = await runCli(['new', 'review', RELEASE, '--content', content]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`already has the name "${RELEASE}"`);
    expect(existsSync(join(content, 'reviews', RELEASE))).toBe(false);
  });
});

describe('an unedited scaffold', () => {
  it('should fail `check --final` on the example texts of `new release`, and pass once they are written', async () => {
    const content = await copyContent(BASE_183);
    expect((await runCli(['new', 'release', 'visite-usine', '--content', content])).code).toBe(0);
    expect((await runCli(['translated', 'visite-usine', 'en', '--content', content])).code).toBe(0);
    const warned = await checkJson(content);
    expect(warned.code).toBe(0);
    const { code, messages } = await checkJson(content, true);
    expect(code).toBe(1);
    const found = messages.filter((m) => m.ruleId === 'placeholder').map((m) => `${m.file}:${m.line} ${m.severity}`);
    expect(found).toEqual(
      expect.arrayContaining(['releases/visite-usine/release.yaml:6 error', 'releases/visite-usine/release.yaml:7 error', 'releases/visite-usine/fr.mdx:2 error', 'releases/visite-usine/en.mdx:5 error']),
    );
    expect(messages.find((m) => m.file.endsWith('release.yaml') && m.line === 6)!.message).toContain('"title.fr" is still the example written by `communique new` ("Titre du communiqué, sans point final")');

    // Written by the press officer: nothing of the scaffold is reported any more.
    const dir = join(content, 'releases', 'visite-usine');
    await writeFile(
      join(dir, 'release.yaml'),
      (await readFile(join(dir, 'release.yaml'), 'utf8'))
        .replace('Titre du communiqué, sans point final', 'Roland Lescure visite une usine de Chalon-sur-Saône')
        .replace('Title of the release, without a full stop', 'Roland Lescure visits a factory in Chalon-sur-Saône')
        .replace('Résumé du communiqué en une phrase.', 'Le ministre visite une usine lauréate.')
        .replace('One-sentence summary of the release.', 'The minister visits a selected factory.')
        .replace('[mot-clé]', '[industrie]')
        .replace('[keyword]', '[industry]'),
    );
    await writeFile(join(dir, 'fr.mdx'), '<Lead>\nLe ministre visite une usine de Chalon-sur-Saône.\n</Lead>\n');
    await writeFile(join(dir, 'en.mdx'), '<Lead>\nThe minister visits a factory in Chalon-sur-Saône.\n</Lead>\n');
    expect((await runCli(['translated', 'visite-usine', 'en', '--content', content])).code).toBe(0);
    expect((await checkJson(content, true)).messages.filter((m) => m.ruleId === 'placeholder')).toEqual([]);
  });

  it('should scaffold a review whose chapters open with their title, and report its example texts', async () => {
    const content = await copyContent(BASE_183);
    expect((await runCli(['new', 'review', 'bilan-temps-2', '--content', content])).code).toBe(0);
    const { messages } = await checkJson(content);
    expect(messages.filter((m) => m.ruleId === 'chapter-title')).toEqual([]);
    const found = messages.filter((m) => m.ruleId === 'placeholder').map((m) => `${m.file}:${m.line} ${m.severity}`);
    expect(found).toEqual(expect.arrayContaining(['reviews/bilan-temps-2/review.yaml:7 warning', 'reviews/bilan-temps-2/fr/01-introduction.mdx:3 warning']));
  });
});
