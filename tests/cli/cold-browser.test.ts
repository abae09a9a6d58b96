import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyContent, ROOT, runCli, tempDir } from '../helpers/cli.js';
import { chromiumDescendants, chromiumInGroups, waitFor } from '../pdf/processes.js';

const FIXTURE = join(ROOT, 'tests', 'fixtures', 'editorial', 'base-183-territoires');
const SLUG = '183-territoires-industrie';

/** What a build process did: its exit code, its output, and the Chromium processes it started (seen every 5 ms). */
interface WatchedBuild {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The process groups of the Chromium processes seen while the build ran. */
  readonly groups: ReadonlySet<number>;
}

/** Runs `communique build` with `args`, watching the Chromium processes it starts. */
function watchedBuild(args: readonly string[]): Promise<WatchedBuild> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'communique.js'), 'build', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const groups = new Set<number>();
    const timer = setInterval(() => {
      for (const p of chromiumDescendants(child.pid)) groups.add(p.pgid);
    }, 5);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ code: code ?? -1, stdout, stderr, groups });
    });
  });
}

/** Makes the French text of the content cite an indicator that does not exist, at line 3, column 22. */
async function addError(content: string): Promise<void> {
  const fr = join(content, 'releases', SLUG, 'fr.mdx');
  const lines = (await readFile(fr, 'utf8')).split('\n');
  lines.splice(2, 0, 'Un chiffre inconnu : <Indicator id="nope" />.', '');
  await writeFile(fr, lines.join('\n'));
}

describe('communique build, cold (no PDF cache yet)', () => {
  it('should start the browser while the content is checked, and close it when the content has errors', async () => {
    const content = await copyContent(FIXTURE);
    await addError(content);
    const out = join(await tempDir(), 'site');

    const built = await watchedBuild(['--content', content, '--out', out]);

    // The browser was started before the errors were known (a cold build prints every page)…
    expect(built.groups.size).toBeGreaterThan(0);
    // …and none of its processes outlives the build.
    expect(await waitFor(() => chromiumInGroups(built.groups).length === 0, 2_000)).toBe(true);
    // The build reports and exits exactly as a build that never starts a browser.
    const htmlOnly = await runCli(['build', '--no-pdf', '--content', content, '--out', out]);
    expect(built.code).toBe(1);
    expect(built.stderr).toBe(htmlOnly.stderr);
    expect(built.stderr).toMatch(/fr\.mdx\n\s*3:22-3:45\s+error\s+Unknown indicator "nope"/);
    expect(built.stderr).toContain('nothing was written');
    expect(built.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('should start no browser for a failing build when the PDF cache holds PDFs', async () => {
    const content = await copyContent(FIXTURE);
    const out = join(await tempDir(), 'site');
    expect((await runCli(['build', '--content', content, '--out', out])).code).toBe(0);
    await addError(content);

    const built = await watchedBuild(['--content', content, '--out', out]);

    expect(built.code).toBe(1);
    expect(built.stderr).toContain('Unknown indicator "nope"');
    expect(built.groups.size).toBe(0);
  });

  it('should start the browser while an edited text is checked when its PDF is not in the cache, and close it when the checks then fail', async () => {
    const content = await copyContent(FIXTURE);
    const out = join(await tempDir(), 'site');
    expect((await runCli(['build', '--content', content, '--out', out])).code).toBe(0);
    // An edit that renders (so its pages are new, and their PDFs not in the cache) but that the checks refuse under
    // --final: the ministry's official name with a letter missing, a near miss the checks report as a warning.
    const fr = join(content, 'releases', SLUG, 'fr.mdx');
    const en = join(content, 'releases', SLUG, 'en.mdx');
    await writeFile(fr, `${await readFile(fr, 'utf8')}\nLe Ministère délégué chargé de l’Industre soutient le programme.\n`);
    await writeFile(en, `${await readFile(en, 'utf8')}\nThe Ministry Delegate for Industry supports the programme.\n`);
    expect((await runCli(['translated', '--content', content, SLUG, 'en'])).code).toBe(0);

    const built = await watchedBuild(['--final', '--content', content, '--out', out]);

    expect(built.code).toBe(1);
    expect(built.stderr).toMatch(/1 error \(--final: warnings count as errors\)/);
    expect(built.stderr).toMatch(/fr\.mdx\n\s*\d+:4-\d+:42\s+error\s+"Ministère délégué chargé de l’Industre" is close to/);
    expect(built.stderr).not.toMatch(/\n\s+at /);
    // The browser was started before the checks had finished, and none of its processes outlives the build.
    expect(built.groups.size).toBeGreaterThan(0);
    expect(await waitFor(() => chromiumInGroups(built.groups).length === 0, 2_000)).toBe(true);

    // Without --final, the same content builds (with its warning) and prints the two pages; the next build, with
    // nothing changed, finds every PDF in the cache and starts no browser.
    const printed = await runCli(['build', '--content', content, '--out', out]);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('(2 PDFs printed)');
    const again = await watchedBuild(['--content', content, '--out', out]);
    expect(again.code).toBe(0);
    expect(again.groups.size).toBe(0);
  });
});
