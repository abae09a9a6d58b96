#!/usr/bin/env node
// Kills `communique build` with SIGKILL at random moments, again and again, and checks after each kill that the
// output folder holds exactly the previous complete set or the new complete set: same files, same bytes, every PDF
// whole (%PDF- header, %%EOF trailer, readable by pdfinfo), and no Chromium process left running.
//
// Usage: node scripts/kill-loop.mjs [--runs 50] [--seed N]      (npm run test:kill)
// Needs the compiled CLI (npx tsc -p .), Chromium and poppler-utils. Exits 1 on any violation.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { runs: { type: 'string', default: '50' }, seed: { type: 'string' } } });
const RUNS = Number(values.runs);
const SEED = Number(values.seed ?? Date.now() % 2 ** 31);

if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
  console.error('kill-loop: compile first (npx tsc -p .)');
  process.exit(2);
}

/** A small deterministic random generator, so that a failing sequence can be replayed with --seed. */
let state = SEED || 1;
const random = () => {
  state = (state * 48271) % 2147483647;
  return state / 2147483647;
};

const work = mkdtempSync(join(tmpdir(), 'communique-kill-'));
// A private copy of the compiled tool, so that a recompilation during the loop cannot break a build half-way.
const tool = join(work, 'tool');
for (const part of ['bin', 'dist', 'templates', 'package.json']) cpSync(join(ROOT, part), join(tool, part), { recursive: true });
symlinkSync(join(ROOT, 'node_modules'), join(tool, 'node_modules'));
const CLI = join(tool, 'bin', 'communique.js');
const contents = { A: join(work, 'content-a'), B: join(work, 'content-b') };
cpSync(join(ROOT, 'tests', 'fixtures', 'minimal'), contents.A, { recursive: true });
cpSync(join(ROOT, 'tests', 'fixtures', 'minimal'), contents.B, { recursive: true });
// B differs in its title, its text and a figure, so every communiqué file differs between the two sets.
const edit = (path, from, to) => writeFileSync(path, readFileSync(path, 'utf8').replace(from, to));
edit(join(contents.B, 'releases', 'demo', 'release.yaml'), 'bilan à 1 an', 'bilan à un an');
edit(join(contents.B, 'releases', 'demo', 'release.yaml'), 'one-year review', 'review after one year');
edit(join(contents.B, 'data', 'indicators.yaml'), 'value: 2800', 'value: 2900');

/** Every file of an output folder (through the section links), generations folder excluded, with its sha256. */
function snapshot(dir) {
  const files = {};
  const walk = (at) => {
    for (const name of readdirSync(at)) {
      if (at === dir && name === '.communique') continue;
      const path = join(at, name);
      let info;
      try {
        info = statSync(path);
      } catch {
        continue; // a section link that points at nothing yet
      }
      if (info.isDirectory()) walk(path);
      else files[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

const same = (a, b) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** Problems of a PDF: header, trailer, and whether pdfinfo reads it. */
function pdfProblems(path) {
  const bytes = readFileSync(path);
  const problems = [];
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') problems.push('no %PDF- header');
  if (!/%%EOF\s*$/.test(bytes.subarray(-64).toString('latin1'))) problems.push('no %%EOF trailer');
  try {
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (!/^Pages:\s+[1-9]/m.test(info)) problems.push('pdfinfo finds no page');
  } catch (error) {
    problems.push(`pdfinfo fails: ${String(error.stderr ?? error.message).split('\n')[0]}`);
  }
  return problems;
}

/** Running Chromium processes (not zombies) in the given process groups. */
function chromiumIn(groups) {
  const left = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [st, , pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (groups.has(Number(pgid)) && st !== 'Z' && /chrom/.test(readFileSync(`/proc/${name}/cmdline`, 'utf8'))) left.push(Number(name));
    } catch {
      // gone
    }
  }
  return left;
}

/** Process groups of the Chromium processes below `pid`. */
function chromiumGroupsBelow(pid, groups) {
  const parent = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), { ppid: Number(ppid), pgid: Number(pgid) });
    } catch {
      // gone
    }
  }
  for (const [p, info] of parent) {
    for (let up = info.ppid, hops = 0; up > 1 && hops < 10; up = parent.get(up)?.ppid ?? 0, hops++) {
      if (up === pid) groups.add(info.pgid);
    }
  }
}

