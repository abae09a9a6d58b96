// Bundles the compiled command line (dist/cli/main.js, made by tsc) with the packages it uses into one CommonJS
// script, dist/bundle/communique.cjs (and the printer's thread into printer-worker.cjs): one file instead of about 1,100 modules, which Node 20 would otherwise find,
// read and link one by one at every start (about half a second of a cold build here). bin/communique.js runs it when
// it is newer than every compiled module, else dist/cli/main.js, and keeps V8's code cache of it (see src/core/code-cache.ts).
//
// CommonJS rather than ES modules because Node 20 can give compiled code back to a script (vm.Script's cachedData)
// but not to a module: with the cache, a cold build compiles almost nothing. Everything is in the one file; what a
// command does not use is never compiled (V8 compiles a function when it is first called).
//
// Without esbuild (an install without the devDependencies), the command runs unbundled: this says so and succeeds.
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const OUT = join(DIST, 'bundle');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  await rm(OUT, { recursive: true, force: true });
  process.stdout.write('bundle: esbuild is not installed; the command runs from the compiled modules (slower to start).\n');
  process.exit(0);
}

/** A plugin that bundles `contents` (an ES module) in place of the package `name`. */
function stub(name, contents) {
  const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')}$`);
  return {
    name: `stub-${name}`,
    setup(build) {
      build.onResolve({ filter: exact }, () => ({ path: name, namespace: 'communique-stub' }));
      build.onLoad({ filter: exact, namespace: 'communique-stub' }, () => ({ contents, loader: 'js' }));
    },
  };
}

/**
 * puppeteer-core's launcher (@puppeteer/browsers) can also download browsers, through proxy-agent, which brings a
 * JavaScript engine compiled to WebAssembly (for PAC files), FTP and more: about 1.9 MB of code that every print
 * would load. communiqué never downloads a browser (it uses the one installed), so the bundle gets a proxy-agent
 * that says so, if it is ever asked.
 */
const withoutProxyAgent = stub('proxy-agent', "export class ProxyAgent { constructor() { throw new Error('communiqué downloads no browser: install one (npm run setup) or set CHROME_PATH.'); } }");

/**
 * vega-canvas looks for the optional `canvas` package with a top-level await, which a CommonJS bundle cannot hold.
 * communiqué draws charts as SVG and does not install `canvas`: its browser build (no canvas outside a browser) is
 * what the Node build finds here anyway.
 */
const vegaWithoutCanvas = {
  name: 'vega-without-canvas',
  setup(build) {
    build.onResolve({ filter: /^vega-canvas$/ }, () => ({ path: join(ROOT, 'node_modules', 'vega-canvas', 'build', 'vega-canvas.browser.js') }));
  },
};

/**
 * pdf-lib is loaded from its single-file ES build (src/pdf/pdf-lib.ts), with its main entry as a fallback for Node
 * versions that cannot load that build unbundled. Bundled, the ES build always loads: the fallback is the same build,
 * instead of a second copy of pdf-lib (its CommonJS files, standard fonts and pako: 1.5 MB).
 */
const onePdfLib = {
  name: 'one-pdf-lib',
  setup(build) {
    build.onResolve({ filter: /^pdf-lib$/ }, () => ({ path: join(ROOT, 'node_modules', 'pdf-lib', 'dist', 'pdf-lib.esm.min.js') }));
  },
};

/**
 * The command drives its browser from the printer's thread, whose script (printer-worker.cjs) is bundled beside it:
 * the command's own script holds no puppeteer-core (2 MB of code with its protocol and WebDriver BiDi layers). A
 * printer on the main thread is what runs unbundled (from the sources, or without the thread's script).
 */
const noBrowserHere = stub('puppeteer-core', "export default { launch() { throw new Error('the bundled command drives its browser from the printer thread (dist/bundle/printer-worker.cjs): run npm run build'); } };");

/** What both scripts are built with. */
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Not minified: stack traces stay readable, and each module keeps the comment that names it (`// dist/load/…`),
  // which the bench's phase table reads. With the code cache, minifying saves nothing measurable.
  legalComments: 'none',
  charset: 'ascii', // the code's own characters escaped; see below for the comments
  logLevel: 'warning',
  // The compiled modules find their files from import.meta.url (../../templates, ../../package.json): the scripts
  // sit at the same depth (dist/bundle/), so their own address resolves them the same.
  define: { 'import.meta.url': '__communiqueScriptUrl' },
  banner: { js: "var __communiqueScriptUrl = require('node:url').pathToFileURL(__filename).href;" },
};

await rm(OUT, { recursive: true, force: true });
// The command, and the script of the printer's thread (see src/pdf/printer-thread.ts), each whole.
await esbuild.build({ ...common, entryPoints: [join(DIST, 'cli', 'main.js')], outfile: join(OUT, 'communique.cjs'), plugins: [withoutProxyAgent, vegaWithoutCanvas, onePdfLib, noBrowserHere] });
await esbuild.build({ ...common, entryPoints: [join(DIST, 'pdf', 'printer-worker.js')], outfile: join(OUT, 'printer-worker.cjs'), plugins: [withoutProxyAgent, onePdfLib] });
// esbuild keeps some comments of the packages as written, a few with non-ASCII characters: escaped too, so that the
// script is ASCII, which bin/communique.js reads as Latin-1 (a third of the time of UTF-8 for 10 MB).
for (const name of ['communique.cjs', 'printer-worker.cjs']) {
  const file = join(OUT, name);
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
// What bin/communique.js checks before running the scripts (the newest compiled module they were made from), and
// the first part of the names of their code caches (their hash: a new script never meets the cache of another).
const hash = createHash('sha256');
for (const name of ['communique.cjs', 'printer-worker.cjs']) hash.update(await readFile(join(OUT, name)));
const id = hash.digest('hex').slice(0, 16);
await writeFile(join(OUT, 'bundled-from.json'), `${JSON.stringify({ newest: await newestModule(DIST), id })}\n`);

/** The newest modification time of a compiled module (dist/bundle apart), in ms. */
async function newestModule(dir) {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js') || entry.parentPath.startsWith(OUT)) continue;
    newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}
