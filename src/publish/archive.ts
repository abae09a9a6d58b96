import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { ARCHIVE } from './ledger.js';

/** The sha256 of a file's bytes, in hexadecimal. */
export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A file of the archive (a site path such as "documents/<name>-v1.pdf"), or undefined when it is not there. */
export async function readArchived(content: string, path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(join(content, ARCHIVE, path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes a file into the archive (through a temporary file, renamed: a file of the archive is always whole). */
export async function writeArchived(content: string, path: string, body: Uint8Array | string): Promise<void> {
  const target = join(content, ARCHIVE, path);
  await mkdir(dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, body);
  await rename(temporary, target);
}

/** Whether the archive holds a file. */
export function isArchived(content: string, path: string): boolean {
  return existsSync(join(content, ARCHIVE, path));
}

/**
 * The assets a page of the site names ("assets/communique.3f9c2a1b0e.css"), with the fonts and images its
 * stylesheets name in turn: what an archived page needs to look as it did.
 */
export function assetsOf(page: string, files: ReadonlyMap<string, Uint8Array | string>): string[] {
  const found = new Set<string>();
  const add = (path: string) => {
    if (found.has(path) || !files.has(path)) return;
    found.add(path);
    if (!path.endsWith('.css')) return;
    for (const m of String(files.get(path)).matchAll(/url\((["']?)([^"')]+)\1\)/g)) {
      if (!/^[a-z]+:/i.test(m[2]!)) add(posix.normalize(posix.join(posix.dirname(path), m[2]!.split(/[?#]/)[0]!)));
    }
  };
  for (const m of page.matchAll(/assets\/[A-Za-z0-9_.\/-]+\.[a-z0-9]+/g)) add(m[0]);
  return [...found].sort();
}
