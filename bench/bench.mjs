#!/usr/bin/env node
// `npm run bench`: measures communiqué against what a user would use instead (pandoc + WeasyPrint) and against the
// physical floor (a bare puppeteer-core loop printing the same HTML pages), all in one run on this machine.
// Prints one table; each time is the median of RUNS runs (BENCH_RUNS, default 5). Whole-process rows start a new
// `node` each run, with no cache (a fresh output folder). Rows whose tools are missing say so and are skipped.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { fromHtml } from 'hast-util-from-html';
import { PHASES, PRINTER_PHASES, phasesOf } from './phases.mjs';
import { typstOfRelease } from './typst-anchor.mjs';
import { peakMemory } from './peak-memory.mjs';
import { scaleRows } from './scale.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin', 'communique.js');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
/** BENCH_ONLY=T: the rows of the releases alone (T1–T3) and the phase table, for a quick measure while working. */
const ONLY_T = process.env.BENCH_ONLY === 'T';
const rows = [];
const notes = [];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value) => (value === undefined ? '—' : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`);
const verdict = (ok) => (ok ? 'met' : 'NOT met');

/** Runs a command RUNS times (after `prepare` each time) and gives the median wall time in ms. */
async function time(command, args, { prepare } = {}) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    if (prepare) await prepare(i);
    const started = performance.now();
    const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const elapsed = performance.now() - started;
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
    times.push(elapsed);
  }
  return median(times);
}

/** Median time from a one-word save of the release's French text to the reload event of `communique dev`, in ms. */
async function previewReload(work) {
  const content = join(work, 'content-preview');
  await cp(join(ROOT, 'content'), content, { recursive: true });
  const fr = join(content, 'releases', (await readdir(join(content, 'releases')))[0], 'fr.mdx');
  const original = await readFile(fr, 'utf8');
  const server = spawn(process.execPath, [CLI, 'dev', '--port', '0', '--content', content], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise((resolve, reject) => {
      let text = '';
      server.stdout.on('data', (chunk) => {
        text += chunk;
        const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(text);
        if (match) resolve(match[1]);
      });
      server.on('exit', (code) => reject(new Error(`communique dev exited ${code}`)));
    });
    const { get } = await import('node:http');
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const elapsed = await new Promise((resolve, reject) => {
        const request = get(`${url}/events`, (response) => {
          let started;
          let text = '';
          response.on('data', (chunk) => {
            text += chunk;
            if (started === undefined && text.includes('\n\n')) {
              // Connected (the first message is the current version): save, and wait for the reload.
              started = performance.now();
              writeFile(fr, original.replace(/\bpremier\b/, `premier${'s'.repeat(i + 1)}`)).catch(reject);
              text = '';
            } else if (started !== undefined && text.includes('event: reload')) {
              resolve(performance.now() - started);
              request.destroy();
            }
          });
        });
        request.on('error', (error) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
      });
      times.push(elapsed);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return median(times);
  } finally {
    server.kill('SIGINT');
  }
}

const have = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

/** pandoc and WeasyPrint, installed with apt when missing and we may (root, apt-get); false with a note otherwise. */
function baselineTools() {
  if (have('pandoc') && have('weasyprint')) return true;
  const root = process.getuid?.() === 0 && have('apt-get');
  if (root) {
    console.error('bench: installing pandoc and weasyprint with apt-get (for the baseline rows)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
    const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'pandoc', 'weasyprint'], { stdio: 'ignore', env }) : update;
    if (install.status === 0 && have('pandoc') && have('weasyprint')) return true;
  }
  notes.push(`pandoc + WeasyPrint rows skipped: ${root ? 'apt-get could not install them' : 'not installed'} (as root: apt-get update && apt-get install -y pandoc weasyprint).`);
  return false;
}

/** A copy of the demo content with only some of its documents: "documents" (releases and reviews) or "collections". */
async function contentWith(work, keep) {
  const dir = join(work, `content-${keep}`);
  await cp(join(ROOT, 'content'), dir, { recursive: true });
  const drop = keep === 'documents' ? ['collections'] : ['releases', 'reviews'];
  for (const folder of drop) await rm(join(dir, folder), { recursive: true, force: true });
  return dir;
}

/** One run of a command: its wall time in ms. */
function once(command, args) {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return elapsed;
}

/** A ratio against a target ("≥ 2×"): met, or by how much it is missed. */
function against(ratio, target, ours) {
  if (ratio >= target) return `≥ ${target}×: met (${ratio.toFixed(2)}×)`;
  return `≥ ${target}×: NOT met (${ratio.toFixed(2)}×; ${(target / ratio).toFixed(1)}× too slow, needs ≤ ${ms((ours * ratio) / target)})`;
}

/**
 * The demo's releases alone: a copy of the content without reviews/ and collections/, each release's link to a
 * review turned into a link to a web address, so that they check.
 */
async function releasesOnly(work) {
  const dir = join(work, 'content-releases');
  await cp(join(ROOT, 'content'), dir, { recursive: true });
  for (const folder of ['reviews', 'collections']) await rm(join(dir, folder), { recursive: true, force: true });
  for (const slug of await readdir(join(dir, 'releases'))) {
    const file = join(dir, 'releases', slug, 'release.yaml');
    const doc = parseDocument(await readFile(file, 'utf8'));
    if (doc.getIn(['review', 'slug']) === undefined) continue;
    doc.setIn(['review'], doc.createNode({ url: { fr: 'https://www.example.gouv.fr/bilan', en: 'https://www.example.gouv.fr/en/review' } }));
    await writeFile(file, doc.toString());
  }
  return dir;
}

/** Every file of a built output folder, by path (its sections may be links). */
async function outputFiles(out) {
  const all = [];
  for (const section of (await readdir(out)).filter((name) => !name.startsWith('.'))) {
    for (const file of await readdir(join(out, section), { recursive: true })) all.push(`${section}/${file}`);
  }
  return all;
}

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const work = await mkdtemp(join(tmpdir(), 'communique-bench-'));
  const out = join(work, 'out');
  const documents = await contentWith(work, 'documents');
  const collection = await contentWith(work, 'collections');
  const fresh = () => rm(out, { recursive: true, force: true });

  // Issue 15, targets 1–3: the demo's releases alone, cold and after a one-word edit, paired run by run with
  // pandoc + WeasyPrint (the same number of documents, one after the other, as a script would) and Typst.
  const baseline = baselineTools();
  const releases = await releasesOnly(work);
  const releaseOut = join(work, 'out-releases');
  const buildReleases = [CLI, 'build', '--quiet', '--content', releases, '--out', releaseOut];
  await rm(releaseOut, { recursive: true, force: true });
  once(process.execPath, buildReleases); // makes the pages the other tools start from, and the print fonts
  const pages = (await outputFiles(releaseOut)).filter((f) => f.endsWith('.html') && f.startsWith('communiques/'));
  const docs = pages.length;
  let pandocScript;
  if (baseline) {
    const steps = [];
    for (const [i, page] of pages.entries()) {
      const markdown = join(work, `pw-${i}.md`);
      execFileSync('pandoc', [join(releaseOut, page), '-f', 'html', '-t', 'markdown', '-o', markdown]);
      steps.push(`pandoc "${markdown}" -s --metadata title=Communiqué -o "${work}/pw-${i}.html" && weasyprint -q "${work}/pw-${i}.html" "${work}/pw-${i}.pdf"`);
    }
    pandocScript = ['sh', ['-c', steps.join(' && ')]];
  }
  let typst;
  const fonts = join(ROOT, 'node_modules', '.cache', 'communique', 'fonts');
  if (existsSync(join(ROOT, 'node_modules', '@myriaddreamin', 'typst-ts-node-compiler'))) {
    const files = [];
    for (const [i, page] of pages.entries()) {
      files.push(join(work, `typst-${i}.typ`));
      await writeFile(files.at(-1), await typstOfRelease(await readFile(join(releaseOut, page), 'utf8'), page.endsWith('en.html') ? 'en' : 'fr', fromHtml));
    }
    typst = [process.execPath, [join(ROOT, 'bench', 'typst-anchor.mjs'), fonts, ...files]];
  } else notes.push('Typst row skipped: @myriaddreamin/typst-ts-node-compiler is not installed (npm ci installs the devDependencies).');
  const coldPairs = [];
  for (let i = 0; i < RUNS; i++) {
    await rm(releaseOut, { recursive: true, force: true });
    const ours = once(process.execPath, buildReleases);
    coldPairs.push({ ours, pandoc: pandocScript && once(...pandocScript), typst: typst && once(...typst) });
  }
  const coldOurs = median(coldPairs.map((p) => p.ours));
  rows.push([`T1. cold build, the releases alone (${docs} documents, whole process)`, ms(coldOurs), `${docs} PDFs + HTML`, '']);
  if (pandocScript) {
    const ratio = median(coldPairs.map((p) => p.pandoc / p.ours));
    rows.push([`    pandoc + WeasyPrint, the same ${docs} documents, one after the other`, ms(median(coldPairs.map((p) => p.pandoc))), `${docs} HTML + ${docs} PDFs`, '']);
    rows.push(['    → pandoc + WeasyPrint ÷ communiqué (paired, median)', `${ratio.toFixed(2)}×`, '', against(ratio, 2, coldOurs)]);
  }
  if (typst) {
    const ratio = median(coldPairs.map((p) => p.ours / p.typst));
    rows.push([`T3. anchor: Typst, the same ${docs} texts as Typst documents (whole process)`, ms(median(coldPairs.map((p) => p.typst))), `${docs} tagged PDFs`, '']);
    rows.push(['    → communiqué ÷ Typst (paired, median)', `${ratio.toFixed(1)}×`, '', 'the distance to a non-browser engine']);
  }
  const editedText = join(releases, 'releases', (await readdir(join(releases, 'releases')))[0], 'fr.mdx');
  const editedOriginal = await readFile(editedText, 'utf8');
  const editPairs = [];
  for (let i = 0; i < RUNS; i++) {
    await writeFile(editedText, editedOriginal.replace(/\b(premier|temps|territoires)\b/, `$1${'s'.repeat(i + 1)}`));
    const ours = once(process.execPath, buildReleases);
    editPairs.push({ ours, pandoc: pandocScript && once(...pandocScript) });
  }
  await writeFile(editedText, editedOriginal);
  const editOurs = median(editPairs.map((p) => p.ours));
  rows.push(['T2. the same after a one-word edit (new process, same output folder)', ms(editOurs), '', '']);
  if (pandocScript) {
    const ratio = median(editPairs.map((p) => p.pandoc / p.ours));
    rows.push(['    → pandoc + WeasyPrint ÷ communiqué (paired, median)', `${ratio.toFixed(2)}×`, '', against(ratio, 2.5, editOurs)]);
  }

  // The phase table: a cold build of the releases alone under `node --cpu-prof`.
  const profiles = join(work, 'profiles');
  await rm(releaseOut, { recursive: true, force: true });
  once(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profiles, ...buildReleases]);
  const phases = { main: await phasesOf(profiles), printer: await phasesOf(profiles, 1) };

  if (ONLY_T) {
    notes.push('only the rows of the releases alone (BENCH_ONLY=T).');
    return report(work, phases);
  }

  // 1. Cold full build of the demo's release and review (fr + en, HTML + PDF), whole process, no cache.
  const cold = await time(process.execPath, [CLI, 'build', '--quiet', '--content', documents, '--out', out], { prepare: fresh });
  const demoPdfs = (await outputFiles(out)).filter((f) => f.endsWith('.pdf')).length;
  const floorScript = join(work, 'floor.mjs');
  await writeFile(floorScript, FLOOR);
  const demoFloor = await time(process.execPath, [floorScript, ROOT, out]);
  rows.push(['1. cold full build, release + review (whole process)', ms(cold), `${demoPdfs} PDFs + HTML`, `≤ 1.5 s: ${verdict(cold <= 1500)}`]);
  rows.push(['   bare puppeteer-core loop, same pages (the floor)', ms(demoFloor), `${demoPdfs} PDFs`, `ratio ${(cold / demoFloor).toFixed(2)}×`]);
  // The same build in a new process after a one-word edit, into the folder of the previous build (its PDF cache).
  const fr = join(documents, 'releases', (await readdir(join(documents, 'releases')))[0], 'fr.mdx');
  const original = await readFile(fr, 'utf8');
  const edited = await time(process.execPath, [CLI, 'build', '--quiet', '--content', documents, '--out', out], {
    prepare: (i) => writeFile(fr, original.replace(/\bpremier\b/, `premier${'s'.repeat(i + 1)}`)),
  });
  await writeFile(fr, original);
  rows.push(['   the same after a one-word edit, PDF cache warm (whole process)', ms(edited), '1 PDF printed', '']);

  // 4. pandoc + WeasyPrint turning the same release into HTML and PDF, whole process.
  if (baseline) {
    const release = (await readdir(join(out, 'communiques')))[0];
    const markdown = join(work, 'release.md');
    execFileSync('pandoc', [join(out, 'communiques', release, 'fr.html'), '-f', 'html', '-t', 'markdown', '-o', markdown]);
    const html = join(work, 'pandoc.html');
    const pdf = join(work, 'pandoc.pdf');
    const pandoc = await time('sh', ['-c', `pandoc "${markdown}" -s --metadata title=Communiqué -o "${html}" && weasyprint -q "${html}" "${pdf}"`]);
    const ours = cold / demoPdfs;
    rows.push(['4. pandoc + WeasyPrint, one release (whole process)', ms(pandoc), '1 HTML + 1 PDF', '']);
    rows.push(['   per document: pandoc + WeasyPrint ÷ communiqué (row 1)', `${(pandoc / ours).toFixed(1)}×`, `${ms(ours)} per document`, `≥ 5×: ${verdict(pandoc / ours >= 5)}`]);
    rows.push(['   per document: pandoc + WeasyPrint ÷ communiqué (row 3)', '', '', '']);
    rows.pandocRow = rows.length - 1;
    rows.pandoc = pandoc;
  }

  // 2. Warm rebuilds after a one-word change, in one process (as `communique build --watch` does).
  for (const pdf of [false, true]) {
    const result = spawnSync(process.execPath, [join(ROOT, 'bench', 'warm.mjs'), documents, join(work, `warm-${pdf}`), String(pdf), String(RUNS)], { cwd: ROOT, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`warm rebuild failed: ${result.stderr}`);
    const { median: warm, printed } = JSON.parse(result.stdout);
    const target = pdf ? 300 : 100;
    rows.push([`2. warm rebuild after a one-word change, ${pdf ? 'HTML + PDF' : 'HTML only'}`, ms(warm), pdf ? `${printed} PDF printed` : 'in process', `≤ ${target} ms: ${verdict(warm <= target)}`]);
  }

  // The preview (`communique dev`, issue of the authoring loop): from a save to the reload event sent to the page.
  const reload = await previewReload(work);
  rows.push(['   preview: save of a text → reload event (whole demo)', ms(reload), 'communique dev', `≤ 300 ms: ${verdict(reload <= 300)}`]);

  // 3. The 366-PDF collection, whole process, no cache; its floor; its peak memory.
  const sheets = await time(process.execPath, [CLI, 'build', '--quiet', '--content', collection, '--out', out], { prepare: fresh });
  const sheetPdfs = (await outputFiles(out)).filter((f) => f.endsWith('.pdf')).length;
  const sheetFloor = await time(process.execPath, [floorScript, ROOT, out]);
  await fresh();
  const { peakMb: peak } = await peakMemory(process.execPath, [CLI, 'build', '--quiet', '--content', collection, '--out', out], { cwd: ROOT });
  rows.push(['3. the collection, cold (whole process)', ms(sheets), `${sheetPdfs} PDFs + HTML`, `≤ 12 s: ${verdict(sheets <= 12_000)}`]);
  rows.push(['   bare puppeteer-core loop, same pages (the floor)', ms(sheetFloor), `${sheetPdfs} PDFs`, `≤ 1.5× floor: ${verdict(sheets <= 1.5 * sheetFloor)} (${(sheets / sheetFloor).toFixed(2)}×)`]);
  rows.push(['   peak memory (RSS of node + Chromium)', `${peak.toFixed(0)} MB`, '', `≤ 700 MB: ${verdict(peak <= 700)}`]);
  if (rows.pandoc !== undefined) {
    const ours = sheets / sheetPdfs;
    rows[rows.pandocRow] = ['   per document: pandoc + WeasyPrint ÷ communiqué (row 3)', `${(rows.pandoc / ours).toFixed(1)}×`, `${ms(ours)} per document`, `≥ 5×: ${verdict(rows.pandoc / ours >= 5)}`];
  }

  // Target 4, scale: bench/scale.mjs (also runnable alone). BENCH_SCALE=0 skips these rows.
  if (process.env.BENCH_SCALE !== '0') {
    rows.push(...(await scaleRows(work)));
  } else notes.push('scale rows skipped (BENCH_SCALE=0).');
  await report(work, phases);
}

/** Prints the table and the phases, and removes the work folder. */
async function report(work, phases) {
  await rm(work, { recursive: true, force: true });
  const header = ['measure', 'median', 'what', 'target'];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...[header, ...rows].map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd();
  const browser = process.env.CHROME_PATH || '/usr/bin/chromium-headless-shell';
  console.log(`communiqué benchmark, ${new Date().toISOString().slice(0, 10)}: median of ${RUNS} runs, ${cpus().length} cores, node ${process.version}, ${browser}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  for (const note of notes) console.log(`note: ${note}`);
  const table = (title, thread, names) => {
    if (!thread) return;
    console.log(`\n${title} (${ms(thread.wall)} profiled):`);
    const width = Math.max(...names.map((p) => p.length));
    for (const phase of names) {
      const value = thread.totals.get(phase);
      console.log(`  ${phase.padEnd(width)}  ${ms(value).padStart(7)}  ${((100 * value) / thread.wall).toFixed(0).padStart(3)} %`);
    }
  };
  table('Phases of a cold build of the releases alone, main thread (one run under node --cpu-prof)', phases.main, PHASES);
  table("The printer's thread of the same run (launching and driving Chromium, finishing the PDFs)", phases.printer, PRINTER_PHASES);
}

