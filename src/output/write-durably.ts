import { open } from 'node:fs/promises';

/**
 * Writes a file and flushes it to disk, so that once it is renamed or swapped into place it is whole, even after a
 * crash of the machine. `exclusive` (default false) refuses to replace an existing file.
 */
export async function writeDurably(path: string, data: Uint8Array | string, options: { exclusive?: boolean } = {}): Promise<void> {
  const handle = await open(path, options.exclusive ? 'wx' : 'w');
  try {
    await handle.writeFile(data);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
