#!/usr/bin/env node
// `npm run bench`: measures communiqué against what a user would use instead (pandoc + WeasyPrint) and against the
// physical floor (a bare puppeteer-core loop printing the same pages), all in one run on this machine.
// Prints one table; each row is the median of RUNS runs. Rows whose tools are missing say so and are skipped.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin', 'communique.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const rows = [];
const notes = [];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value) => (value === undefined ? '—' : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`);

/** Runs a command RUNS times (after `prepare` each time) and gives the median wall time in ms. */
async function time(command, args, { prepare, env } = {}) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    if (prepare) await prepare(i);
    const started = performance.now();
    const result = spawnSync(command, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
    const elapsed = performance.now() - started;
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
    times.push(elapsed);
  }
  return median(times);
}

/** Peak resident memory (MB) of a process tree while `command` runs, sampled from /proc every 20 ms. */
function peakMemory(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'ignore' });
    let peak = 0;
    const sample = async () => {
      const pids = await descendants(child.pid);
      let total = 0;
      for (const pid of pids) {
        const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
        const match = /VmRSS:\s+(\d+) kB/.exec(status);
        if (match) total += Number(match[1]);
      }
      peak = Math.max(peak, total);
    };
    const timer = setInterval(sample, 20);
    child.on('exit', (code) => {
      clearInterval(timer);
      code === 0 ? resolve(peak / 1024) : reject(new Error(`${command} exited ${code}`));
    });
  });
}

async function descendants(root) {
  const children = new Map();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(name));
  }
  const all = [root];
  for (let i = 0; i < all.length; i++) all.push(...(children.get(all[i]) ?? []));
  return all;
}

const have = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const work = await mkdtemp(join(tmpdir(), 'communique-bench-'));
  const out = join(work, 'out');

  // 1. Cold full build of the demo, whole process.
  const cold = await time(process.execPath, [CLI, 'build', '--quiet', '--out', out], { prepare: () => rm(out, { recursive: true, force: true }) });
  const pdfs = [];
  for (const section of (await readdir(out)).filter((name) => !name.startsWith('.'))) {
    pdfs.push(...(await readdir(join(out, section), { recursive: true })).filter((f) => f.endsWith('.pdf')));
  }
  rows.push(['cold full build of the demo (whole process)', ms(cold), `${pdfs.length} PDFs + HTML`, '≤ 1.5 s']);
  rows.push(['  per document', ms(cold / pdfs.length), '', '']);

  // 4a. The floor: a bare puppeteer-core loop printing the same HTML pages, fonts served from memory.
  const floorScript = join(work, 'floor.mjs');
  await writeFile(floorScript, FLOOR.replace('__ROOT__', ROOT).replace('__OUT__', out));
  const floor = await time(process.execPath, [floorScript]);
  rows.push(['bare puppeteer-core loop, same pages (whole process)', ms(floor), `${pdfs.length} PDFs`, 'floor']);

  // 4b. pandoc + WeasyPrint on the same release.
  if (!have('pandoc') || !have('weasyprint')) {
    notes.push('pandoc + WeasyPrint: not installed (as root: apt-get install -y pandoc weasyprint); row skipped.');
  } else {
    const release = (await readdir(join(out, 'communiques')))[0];
    const markdown = join(work, 'release.md');
    execFileSync('pandoc', [join(out, 'communiques', release, 'fr.html'), '-f', 'html', '-t', 'markdown', '-o', markdown]);
    const html = join(work, 'pandoc.html');
    const pdf = join(work, 'pandoc.pdf');
    const pandoc = await time('sh', ['-c', `pandoc "${markdown}" -s --metadata title=Communiqué -o "${html}" && weasyprint -q "${html}" "${pdf}"`]);
    rows.push(['pandoc + WeasyPrint, one release (whole process)', ms(pandoc), '1 HTML + 1 PDF', '']);
    rows.push(['  communiqué per document ÷ pandoc + WeasyPrint per document', `${(pandoc / (cold / pdfs.length)).toFixed(1)}× faster`, '', '≥ 5×']);
  }

  // Peak memory of the cold build (node + Chromium).
  await rm(out, { recursive: true, force: true });
  rows.push(['peak memory of the full build (node + Chromium RSS)', `${(await peakMemory(process.execPath, [CLI, 'build', '--quiet', '--out', out])).toFixed(0)} MB`, '', '']);

  await rm(work, { recursive: true, force: true });
  const widths = [0, 1, 2, 3].map((i) => Math.max(...[['measure', 'median', 'what', 'target'], ...rows].map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd();
  console.log(`communiqué benchmark — ${RUNS} runs each, median — ${new Date().toISOString().slice(0, 10)}, ${(await import('node:os')).cpus().length} cores`);
  console.log(line(['measure', 'median', 'what', 'target']));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  for (const note of notes) console.log(`note: ${note}`);
}

const FLOOR = `
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer from '__ROOT__/node_modules/puppeteer-core/lib/esm/puppeteer/puppeteer-core.js';
const out = '__OUT__';
// The output's sections (communiques/, bilans/, assets/) may be links: list each one through its link.
const all = [];
for (const section of (await readdir(out)).filter((name) => !name.startsWith('.'))) {
  for (const f of await readdir(join(out, section), { recursive: true })) all.push(section + '/' + f);
}
const files = all.filter((f) => f.endsWith('.html'));
const served = new Map();
for (const f of all) served.set(f, await readFile(join(out, f)).catch(() => null));
const browser = await puppeteer.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium-headless-shell', headless: 'shell', pipe: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--font-render-hinting=none'] });
const pages = await Promise.all([0, 1].map(async () => {
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
