import { watch, type FSWatcher } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** A set of folder watchers; close() stops them all. */
export interface TreeWatcher {
  close(): void;
}

/**
 * Watches every folder below `roots` (one inotify-style watcher per folder, which reports a file's changes at once,
 * whatever the editor does: write in place or rename over), picking up folders created later. Calls `onChange` on
 * any change. Node's own recursive mode polls files on some platforms, which can delay a reload by seconds.
 */
export async function watchTree(roots: readonly string[], onChange: () => void): Promise<TreeWatcher> {
  const watchers = new Map<string, FSWatcher>();
  let closed = false;
  const scan = async (dir: string): Promise<void> => {
    if (closed || watchers.has(dir)) return;
    try {
      const watcher = watch(dir, () => {
        onChange();
        void rescan(dir);
      });
      watcher.on('error', () => {
        watcher.close();
        watchers.delete(dir);
      });
      watchers.set(dir, watcher);
      const entries = await readdir(dir, { withFileTypes: true });
      await Promise.all(entries.filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules').map((e) => scan(join(dir, e.name))));
    } catch {
      // the folder vanished meanwhile: nothing to watch
    }
  };
  const rescan = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    await Promise.all(entries.filter((e) => e.isDirectory()).map((e) => scan(join(dir, e.name))));
  };
  await Promise.all(roots.map(scan));
  return {
    close() {
      closed = true;
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