/** Runs a build of `content` into `out`; kills it with SIGKILL after `delay` ms (never when delay is Infinity). */
function build(content, out, delay = Infinity) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [CLI, 'build', '--quiet', '--content', content, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const groups = new Set();
    const watcher = setInterval(() => chromiumGroupsBelow(child.pid, groups), 20);
    let killed = false;
    const timer = Number.isFinite(delay)
      ? setTimeout(() => {
          chromiumGroupsBelow(child.pid, groups);
          killed = child.exitCode === null;
          child.kill('SIGKILL');
        }, delay)
      : undefined;
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearInterval(watcher);
      resolve({ code, signal, killed, stderr, groups, ms: Date.now() - started });
    });
  });
}

// Reference sets, each built whole into a folder of its own.
const reference = {};
let duration = 0;
for (const name of ['A', 'B']) {
  const dir = join(work, `reference-${name}`);
  const run = await build(contents[name], dir);
  if (run.code !== 0) {
    console.error(`kill-loop: the reference build ${name} failed (exit ${run.code}):\n${run.stderr}`);
    process.exit(2);
  }
  reference[name] = snapshot(dir);
  duration = Math.max(duration, run.ms);
}
if (same(reference.A, reference.B)) {
  console.error('kill-loop: the two contents give the same output; the test would prove nothing');
  process.exit(2);
}

const out = join(work, 'output');
const first = await build(contents.A, out);
duration = Math.max(duration, first.ms);
if (first.code !== 0 || !same(snapshot(out), reference.A)) {
  console.error(`kill-loop: the first build did not give the reference set A:\n${first.stderr}`);
  process.exit(2);
}

const figures = { runs: 0, previous: 0, next: 0, completed: 0, violations: 0, pdfsChecked: 0, truncatedPdfs: 0, chromiumLeft: 0 };
const violations = [];
let current = 'A';
const recent = [first.ms];
console.log(`kill-loop: ${RUNS} runs, seed ${SEED}, a full build takes about ${duration} ms; killing at random moments within it`);
for (let i = 1; i <= RUNS; i++) {
  const target = current === 'A' ? 'B' : 'A';
  // Uniform over the build, with one run in three aimed at its end (where the new set is swapped in). Builds vary in
  // length with the machine's load: the estimate follows the builds that finished before their kill.
  const delay = Math.round(i % 3 === 0 ? duration * (0.8 + 0.3 * random()) : duration * 1.1 * random());
  const run = await build(contents[target], out, delay);
  figures.runs++;
  if (!run.killed) {
    figures.completed++;
    if (run.code === 0) {
      recent.push(run.ms);
      duration = [...recent.slice(-5)].sort((a, b) => a - b)[Math.floor(Math.min(recent.length, 5) / 2)];
    }
  }
  const now = snapshot(out);
  const problems = [];
  if (!run.killed && run.code !== 0) problems.push(`the build failed on its own (exit ${run.code}): ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  let holds;
  if (same(now, reference[current])) holds = current;
  else if (same(now, reference[target])) holds = target;
  else problems.push(`output/ is neither the previous set (${current}) nor the new one (${target}): ${Object.keys(now).length} files`);
  for (const path of Object.keys(now).filter((p) => p.endsWith('.pdf'))) {
    figures.pdfsChecked++;
    const bad = pdfProblems(join(out, path));
    if (bad.length > 0) {
      figures.truncatedPdfs++;
      problems.push(`${path}: ${bad.join(', ')}`);
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 300)); // Chromium sees its pipe close and quits
  const left = chromiumIn(run.groups);
  if (left.length > 0) {
    figures.chromiumLeft += left.length;
    problems.push(`${left.length} Chromium processes still running: ${left.join(' ')}`);
    for (const pid of left) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }
  if (holds === current) figures.previous++;
  else if (holds === target) figures.next++;
  const line = `run ${String(i).padStart(2)}: ${current}→${target}, killed at ${String(delay).padStart(5)} ms${run.killed ? '' : ' (already done)'}: output holds ${holds === current ? 'the previous set' : holds === target ? 'the new set' : 'A MIX'}`;
  console.log(problems.length === 0 ? line : `${line}\n  ${problems.join('\n  ')}`);
  if (problems.length > 0) {
    figures.violations++;
    violations.push(i);
  }
  if (holds) current = holds;
}

console.log(
  `\nkill-loop figures: ${figures.runs} runs (${figures.runs - figures.completed} killed mid-build, ${figures.completed} finished first); ` +
    `output held the previous set ${figures.previous} times, the new set ${figures.next} times; ` +
    `violations ${figures.violations}; PDFs checked ${figures.pdfsChecked}, truncated or unreadable ${figures.truncatedPdfs}; ` +
    `Chromium processes left running ${figures.chromiumLeft}.`,
);
rmSync(work, { recursive: true, force: true });
process.exit(figures.violations === 0 ? 0 : 1);
