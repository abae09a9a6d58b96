import { stat } from 'node:fs/promises';

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
