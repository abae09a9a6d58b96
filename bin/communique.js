#!/usr/bin/env node
// Entry point of the `communique` command: runs the compiled CLI, bundled (dist/bundle, see scripts/bundle.mjs) when
// the bundle is up to date with the compiled modules, else as compiled (dist/cli).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// A build streams its pages: what it holds stays flat, but V8 lets the heap grow to about three times that before it
// collects. Growing it by 15% at a time keeps it near what is alive: a build of 10,000 sheets peaked at 144 MB of RSS
// instead of 220 MB, in the same time within the noise (README, "Speed and caches").
setFlagsFromString('--heap-growing-percent=15');

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
if (!existsSync(`${dist}cli/main.js`)) {
  process.stderr.write('communique: the tool is not compiled yet. Run `npm install` (or `npm run build`) in its folder first.\n');
  process.exit(3);
}
await import(new URL(bundleIsCurrent() ? '../dist/bundle/main.js' : '../dist/cli/main.js', import.meta.url).href);

/** Whether dist/bundle was made from the compiled modules as they are (none compiled since): a few ms. */
function bundleIsCurrent() {
  try {
    const { newest } = JSON.parse(readFileSync(`${dist}bundle/bundled-from.json`, 'utf8'));
    for (const entry of readdirSync(dist, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.js') || entry.parentPath.startsWith(`${dist}bundle`)) continue;
      if (statSync(`${entry.parentPath}/${entry.name}`).mtimeMs > newest) return false;
    }
    return true;
  } catch {
    return false; // no bundle
  }
}
