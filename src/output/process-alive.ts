import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Whether a process with this id is running (one of another user's counts as running). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A temporary file older than this is abandoned even if its process id is alive again (ids are reused). */
const TEMP_MAX_AGE = 60 * 60 * 1000;

/** Whether a temporary file written by process `pid` was left by a process that is gone (or is old enough that it must have been). */
export async function abandoned(path: string, pid: number): Promise<boolean> {
  if (!processAlive(pid)) return true;
  try {
    return Date.now() - (await stat(path)).mtimeMs > TEMP_MAX_AGE;
  } catch {
    return false;
  }
}

/**
 * Deletes from a cache folder the entries `isEntry` recognises that `keep` does not hold, and the temporary files
 * (`temp`, whose first group is the writing process's id) that their process abandoned. Never fails: what cannot be
 * listed or deleted stays.
 */
export async function pruneFolder(dir: string, isEntry: (name: string) => boolean, keep: ReadonlySet<string>, temp: RegExp): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const writer = temp.exec(name);
    const remove = isEntry(name) ? !keep.has(name) : writer !== null && (await abandoned(join(dir, name), Number(writer[1])));
    if (remove) await rm(join(dir, name), { force: true, recursive: true }).catch(() => undefined);
  }
}
