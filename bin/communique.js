#!/usr/bin/env node
// Entry point of the `communique` command: runs the compiled CLI.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// A build streams its pages: what it holds stays flat, but V8 lets the heap grow to several times that before it
// collects (about 3× here: 247 MB of RSS for 35,000 sheets, where 60 MB are alive). Growing it by 15% at a time keeps
// a national collection's build within 1.2× of the demo's memory, for no time measured (README, "Speed and caches").
setFlagsFromString('--heap-growing-percent=15');

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('communique: the tool is not compiled yet. Run `npm install` (or `npm run build`) in its folder first.\n');
  process.exit(3);
}
await import(main.href);