// The floor: the same HTML pages of a built output printed by a bare puppeteer-core loop, one browser, a page per
// core, fonts and stylesheets served from memory, no checks, no post-processing.
const FLOOR = `
import { readFile, readdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
const [root, out] = process.argv.slice(2);
const { default: puppeteer } = await import(join(root, 'node_modules/puppeteer-core/lib/esm/puppeteer/puppeteer-core.js'));
const all = [];
for (const section of (await readdir(out)).filter((name) => !name.startsWith('.'))) {
  for (const f of await readdir(join(out, section), { recursive: true })) all.push(section + '/' + f);
}
const files = all.filter((f) => f.endsWith('.html'));
const served = new Map();
for (const f of all) served.set(f, await readFile(join(out, f)).catch(() => null));
const browser = await puppeteer.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium-headless-shell', headless: 'shell', pipe: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--font-render-hinting=none'] });
const pages = await Promise.all(Array.from({ length: availableParallelism() }, async () => {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (r) => { const body = served.get(new URL(r.url()).pathname.slice(1)); body ? r.respond({ status: 200, body }) : r.abort(); });
  return page;
}));
let next = 0;
await Promise.all(pages.map(async (page) => {
  while (next < files.length) {
    const file = files[next++];
    await page.goto('https://floor.invalid/' + file, { waitUntil: 'load' });
    await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  }
}));
await browser.close();
`;

await main();
