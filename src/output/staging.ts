import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { CommuniqueError } from '../errors.js';

/** A folder next to the output where a build writes; swapped into place only when the whole build succeeded. */
export interface Staging {
  readonly dir: string;
  /** Writes a file at `path` (relative to the output folder). */
  write(path: string, data: Uint8Array | string): Promise<void>;
  /** Copies the files of `section` that this build did not write from the current output (for partial builds). */
  carryOver(section: string): Promise<void>;
  /** Moves each written section (top-level folder) into the output, replacing the previous one. */
  commit(): Promise<string[]>;
  /** Removes the staging folder, leaving the output as it was. */
  discard(): Promise<void>;
}

const PREFIXES = ['.staging-', '.trash-'];

/** Opens a staging folder inside `outDir` (created if missing); leftovers of killed builds are removed first. */
export async function openStaging(outDir: string): Promise<Staging> {
  try {
    await mkdir(outDir, { recursive: true });
    await removeLeftovers(outDir);
  } catch (cause) {
    throw outputError(outDir, cause);
  }
  const token = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const dir = join(outDir, `.staging-${token}`);
  const written = new Set<string>();
  const sections = new Set<string>();
  try {
    await mkdir(dir);
  } catch (cause) {
    throw outputError(outDir, cause);
  }

  return {
    dir,
    async write(path, data) {
      const target = join(dir, path);
      if (!target.startsWith(dir + sep)) throw new Error(`refusing to write outside the output: ${path}`);
      sections.add(path.split(/[\\/]/)[0]!);
      written.add(path.split(sep).join('/'));
      try {
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, data);
      } catch (cause) {
        throw outputError(outDir, cause);
      }
    },
    async carryOver(section) {
      const from = join(outDir, section);
      for (const file of await listFiles(from)) {
        const path = `${section}/${relative(from, file).split(sep).join('/')}`;
        if (written.has(path)) continue;
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await copyFile(file, join(dir, path));
      }
    },
    async commit() {
      const trash = join(outDir, `.trash-${token}`);
      try {
        await mkdir(trash);
        for (const section of sections) {
          const live = join(outDir, section);
          if (await exists(live)) await rename(live, join(trash, section));
          await rename(join(dir, section), live);
        }
      } catch (cause) {
        throw outputError(outDir, cause);
      }
      await rm(trash, { recursive: true, force: true });
      await rm(dir, { recursive: true, force: true });
      return [...written].sort();
    },
    async discard() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function removeLeftovers(outDir: string): Promise<void> {
  for (const name of await readdir(outDir)) {
    const prefix = PREFIXES.find((p) => name.startsWith(p));
    if (!prefix) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (pid !== process.pid && alive(pid)) continue; // another build is running
    await rm(join(outDir, name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function listFiles(dir: string): Promise<string[]> {
  if (!(await exists(dir))) return [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

function outputError(outDir: string, cause: unknown): CommuniqueError {
  const code = (cause as NodeJS.ErrnoException).code ?? 'error';
  const reason =
    code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'it is not writable' : (cause as Error).message;
  return new CommuniqueError('OutputNotWritable', `Cannot write the output folder ${outDir}: ${reason} (${code}). The previous output is left as it was.`, 'Free some space, fix the folder\'s permissions, or choose another folder with --out.', { cause });
}
