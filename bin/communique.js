#!/usr/bin/env node
// Entry point of the `communique` command: runs the compiled CLI, bundled (dist/bundle/communique.cjs, see
// scripts/bundle.mjs) when the bundle is up to date with the compiled modules, else as compiled (dist/cli).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import vm from 'node:vm';

// A build streams its pages: what it holds stays flat, but V8 lets the heap grow to about three times that before it
// collects. Growing it by 15% at a time keeps it near what is alive: a build of 10,000 sheets peaked at 144 MB of RSS
// instead of 220 MB, in the same time within the noise (README, "Speed and caches").
setFlagsFromString('--heap-growing-percent=15');
// A build of a large collection also keeps V8's young generation (where new objects are made) at its first size,
// instead of letting it grow to 16 MB a half: 33.6 MB of memory that a long build holds to its end. A build of
// 35,000 sheets without PDFs then peaks at about 125 MB instead of 155 MB, for more and smaller collections of
// short-lived objects, which a short build would only pay for (a cold build of two releases 0.2 s slower). Decided
// here, before any code is compiled: V8 makes and takes a code cache under the same flags only, so such a build runs
// without one (a second of compiling is nothing in a build of minutes).
/**
 * A collection's dataset from this size on makes a build large (about 9,000 rows), in bytes: below, a build is short
 * enough for the young generation's growth to pay (its time per sheet at 3,000 rows is that of the demo's 183).
 */
const LARGE_DATASET = 1024 * 1024;
const large = largeCollection(process.argv.slice(2));
if (large) setFlagsFromString('--semi-space-growth-factor=1');

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = `${root}dist/`;
if (!existsSync(`${dist}cli/main.js`)) {
  process.stderr.write('communique: the tool is not compiled yet. Run `npm install` (or `npm run build`) in its folder first.\n');
  process.exit(3);
}
const bundle = currentBundle();
// Node 20 before 20.12 cannot let a script import modules: the compiled modules run there.
if (bundle && vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER) {
  // The bundle, with V8's code cache of it kept per command (src/core/code-cache.ts): a cold build compiles almost
  // nothing. The cache is made at the end of a command's first run, and again when V8 refuses it.
  const { codeCacheFile, runScript } = await import('../dist/core/code-cache.js');
  const command = /^[a-z]+$/.test(process.argv[2] ?? '') ? process.argv[2] : 'other';
  const run = runScript(`${dist}bundle/communique.cjs`, large ? undefined : codeCacheFile(root, bundle, command), `${bundle}-`);
  process.once('exit', () => run.keep());
} else await import(new URL('../dist/cli/main.js', import.meta.url).href);

/**
 * The id of dist/bundle when it was made from the compiled modules as they are (none compiled since), else undefined
 * (no bundle, or an older one): a few ms of stats.
 */
function currentBundle() {
  try {
    const { newest, id } = JSON.parse(readFileSync(`${dist}bundle/bundled-from.json`, 'utf8'));
    for (const entry of readdirSync(dist, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.js') || entry.parentPath.startsWith(`${dist}bundle`)) continue;
      // A second of leeway: a copy of the tool may keep its files' times rounded (cp -p to the millisecond, others to the second).
      if (statSync(`${entry.parentPath}/${entry.name}`).mtimeMs > newest + 1000) return undefined;
    }
    return typeof id === 'string' && /^[0-9a-f]+$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the command builds a large collection: `build` or `publish` of a content folder (--content, default
 * `content`) that holds a collection with a dataset (any file beside its collection.yaml) of LARGE_DATASET bytes or
 * more. A few stats; anything unreadable is left to the command to report.
 */
function largeCollection(args) {
  if (args[0] !== 'build' && args[0] !== 'publish') return false;
  const at = args.findIndex((arg) => arg === '--content' || arg.startsWith('--content='));
  const content = at === -1 ? 'content' : args[at].includes('=') ? args[at].slice('--content='.length) : args[at + 1];
  try {
    for (const collection of readdirSync(`${content}/collections`, { withFileTypes: true })) {
      if (!collection.isDirectory()) continue;
      const dir = `${content}/collections/${collection.name}`;
      for (const file of readdirSync(dir)) {
        if (file !== 'collection.yaml' && /\.(csv|ya?ml)$/.test(file) && statSync(`${dir}/${file}`).size >= LARGE_DATASET) return true;
      }
    }
  } catch {
    // no collections, or a folder the command reports
  }
  return false;
}
