#!/usr/bin/env node
// Entry point of the `communique` command: runs the compiled CLI.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('communique: the tool is not compiled yet. Run `npm install` (or `npm run build`) in its folder first.\n');
  process.exit(3);
}
await import(main.href);
