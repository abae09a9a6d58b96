// Bundles the compiled command line (dist/cli/main.js, made by tsc) with the packages it uses into dist/bundle/: a
// few files instead of about 1,100 modules, which Node 20 would otherwise find, read and link one by one at every
// start (about half a second of a cold build here). Each module that is imported lazily (the browser, pdf-lib,
// charts…) stays in a chunk of its own, loaded only when used. bin/communique.js runs the bundle when it is newer
// than every compiled module, else dist/cli/main.js.
//
// Without esbuild (an install without the devDependencies), the command runs unbundled: this says so and succeeds.
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
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

/**
 * puppeteer-core's launcher (@puppeteer/browsers) can also download browsers, through proxy-agent, which brings a
 * JavaScript engine compiled to WebAssembly (for PAC files), FTP and more: about 1.9 MB of code that every print
 * would load. communiqué never downloads a browser (it uses the one installed), so the bundle gets a proxy-agent
 * that says so, if it is ever asked.
 */
const withoutProxyAgent = {
  name: 'without-proxy-agent',
  setup(build) {
    build.onResolve({ filter: /^proxy-agent$/ }, () => ({ path: 'proxy-agent', namespace: 'communique-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'communique-stub' }, () => ({
      contents: "export class ProxyAgent { constructor() { throw new Error('communiqué downloads no browser: install one (npm run setup) or set CHROME_PATH.'); } }",
      loader: 'js',
    }));
  },
};

await rm(OUT, { recursive: true, force: true });
await esbuild.build({
  entryPoints: [join(DIST, 'cli', 'main.js')],
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Not minified: stack traces stay readable, and each module keeps the comment that names it (`// dist/load/…`),
  // which the bench's phase table reads. Minifying saved no measurable time.
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [withoutProxyAgent],
  // Packages written as CommonJS call require() for Node's own modules.
  banner: { js: "import { createRequire as __communiqueRequire } from 'node:module'; const require = __communiqueRequire(import.meta.url);" },
});
// The chunks sit at the same depth as the compiled modules (dist/<folder>/), so the paths they compute from
// import.meta.url (../../templates, ../../package.json) are the same.
await writeFile(join(OUT, 'bundled-from.json'), `${JSON.stringify({ newest: await newestModule(DIST) })}\n`);

/** The newest modification time of a compiled module (dist/bundle apart), in ms. */
async function newestModule(dir) {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js') || entry.parentPath.startsWith(OUT)) continue;
    newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}
