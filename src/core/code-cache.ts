import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname } from 'node:path';
import vm from 'node:vm';

/** Set in a thread that runs a script, to write that script's code cache when the thread's work is done. */
export const KEEP_CODE_CACHE = Symbol.for('communique.keepCodeCache');

/** A script run by runScript: `keep()` writes its code cache when it had none that V8 took (else does nothing). */
export interface RunScript {
  keep(): void;
}

/**
 * Runs a CommonJS script (the bundle, scripts/bundle.mjs) as Node runs a module, with V8's code cache of it in
 * `cacheFile`: the bytecode of every function an earlier run compiled, so that this run compiles almost nothing.
 * Node 20 has no such cache for modules, only for scripts (vm.Script's cachedData). The script must be ASCII (read as
 * Latin-1, a third of the time of UTF-8). A cache that is missing, or that V8 refuses (another Node, other flags), is
 * written by keep(), with what the run compiled until then; a cache that cannot be read or written is skipped: it
 * is only an optimisation. Other caches in the same folder whose name does not start with `prefix` (those of older
 * bundles) are removed then.
 */
export function runScript(file: string, cacheFile: string | undefined, prefix = ''): RunScript {
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    // the first run
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'latin1')}\n})`;
  const script = new vm.Script(wrapped, { filename: file, ...(cachedData ? { cachedData } : {}), importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  const stale = cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected === true);
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  let kept = !stale;
  return {
    keep() {
      if (kept || !cacheFile) return;
      kept = true;
      try {
        const dir = dirname(cacheFile);
        mkdirSync(dir, { recursive: true });
        for (const name of readdirSync(dir)) if (!name.startsWith(prefix)) rmSync(`${dir}/${name}`, { force: true });
        const temporary = `${cacheFile}.${process.pid}.${basename(file)}.tmp`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cacheFile);
      } catch {
        // a read-only install: every run compiles, as without a cache
      }
    },
  };
}

/** Where the code caches of the bundle `id` are kept: node_modules/.cache/communique/code/ of the tool at `root`. */
export function codeCacheFile(root: string, id: string, name: string): string {
  return `${root}node_modules/.cache/communique/code/${id}-${process.version}-${process.arch}-${name}.bin`;
}
