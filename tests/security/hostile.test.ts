import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import puppeteer from 'puppeteer-core';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATIONS } from '../../src/output/staging.js';
import { findBrowser } from '../../src/pdf/find-browser.js';
import { urlScheme } from '../../src/mdx/remark-check-urls.js';
import { ROOT, tempDir, type CliRun } from '../helpers/cli.js';

/** expected.json of a hostile case (see tests/fixtures/hostile/README.md). */
interface Expected {
  readonly about: string;
  readonly outcome: 'rejected' | 'neutralised';
  /** The rule that rejects it; null for a neutralised case. */
  readonly ruleId: string | null;
  /** Where the hostile input is, relative to the content folder, and its line. */
  readonly file: string;
  readonly line: number;
  /** Texts the built HTML (French or English page) must show as text, spaces folded. */
  readonly shows?: readonly string[];
  /** Time allowed for the build, in seconds (default: the test's timeout). */
  readonly maxSeconds?: number;
  /** Files written at assembly time: prefix + repeat × times + suffix. */
  readonly generate?: Readonly<Record<string, { prefix?: string; repeat: string; times: number; suffix?: string }>>;
  /** Files that are symbolic links, to the target given (placeholders allowed). */
  readonly symlinks?: Readonly<Record<string, string>>;
}

interface Outcome {
  readonly name: string;
  readonly expected: Expected;
  readonly run: CliRun;
  readonly seconds: number;
  readonly out: string;
  readonly outputFiles: readonly string[];
  readonly secretBytes: number;
}

const HOSTILE = join(ROOT, 'tests', 'fixtures', 'hostile');
const MINIMAL = join(ROOT, 'tests', 'fixtures', 'minimal');
const CASES = readdirSync(HOSTILE)
  .filter((name) => existsSync(join(HOSTILE, name, 'expected.json')))
  .sort();
const STACK_TRACE = /\n\s+at /;

/** The canary: an HTTP server on 127.0.0.1 that counts every request made to it. */
const canary = { server: undefined as Server | undefined, port: 0, hits: [] as string[] };
/** A local file with a random token that content tries to read through file:// URLs, url(), links, images. */
const secret = { dir: '', path: '', token: `SECRET-${randomBytes(16).toString('hex')}` };
/** A file that code run from content would create (its path is in the payloads); it must never exist. */
let sentinel = '';
const outcomes = new Map<string, Outcome>();
let work = '';
let tool = '';

/** Replaces the placeholders in a fixture file (bytes kept as they are: some files are deliberately not UTF-8). */
function substitute(bytes: Buffer): Buffer {
  const text = bytes.toString('latin1');
  if (!text.includes('__')) return bytes;
  return Buffer.from(text.replaceAll('__CANARY__', String(canary.port)).replaceAll('__SECRET__', secret.path).replaceAll('__SENTINEL__', sentinel), 'latin1');
}

/** The content folder of a case: tests/fixtures/minimal with the case's files laid over it. */
async function assemble(name: string, expected: Expected): Promise<string> {
  const content = join(work, name, 'content');
  await cp(MINIMAL, content, { recursive: true });
  const caseDir = join(HOSTILE, name);
  for (const entry of readdirSync(caseDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || (entry.parentPath === caseDir && entry.name === 'expected.json')) continue;
    const path = relative(caseDir, join(entry.parentPath, entry.name));
    await mkdir(dirname(join(content, path)), { recursive: true });
    await writeFile(join(content, path), substitute(await readFile(join(caseDir, path))));
  }
  for (const [path, spec] of Object.entries(expected.generate ?? {})) {
    await writeFile(join(content, path), substitute(Buffer.from(`${spec.prefix ?? ''}${spec.repeat.repeat(spec.times)}${spec.suffix ?? ''}`)));
  }
  for (const [path, target] of Object.entries(expected.symlinks ?? {})) {
    await rm(join(content, path), { force: true });
    await symlink(substitute(Buffer.from(target)).toString('latin1'), join(content, path));
  }
  return content;
}

/** Every file of an output folder as a reader sees it (through the section links; the generations folder once). */
function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (at === dir && name === GENERATIONS) {
        // Only what the sections do not show: a generation left behind would hold files no reader sees.
        let current = '';
        try {
          current = basename(realpathSync(join(path, 'current')));
        } catch {
          // no set swapped in yet
        }
        for (const generation of readdirSync(path).filter((g) => g.startsWith('gen-') && g !== current)) walk(join(path, generation));
        continue;
      }
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(dir);
  return files;
}

