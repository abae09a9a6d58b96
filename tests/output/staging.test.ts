import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATIONS, openStaging } from '../../src/output/staging.js';
import { ROOT, copyContent, runCli, tempDir } from '../helpers/cli.js';

const MINIMAL = join(ROOT, 'tests', 'fixtures', 'minimal');

/** Every file under `dir` (following the section links) with its sha256, generations folder excluded. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (at === dir && name === GENERATIONS) continue;
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

/** A content folder whose release title differs from the minimal fixture's (so its output differs too). */
async function otherContent(): Promise<string> {
  const content = await copyContent(MINIMAL);
  const path = join(content, 'releases', 'demo', 'release.yaml');
  await writeFile(path, (await readFile(path, 'utf8')).replace('bilan à 1 an', 'bilan à un an').replace('one-year review', 'review after one year'));
  return content;
}

/** Whether this machine lets us mount a tmpfs (root with CAP_SYS_ADMIN): the honest way to get a full or read-only disk. */
function canMount(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = join(ROOT, 'node_modules', '.cache', `mount-probe-${process.pid}`);
  try {
    execFileSync('mkdir', ['-p', probe]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    execFileSync('rm', ['-rf', probe]);
  }
}

const mountable = canMount();
if (!mountable) console.log('staging: cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN): the full-disk and read-only tests are skipped');

describe('the output folder on a full or read-only disk', () => {
  const mounts: string[] = [];
  const mount = async (size: string): Promise<string> => {
    const dir = await tempDir('communique-disk-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
    mounts.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of mounts) execFileSync('umount', [dir]);
  });

  it.skipIf(!mountable)('should exit 4 with a clear message and keep the previous output when the disk fills up', async () => {
    const disk = await mount('640k'); // room for one complete output (about 400 KB), not for two
    const out = join(disk, 'output');
    const first = await runCli(['build', '--quiet', '--content', MINIMAL, '--out', out]);
    expect(first.code, first.stderr).toBe(0);
    const before = snapshot(out);
    expect(Object.keys(before)).toContain('communiques/demo/fr.pdf');

    const second = await runCli(['build', '--quiet', '--content', await otherContent(), '--out', out]);
    expect(second.code).toBe(4);
    expect(second.stderr).toContain(`Cannot write the output folder ${out}: the disk is full (ENOSPC). The previous output is left as it was.`);
    expect(second.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(out)).toEqual(before);
    // Nothing of the failed build is left taking space: the current generation and the caches only.
    expect(readdirSync(join(out, GENERATIONS)).filter((n) => !['current', 'cache', 'render'].includes(n))).toHaveLength(1);
    console.log(`full disk: exit ${second.code}, previous output intact (${Object.keys(before).length} files)`);
  });

  it.skipIf(!mountable)('should exit 4 with a clear message and keep the previous output when the disk is read-only', async () => {
    const disk = await mount('4m');
    const out = join(disk, 'output');
    expect((await runCli(['build', '--quiet', '--no-pdf', '--content', MINIMAL, '--out', out])).code).toBe(0);
    const before = snapshot(out);
    execFileSync('mount', ['-o', 'remount,ro', disk]);

    const second = await runCli(['build', '--quiet', '--no-pdf', '--content', await otherContent(), '--out', out]);
    expect(second.code).toBe(4);
    expect(second.stderr).toContain(`Cannot write the output folder ${out}: it is not writable (EROFS). The previous output is left as it was.`);
    expect(second.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(out)).toEqual(before);
    console.log(`read-only disk: exit ${second.code}, previous output intact (${Object.keys(before).length} files)`);
  });
});

