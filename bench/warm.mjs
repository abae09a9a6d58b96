#!/usr/bin/env node
// Part of `npm run bench`: warm rebuilds in one process, as `communique build --watch` does them. Builds the content
// once, then RUNS times changes one word of the release's French text (a different word each time, so that no PDF
// comes from the cache) and times the rebuild. Prints {"median": ms, "printed": PDFs printed per rebuild} as JSON.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [content, out, pdf, runs] = process.argv.slice(2);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { createBuilder } = await import(join(ROOT, 'dist', 'pipeline', 'build.js'));
const WORDS = ['nouveau', 'vrai', 'grand', 'bref', 'solide', 'large', 'clair', 'net', 'franc', 'juste', 'riche', 'sobre', 'ferme', 'fort', 'vif', 'sage', 'ample', 'beau', 'long', 'plein'];

const releases = join(content, 'releases');
const [slug] = (await import('node:fs')).readdirSync(releases);
const fr = join(releases, slug, 'fr.mdx');
const original = await readFile(fr, 'utf8');
const word = /\bpremier\b/;
if (!word.test(original)) throw new Error(`${fr} has no word "premier" to change`);

const builder = createBuilder({ content, out, pdf: pdf === 'true' });
const times = [];
let printed = 0;
try {
  await builder.build();
  for (let i = 0; i < Number(runs); i++) {
    await writeFile(fr, original.replace(word, WORDS[i % WORDS.length]));
    const started = performance.now();
    const result = await builder.build();
    times.push(performance.now() - started);
    if (result.written.length === 0) throw new Error('the rebuild failed');
    printed = result.printed;
  }
} finally {
  await writeFile(fr, original);
  await builder.close();
}
const sorted = times.sort((a, b) => a - b);
const mid = Math.floor(sorted.length / 2);
console.log(JSON.stringify({ median: sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2, printed }));
