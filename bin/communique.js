#!/usr/bin/env node
// Entry point of the `communique` command: runs the compiled CLI, bundled (dist/bundle/communique.cjs, see
// scripts/bundle.mjs) when the bundle is up to date with the compiled modules, else as compiled (dist/cli).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import vm from 'node:vm';

// A build streams its pages: what it holds stays flat, but V8 lets the heap grow to about three times that before it
// collects. Growing it by 15% at a time keeps it near what is alive: a build of 10,000 sheets peaked at 144 MB of RSS
// instead of 220 MB, in the same time within the noise (README, "Speed and caches").
setFlagsFromString('--heap-growing-percent=15');

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = `${root}dist/`;
if (!existsSync(`${dist}cli/main.js`)) {
  process.stderr.write('communique: the tool is not compiled yet. Run `npm install` (or `npm run build`) in its folder first.\n');
  process.exit(3);
}
const bundle = currentBundle();
// Node 20 before 20.12 cannot let a script import modules: the compiled modules run there.
if (bundle && vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER) runBundle(bundle);
else await import(new URL('../dist/cli/main.js', import.meta.url).href);

/**
 * The id of dist/bundle when it was made from the compiled modules as they are (none compiled since), else undefined
 * (no bundle, or an older one): a few ms of stats.
 */
function currentBundle() {
  try {
    const { newest, id } = JSON.parse(readFileSync(`${dist}bundle/bundled-from.json`, 'utf8'));
    for (const entry of readdirSync(dist, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.js') || entry.parentPath.startsWith(`${dist}bundle`)) continue;
      if (statSync(`${entry.parentPath}/${entry.name}`).mtimeMs > newest) return undefined;
    }
    return typeof id === 'string' && /^[0-9a-f]+$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs the bundle as Node runs a CommonJS module, with V8's code cache of it: the bytecode of every function an
 * earlier run of the same command compiled, so that this run compiles almost nothing (about 150 ms of a cold build
 * here). The cache is kept per command in node_modules/.cache/communique/code/, made at the end of the first run of
 * a command (and again when V8 refuses it: another Node, other flags); it is only an optimisation, and a cache that
 * cannot be read or written is skipped.
 */
function runBundle(id) {
  const file = `${dist}bundle/communique.cjs`;
  const cacheDir = `${root}node_modules/.cache/communique/code`;
  const command = /^[a-z]+$/.test(process.argv[2] ?? '') ? process.argv[2] : 'other';
  const cacheFile = `${cacheDir}/${id}-${process.version}-${process.arch}-${command}.bin`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // first run of this command with this bundle
  }
  // ASCII (see scripts/bundle.mjs): read as Latin-1, a third of the time of UTF-8.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'latin1')}\n})`;
  const script = new vm.Script(wrapped, { filename: file, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  if (cachedData === undefined || script.cachedDataRejected) process.once('exit', () => keepCodeCache(script, cacheDir, cacheFile, id));
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, `${dist}bundle`);
}

/** Writes the script's code cache (what it compiled so far) whole, and removes the caches of other bundles. */
function keepCodeCache(script, cacheDir, cacheFile, id) {
  try {
    mkdirSync(cacheDir, { recursive: true });
    for (const name of readdirSync(cacheDir)) if (!name.startsWith(`${id}-`)) rmSync(`${cacheDir}/${name}`, { force: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, cacheFile);
  } catch {
    // a read-only install: every run compiles, as without a cache
  }
}
