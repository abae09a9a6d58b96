import { existsSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonMessage } from '../../src/check/json-report.js';
import { copyContent, ROOT, runCli, tempDir } from '../helpers/cli.js';

/** The Government's release of 13 November 2023, and a second release beside it with an ordinary mistake. */
const BASE = join(ROOT, 'tests', 'fixtures', 'editorial', 'base-183-territoires');
const GOOD = '183-territoires-industrie';
const OTHER = 'territoires-industrie-rappel';

describe('commands that name documents judge only those', () => {
  let content: string;
  beforeAll(async () => {
    content = await copyContent(BASE);
    await cp(join(content, 'releases', GOOD), join(content, 'releases', OTHER), { recursive: true });
    // The other release types a figure instead of citing it, in both languages: a warning (unbound-figure).
    for (const lang of ['fr', 'en']) {
      const path = join(content, 'releases', OTHER, `${lang}.mdx`);
      const text = await readFile(path, 'utf8');
      await writeFile(path, text.replace('<Indicator id="ti_territoires_temps_1" />', '149'));
    }
    expect((await runCli(['translated', OTHER, 'en', '--content', content])).code).toBe(0);
  });

  it('should fail a final check of everything on the other release’s warning', async () => {
    const all = await runCli(['check', '--final', '--content', content]);
    expect(all.code).toBe(1);
    expect(all.stderr).toMatch(new RegExp(`${OTHER}/fr\\.mdx\\n[^\\n]*unbound-figure`));
  });

  it('should pass a final check of the named release, reporting the other’s warning apart', async () => {
    const one = await runCli(['check', '--final', GOOD, '--content', content]);
    expect(one.stderr).toContain('Other documents (reported, not judged here: 2 warnings):');
    expect(one.stderr).toMatch(new RegExp(`${OTHER}/en\\.mdx\\n[^\\n]*warning[^\\n]*unbound-figure`));
    expect(one.stdout).toBe(`No problems found in ${GOOD}.\n`);
    expect(one.code).toBe(0);
    const json = await runCli(['check', '--final', GOOD, '--format', 'json', '--content', content]);
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout) as JsonMessage[];
    expect(rows.filter((r) => r.ruleId === 'unbound-figure').map((r) => [r.file.includes(OTHER), r.judged, r.severity])).toEqual([
      [true, false, 'warning'],
      [true, false, 'warning'],
    ]);
    // Named itself, the other release fails.
    expect((await runCli(['check', '--final', OTHER, '--content', content])).code).toBe(1);
  });

  it('should build the named release only, keeping the rest of the output as it was', async () => {
    const out = await tempDir();
    expect((await runCli(['build', '--no-pdf', '--content', content, '--out', out])).code).toBe(0);
    const other = join(out, 'communiques', OTHER, 'fr.html');
    const before = await readFile(other, 'utf8');
    // The named release changes; the other one is neither rebuilt nor removed.
    const path = join(content, 'releases', GOOD, 'release.yaml');
    await writeFile(path, (await readFile(path, 'utf8')).replace('date: 2023-11-13', 'date: 2023-11-13\nplace: Paris'));
    await writeFile(join(content, 'releases', OTHER, 'fr.mdx'), `${await readFile(join(content, 'releases', OTHER, 'fr.mdx'), 'utf8')}\nUn paragraphe ajouté.\n`);
    const built = await runCli(['build', '--final', '--no-pdf', GOOD, '--content', content, '--out', out]);
    expect(built.stderr).toContain('Other documents (reported, not judged here:');
    expect(built.code).toBe(0);
    expect(await readFile(join(out, 'communiques', GOOD, 'fr.html'), 'utf8')).toContain('Paris</span>, le ');
    expect(await readFile(other, 'utf8')).toBe(before);
  });

  it('should refuse an unknown document, suggesting the closest', async () => {
    const out = await tempDir();
    const run = await runCli(['build', '183-territoires-industri', '--content', content, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No document "183-territoires-industri"');
    expect(run.stderr).toContain('did you mean "183-territoires-industrie"?');
    expect(existsSync(join(out, 'communiques'))).toBe(false);
  });
});
