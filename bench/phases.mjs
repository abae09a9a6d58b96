// The bench's phase table: where a whole `communique build` process spends its time, read from a V8 CPU profile
// (`node --cpu-prof`) without any timer in the tool. Each sample is given to a phase by the innermost frame of the
// tool's compiled modules on its stack (dist/load → data, dist/mdx → MDX, dist/check → checks…), else by the
// package it runs in, else by what V8 says it is (module compilation, garbage collection, idle). The main thread's
// idle time after its first call to the browser is the wait for the printer's thread, whose own profile (its idle
// time is the wait for Chromium) makes a second table. A frame of the bundle
// (dist/bundle, see scripts/bundle.mjs) is given to the module it comes from, named by the comment esbuild writes
// above each module's code (`// dist/load/read-yaml.js`, `// node_modules/yaml/…`); the code a module runs when it
// is first required (esbuild names that function after the module's path) is module loading.
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BY_DIST = [
  [/\/dist\/load\//, 'data'],
  [/\/dist\/mdx\//, 'MDX'],
  [/\/dist\/check\//, 'checks'],
  [/\/dist\/(render|approval|locale)\//, 'rendering pages'],
  [/\/dist\/pdf\/(finish-pdf|pdf-ua|pdf-links|artifacts|content-stream|read-destinations|truetype-font)\.js/, 'finishing PDFs'],
  [/\/dist\/pdf\//, 'browser (node side)'],
  [/\/dist\/(output|publish)\//, 'writing'],
];
const BY_PACKAGE = [
  [/node_modules\/(puppeteer-core|chromium-bidi|ws|debug|devtools-protocol)\//, 'browser (node side)'],
  [/node_modules\/(pdf-lib|@pdf-lib|fonteditor-core|pako)\//, 'finishing PDFs'],
  [/node_modules\/(yaml|zod|csv-parse|libphonenumber-js)\//, 'data'],
  [/node_modules\/(micromark[^/]*|mdast-[^/]*|remark-[^/]*|unified|hast-[^/]*|rehype-[^/]*|unist-[^/]*|vfile[^/]*|acorn[^/]*|estree-[^/]*)\//, 'MDX'],
  [/node_modules\/(handlebars|vega[^/]*)\//, 'rendering pages'],
];
/** The phases of the main thread, in the order of a build, as printed. */
export const PHASES = ['module loading', 'data', 'MDX', 'checks', 'rendering pages', 'browser (node side)', "waiting: the printer's thread", 'finishing PDFs', 'writing', 'other (GC, runtime, I/O waits)'];
/** The phases of the printer's thread (src/pdf/printer-thread.ts), as printed. */
export const PRINTER_PHASES = ['module loading', 'browser (node side)', 'finishing PDFs', 'waiting: Chromium', 'other (GC, runtime, I/O waits)'];

/**
 * Milliseconds per phase of a thread's CPU profile written into `dir` (`thread` 0: the main thread; 1: the printer's,
 * the first worker), and the profile's whole duration; undefined when there is no such profile.
 */
export async function phasesOf(dir, thread = 0) {
  // CPU.<date>.<time>.<pid>.<thread id>.<sequence>.cpuprofile
  const name = (await readdir(dir)).find((file) => new RegExp(`\\.\\d+\\.${thread}\\.\\d+\\.cpuprofile$`).test(file));
  if (!name) return undefined;
  const profile = JSON.parse(await readFile(join(dir, name), 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const memo = new Map();
  const classify = (id) => {
    if (memo.has(id)) return memo.get(id);
    const leaf = byId.get(id).callFrame;
    let phase;
    if (leaf.functionName === '(idle)') phase = 'idle';
    else if (leaf.functionName === '(garbage collector)' || leaf.functionName === '(program)') phase = 'other (GC, runtime, I/O waits)';
    let pkg;
    for (let at = id; !phase && at !== undefined; at = parent.get(at)) {
      const { functionName, lineNumber } = byId.get(at).callFrame;
      const url = moduleOf(byId.get(at).callFrame);
      const dist = BY_DIST.find(([pattern]) => pattern.test(url));
      if (/^(dist|node_modules)\/\S+\.[cm]?js$/.test(functionName)) phase = 'module loading';
      else if (dist) phase = dist[1];
      else if (!pkg && (url.startsWith('node:internal/modules') || (functionName === '' && lineNumber === 0 && url))) pkg = 'module loading';
      else if (!pkg) pkg = BY_PACKAGE.find(([pattern]) => pattern.test(url))?.[1];
    }
    const result = phase ?? pkg ?? 'other (GC, runtime, I/O waits)';
    memo.set(id, result);
    return result;
  };
  const totals = new Map((thread === 0 ? PHASES : PRINTER_PHASES).map((phase) => [phase, 0]));
  let time = 0;
  let launched;
  profile.samples.forEach((id, i) => {
    const delta = (profile.timeDeltas[i] ?? 0) / 1000;
    time += delta;
    let phase = classify(id);
    if (phase === 'browser (node side)' && launched === undefined) launched = time;
    // Idle: on the main thread, once it has asked for the browser, it waits for the printer's thread; that thread
    // waits for Chromium. Idle time before is the build's own waits (I/O).
    if (phase === 'idle') phase = thread !== 0 ? 'waiting: Chromium' : launched === undefined ? 'other (GC, runtime, I/O waits)' : "waiting: the printer's thread";
    totals.set(phase, (totals.get(phase) ?? 0) + delta);
  });
  return { totals, wall: (profile.endTime - profile.startTime) / 1000 };
}

/** The modules of each chunk of the bundle, by URL: the first line of each module's code, and its path. */
const chunks = new Map();

/** The URL of the module a frame runs in: its own, or for a frame of the bundle, the module's path within it. */
function moduleOf({ url, lineNumber }) {
  if (!url.includes('/dist/bundle/')) return url;
  let starts = chunks.get(url);
  if (!starts) {
    starts = [];
    readFileSync(url.startsWith('file:') ? fileURLToPath(url) : url, 'utf8').split('\n').forEach((line, i) => {
      const named = /^\/\/ ((?:dist|node_modules)\/\S+)$/.exec(line);
      if (named) starts.push([i, `/${named[1]}`]);
    });
    chunks.set(url, starts);
  }
  let module = url;
  for (const [line, path] of starts) {
    if (line > lineNumber) break;
    module = path;
  }
  // A chunk's top level (the code of its modules, run once when it loads) stays the chunk's: module loading.
  return lineNumber === 0 ? url : module;
}