/** Occurrences of the secret token (or its first half) in a text, counted in bytes. */
function secretBytesIn(text: string): number {
  const half = secret.token.slice(0, secret.token.length / 2);
  return text.split(half).length - 1 > 0 ? (text.split(half).length - 1) * half.length : 0;
}

/** The secret bytes found in the output files (raw bytes, and the text of each PDF) and in what the CLI printed. */
function secretBytesInOutput(out: string, run: CliRun): number {
  let found = secretBytesIn(run.stdout) + secretBytesIn(run.stderr);
  for (const file of listFiles(out)) {
    found += secretBytesIn(readFileSync(file).toString('latin1'));
    if (file.endsWith('.pdf')) found += secretBytesIn(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
  }
  return found;
}

/**
 * Runs the CLI as runCli does, from a private copy of the compiled tool made when the suite starts: a recompilation
 * of dist/ while the corpus runs (by another terminal, an editor) cannot break a build half-way.
 */
function runTool(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(tool, 'bin', 'communique.js'), ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function runCase(name: string): Promise<Outcome> {
  const expected = JSON.parse(readFileSync(join(HOSTILE, name, 'expected.json'), 'utf8')) as Expected;
  const content = await assemble(name, expected);
  const out = join(work, name, 'out');
  const started = Date.now();
  const run = await runTool(['build', '--content', content, '--out', out]);
  const seconds = (Date.now() - started) / 1000;
  const outputFiles = listFiles(out);
  return { name, expected, run, seconds, out, outputFiles, secretBytes: secretBytesInOutput(out, run) };
}

/** The error messages of a vfile-reporter report: file (as shown), line, column and rule. */
function reportedErrors(stderr: string): Array<{ file: string; line: number; column: number; ruleId: string }> {
  const errors: Array<{ file: string; line: number; column: number; ruleId: string }> = [];
  let file = '';
  for (const line of stderr.split('\n')) {
    const message = /^\s*(\d+):(\d+)(?:-\d+:\d+)?\s+error\s+.*\s(\S+)\s+communique\s*$/.exec(line);
    if (message) errors.push({ file, line: Number(message[1]), column: Number(message[2]), ruleId: message[3]! });
    else if (/^\S/.test(line) && !/^(✖|⚠|communique |\d+ (messages|errors?))/.test(line)) file = line.trim();
  }
  return errors;
}

const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formAction', 'data', 'poster', 'srcSet', 'background', 'cite', 'xLinkHref', 'ping', 'manifest', 'codeBase', 'longDesc']);
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);
const FORBIDDEN_ELEMENTS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal', 'svg', 'math', 'form', 'img', 'video', 'audio', 'source']);

/** What is active in an HTML page as a browser parses it: script-like elements, on… attributes, unsafe URLs, CSS fetches. */
function activeContent(html: string): string[] {
  const tree: Root = fromHtml(html);
  const found: string[] = [];
  visit(tree, 'element', (node: Element) => {
    if (FORBIDDEN_ELEMENTS.has(node.tagName)) found.push(`<${node.tagName}>`);
    for (const [name, value] of Object.entries(node.properties)) {
      if (/^on/i.test(name)) found.push(`${node.tagName}[${name}]`);
      if (URL_ATTRIBUTES.has(name)) {
        for (const url of Array.isArray(value) ? value.map(String) : [String(value)]) {
          const scheme = urlScheme(url);
          if ((scheme !== null && !SAFE_SCHEMES.has(scheme)) || url.trim().startsWith('//')) found.push(`${node.tagName}[${name}=${url}]`);
        }
      }
      if (name === 'style' && /url\(|expression\(/i.test(String(value))) found.push(`${node.tagName}[style=${String(value)}]`);
    }
    if (node.tagName === 'meta' && ('httpEquiv' in node.properties)) found.push('<meta http-equiv>');
    if (node.tagName === 'link' && !['stylesheet', 'alternate'].includes(String(node.properties['rel']))) found.push(`<link rel=${String(node.properties['rel'])}>`);
    if (node.tagName === 'style') {
      // Outside its string literals, the page's own CSS never fetches anything.
      const css = toString(node).replace(/"(?:[^"\\\n]|\\[\s\S])*"/g, '""');
      if (/url\(|@import|expression\(/i.test(css)) found.push(`<style> fetching: ${css.slice(0, 200)}`);
    }
  });
  return found;
}

const fold = (text: string) => text.replace(/[\s\u00A0\u202F]+/g, ' ');
const isPdf = (path: string) => {
  const bytes = readFileSync(path);
  return bytes.subarray(0, 5).toString('latin1') === '%PDF-' && /%%EOF\s*$/.test(bytes.subarray(-32).toString('latin1')) && /^Pages:\s+[1-9]/m.test(execFileSync('pdfinfo', [path], { encoding: 'utf8' }));
};

beforeAll(async () => {
  expect(existsSync(join(ROOT, 'dist', 'cli', 'main.js')), 'compile first: npx tsc -p .').toBe(true);
  work = await tempDir('communique-hostile-');
  tool = join(work, 'tool');
  for (const part of ['bin', 'dist', 'templates', 'package.json']) await cp(join(ROOT, part), join(tool, part), { recursive: true });
  await symlink(join(ROOT, 'node_modules'), join(tool, 'node_modules'));
  secret.dir = await tempDir('communique-secret-');
  secret.path = join(secret.dir, 'secret.txt');
  await writeFile(secret.path, `${secret.token}\n`);
  sentinel = join(work, 'SENTINEL-code-ran');
  canary.server = createServer((request, response) => {
    canary.hits.push(`${request.method ?? ''} ${request.url ?? ''}`);
    response.end('canary');
  });
  await new Promise<void>((resolve) => canary.server!.listen(0, '127.0.0.1', resolve));
  canary.port = (canary.server.address() as AddressInfo).port;

  // Two or more builds at a time; each one is the real CLI in its own process.
  const queue = [...CASES];
  await Promise.all(
    Array.from({ length: Math.max(2, Math.min(4, availableParallelism())) }, async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) outcomes.set(name, await runCase(name));
    }),
  );
}, 900_000);

afterAll(async () => {
  const all = [...outcomes.values()];
  const rejected = all.filter((o) => o.expected.outcome === 'rejected');
  const neutralised = all.filter((o) => o.expected.outcome === 'neutralised');
  const asExpected = (o: Outcome) => (o.expected.outcome === 'rejected' ? rejectedAsExpected(o) : neutralisedAsExpected(o)).length === 0;
  const failing = all.filter((o) => !asExpected(o));
  console.log(
    [
      `hostile corpus: ${all.length} cases (${rejected.length} to reject, ${neutralised.length} to neutralise)`,
      `  rejected with file:line and the expected rule: ${rejected.filter(asExpected).length}/${rejected.length}`,
      `  neutralised (built, shown as text, nothing active): ${neutralised.filter(asExpected).length}/${neutralised.length}`,
      `  not handled as expected: ${failing.length}${failing.length ? ` (${failing.map((o) => o.name).join(', ')})` : ''}`,
      `  canary hits (127.0.0.1:${canary.port}), whole corpus and browser check: ${canary.hits.length}${canary.hits.length ? ` (${canary.hits.join(', ')})` : ''}`,
      `  secret bytes found in any output or message: ${all.reduce((n, o) => n + o.secretBytes, 0)}${all.some((o) => o.secretBytes) ? ` (${all.filter((o) => o.secretBytes).map((o) => o.name).join(', ')})` : ''}`,
      `  sentinel file created by code run from content: ${existsSync(sentinel) ? 'YES' : 'no'}`,
      `  stack traces printed: ${all.filter((o) => STACK_TRACE.test(o.run.stderr) || STACK_TRACE.test(o.run.stdout)).length}`,
      `  files written by rejected builds: ${rejected.reduce((n, o) => n + o.outputFiles.length, 0)}`,
      `  build time: ${all.reduce((n, o) => n + o.seconds, 0).toFixed(0)} s in all; slowest ${[...all].sort((a, b) => b.seconds - a.seconds).slice(0, 3).map((o) => `${o.name} ${o.seconds.toFixed(1)} s`).join(', ')}`,
    ].join('\n'),
  );
  canary.server?.close();
  if (work) await rm(work, { recursive: true, force: true });
  if (secret.dir) await rm(secret.dir, { recursive: true, force: true });
});

/** What is wrong with a case that must be rejected (empty when it is rejected as expected). */
function rejectedAsExpected(o: Outcome): string[] {
  const problems: string[] = [];
  if (o.run.code !== 1) problems.push(`exit ${o.run.code}, expected 1`);
  const errors = reportedErrors(o.run.stderr);
  const at = errors.find((e) => e.ruleId === o.expected.ruleId && e.line === o.expected.line && e.file.split(sep).join('/').endsWith(`/${o.expected.file}`));
  if (!at) problems.push(`no error ${o.expected.ruleId} at ${o.expected.file}:${o.expected.line}:column (reported: ${JSON.stringify(errors.slice(0, 4))})`);
  if (STACK_TRACE.test(o.run.stderr)) problems.push('a stack trace was printed');
  if (existsSync(o.out)) problems.push(`the output folder was created (${o.outputFiles.length} files)`);
  if (o.expected.maxSeconds && o.seconds > o.expected.maxSeconds) problems.push(`took ${o.seconds} s, more than ${o.expected.maxSeconds} s`);
  return problems;
}

/** What is wrong with a case that must be neutralised (empty when it is). */
function neutralisedAsExpected(o: Outcome): string[] {
  const problems: string[] = [];
  if (o.run.code !== 0) problems.push(`exit ${o.run.code}, expected 0: ${o.run.stderr.slice(0, 600)}`);
  if (STACK_TRACE.test(o.run.stderr)) problems.push('a stack trace was printed');
  if (o.expected.maxSeconds && o.seconds > o.expected.maxSeconds) problems.push(`took ${o.seconds.toFixed(1)} s, more than ${o.expected.maxSeconds} s`);
  let shownText = '';
  for (const lang of ['fr', 'en']) {
    const html = join(o.out, 'communiques', 'demo', `${lang}.html`);
    const pdf = join(o.out, 'communiques', 'demo', `${lang}.pdf`);
    if (!existsSync(html) || !existsSync(pdf)) {
      problems.push(`${lang}.html or ${lang}.pdf missing`);
      continue;
    }
    if (!isPdf(pdf)) problems.push(`${lang}.pdf is not a whole PDF`);
    const source = readFileSync(html, 'utf8');
    const active = activeContent(source);
    if (active.length > 0) problems.push(`${lang}.html has active content: ${active.join(', ')}`);
    if (/<script/i.test(source)) problems.push(`${lang}.html contains "<script"`);
    shownText += ` ${fold(toString(fromHtml(source)))}`;
  }
  for (const shown of o.expected.shows ?? []) {
    // French typography turns straight quotes into typographic ones: compare without quotes.
    const strip = (s: string) => s.replace(/['’‘"“”«»]/g, '');
    if (!strip(shownText).includes(strip(fold(shown)))) problems.push(`neither page shows ${JSON.stringify(shown)} as text`);
  }
  return problems;
}

describe('the hostile corpus (tests/fixtures/hostile), built with the real CLI', () => {
  it('should hold at least 60 cases, each with its expected rule or outcome', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect(outcomes.size).toBe(CASES.length);
  });

  it.each(CASES)('should reject or neutralise %s', (name) => {
    const o = outcomes.get(name)!;
    const problems = o.expected.outcome === 'rejected' ? rejectedAsExpected(o) : neutralisedAsExpected(o);
    expect(problems, `${name}: ${o.expected.about}`).toEqual([]);
    expect(o.secretBytes, 'secret bytes in the output').toBe(0);
  });

  it('should run no code when the neutralised pages are opened in Chromium with JavaScript on and the network open', async () => {
    const browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'] });
    const ran: string[] = [];
    try {
      for (const o of outcomes.values()) {
        if (o.expected.outcome !== 'neutralised' || o.run.code !== 0) continue;
        for (const lang of ['fr', 'en']) {
          const page = await browser.newPage();
          page.on('dialog', (dialog) => {
            ran.push(`${o.name}/${lang}: dialog ${dialog.message()}`);
            void dialog.dismiss();
          });
          page.on('console', (message) => ran.push(`${o.name}/${lang}: console ${message.text()}`));
          page.on('request', (request) => {
            if (!request.url().startsWith('file:')) ran.push(`${o.name}/${lang}: request ${request.url()}`);
          });
          await page.goto(pathToFileURL(join(o.out, 'communiques', 'demo', `${lang}.html`)).href, { waitUntil: 'load' });
          // Give timers and event handlers a moment to fire; then count the script elements that exist.
          await new Promise((resolve) => setTimeout(resolve, 100));
          const scripts = await page.evaluate('document.querySelectorAll("script, iframe, object, embed, base").length');
          if (scripts !== 0) ran.push(`${o.name}/${lang}: ${String(scripts)} active elements in the DOM`);
          await page.close();
        }
      }
    } finally {
      await browser.close();
    }
    expect(ran).toEqual([]);
  });

  it('should end the corpus with 0 canary hits, 0 secret bytes in any output and no sentinel file', () => {
    expect(canary.hits).toEqual([]);
    expect([...outcomes.values()].reduce((n, o) => n + o.secretBytes, 0)).toBe(0);
    expect(existsSync(sentinel)).toBe(false);
    expect([...outcomes.values()].filter((o) => STACK_TRACE.test(o.run.stderr)).map((o) => o.name)).toEqual([]);
  });
});
