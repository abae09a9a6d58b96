import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeDurably } from './write-durably.js';

/**
 * Replaces a file as one step: writes a temporary file beside it, flushes it, and renames it over the file. A reader
 * (an editor, another command) sees the old file or the new one, never half of one, even if the process is killed.
 * `durable: false` (default true) does not wait for the disk before the rename: after a crash of the machine the file
 * may be torn, which only a file that checks its own bytes (the render cache's entries) can accept.
 */
export async function writeAtomically(path: string, data: Uint8Array | string, options: { durable?: boolean } = {}): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    if (options.durable === false) await writeFile(temporary, data, { flag: 'wx' });
    else await writeDurably(temporary, data, { exclusive: true });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