describe('openStaging', () => {
  it('should exit 4 with a clear message when a file stands where the output folder should be', async () => {
    const dir = await tempDir();
    const out = join(dir, 'output');
    await writeFile(out, 'not a folder');
    const run = await runCli(['build', '--quiet', '--no-pdf', '--content', MINIMAL, '--out', out]);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain(`Cannot write the output folder ${out}: a file is in the way of a folder`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(out, 'utf8')).toBe('not a folder');
  });

  it('should lay out each section as a link into the current generation, swapped by one rename', async () => {
    const out = await tempDir();
    const a = await openStaging(out);
    await a.write('communiques/x/fr.html', 'A');
    await a.write('assets/style.css', 'css A');
    expect(snapshot(out)).toEqual({}); // nothing visible before the commit
    expect([...(await a.commit())]).toEqual(['assets/style.css', 'communiques/x/fr.html']);
    expect(await readlink(join(out, 'communiques'))).toBe(`${GENERATIONS}/current/communiques`);
    expect(readFileSync(join(out, 'communiques', 'x', 'fr.html'), 'utf8')).toBe('A');

    const b = await openStaging(out);
    await b.write('communiques/x/fr.html', 'B');
    expect(readFileSync(join(out, 'communiques', 'x', 'fr.html'), 'utf8')).toBe('A');
    await b.commit();
    // The section b did not write is kept from the previous set; the previous generation is gone.
    expect(readFileSync(join(out, 'communiques', 'x', 'fr.html'), 'utf8')).toBe('B');
    expect(readFileSync(join(out, 'assets', 'style.css'), 'utf8')).toBe('css A');
    expect(readdirSync(join(out, GENERATIONS)).sort()).toEqual(['current', (await readlink(join(out, GENERATIONS, 'current')))].sort());
  });

  it('should list every file a build wrote, sorted, however many and whatever their names', async () => {
    const out = await tempDir();
    const staging = await openStaging(out);
    const paths = Array.from({ length: 6000 }, (_, i) => `fiches/c/ligne-${String(6000 - i).padStart(5, '0')}/${i % 2 ? 'en' : 'fr'}.html`);
    paths.push(`fiches/${'x'.repeat(300)}/été.html`, 'fiches/b/😀.html', 'fiches/b/😁.html');
    for (const path of paths) staging.adopt(path);
    const written = await staging.commit();
    expect(written.length).toBe(paths.length);
    expect([...written]).toEqual([...paths].sort());
    expect(written.filter((path) => path.startsWith('fiches/b/'))).toEqual(['fiches/b/😀.html', 'fiches/b/😁.html']);
  });

  it('should leave the output as it was when a build is discarded', async () => {
    const out = await tempDir();
    const a = await openStaging(out);
    await a.write('communiques/x/fr.html', 'A');
    await a.commit();
    const before = snapshot(out);
    const b = await openStaging(out);
    await b.write('communiques/x/fr.html', 'B');
    await b.write('communiques/y/fr.html', 'new');
    await b.discard();
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(join(out, GENERATIONS))).toHaveLength(2); // current and its generation
  });

  it('should remove what a killed build left, but never the current set nor a running build’s folder', async () => {
    const out = await tempDir();
    const a = await openStaging(out);
    await a.write('communiques/x/fr.html', 'A');
    await a.commit();
    const current = await readlink(join(out, GENERATIONS, 'current'));
    // A build killed mid-way (its pid no longer runs) and one still running (this very process's parent).
    const dead = join(out, GENERATIONS, 'gen-2147483646-00000000');
    const running = join(out, GENERATIONS, `gen-${process.ppid}-11111111`);
    for (const dir of [dead, running]) await mkdir(join(dir, 'communiques'), { recursive: true });
    await writeFile(join(out, GENERATIONS, 'current-2147483646-00000000'), 'pending link');
    const b = await openStaging(out);
    const left = readdirSync(join(out, GENERATIONS));
    expect(left).toContain(current);
    expect(left).toContain(`gen-${process.ppid}-11111111`);
    expect(left).not.toContain('gen-2147483646-00000000');
    expect(left).not.toContain('current-2147483646-00000000');
    await b.discard();
    await rm(running, { recursive: true });
  });

  it('should convert an output folder written with plain section folders', async () => {
    const out = await tempDir();
    await mkdir(join(out, 'communiques', 'old'), { recursive: true });
    await writeFile(join(out, 'communiques', 'old', 'fr.html'), 'old');
    await writeFile(join(out, 'robots.txt'), 'kept');
    const a = await openStaging(out);
    await a.write('communiques/x/fr.html', 'A');
    await a.commit();
    expect(snapshot(out)).toEqual({ 'communiques/x/fr.html': createHash('sha256').update('A').digest('hex'), 'robots.txt': createHash('sha256').update('kept').digest('hex') });
  });
});

beforeAll(() => {
  expect(existsSync(join(ROOT, 'dist', 'cli', 'main.js')), 'run `npx tsc -p .` first').toBe(true);
});
