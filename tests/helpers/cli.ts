import { execFile, execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What a run of the CLI printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the compiled `communique` CLI as a user would, in `cwd` (default: the project root). */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'bin', 'communique.js'), ...args],
      { cwd: options.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1', ...options.env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'communique-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/**
 * A copy of a content folder (default: the demo content) that a test may edit; `without` leaves out sub-folders, such
 * as "collections" for a test of releases and reviews that need not print the 366 sheets of the demo collection.
 */
export async function copyContent(from = join(ROOT, 'content'), options: { without?: readonly string[] } = {}): Promise<string> {
  const dir = await tempDir('communique-content-');
  await cp(from, dir, { recursive: true });
  for (const folder of options.without ?? []) await rm(join(dir, folder), { recursive: true, force: true });
  return dir;
}

/** A copy of the demo content without its collection (releases, reviews and data only). */
export function demoDocuments(): Promise<string> {
  return copyContent(join(ROOT, 'content'), { without: ['collections'] });
}

/** Text of a PDF (or of one page of it) as poppler's pdftotext reads it, spaces of every kind folded; `raw` keeps the drawing order (for rotated text). */
export function pdfText(path: string, page?: number, options: { raw?: boolean } = {}): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  const text = execFileSync('pdftotext', [...range, ...(options.raw ? ['-raw'] : []), '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  return text.replace(/[\s\u00A0\u202F\u2009]+/g, ' ').trim();
}

/** The fields printed by `pdfinfo`. */
export function pdfInfo(path: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
}

/** The font lines printed by `pdffonts`. */
export function pdfFonts(path: string): string[] {
  return execFileSync('pdffonts', [path], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
}

/** Every file below a folder (links followed), by path relative to it, with its bytes. */
export async function filesBelow(root: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(root.length + 1), await readFile(path));
  }
  return files;
}
