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
  const run = runScript(`${dist}bundle/communique.cjs`, codeCacheFile(root, bundle, command), `${bundle}-`);
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
      if (statSync(`${entry.parentPath}/${entry.name}`).mtimeMs > newest) return undefined;
    }
    return typeof id === 'string' && /^[0-9a-f]+$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}
