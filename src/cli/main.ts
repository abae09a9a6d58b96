import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import { build, check, hasErrors } from '../build.js';
import { jsonReport } from '../check/json-report.js';
import { recordTranslation, TRANSLATED_LANGS, type TranslatedLang } from '../check/record-translation.js';
import { severityOf } from '../check/report.js';
import { CommuniqueError } from '../errors.js';
import { LANGS, type Lang } from '../locale/lang.js';

/** Exit codes: 0 success, 1 content errors, 2 usage errors, 3 no browser, 4 other failures. */
const EXIT = { ok: 0, content: 1, usage: 2 } as const;

const COMMON = {
  content: { type: 'string', default: 'content' },
  lang: { type: 'string' },
  quiet: { type: 'boolean', short: 'q', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

const FINAL = { final: { type: 'boolean', default: false } } as const satisfies ParseArgsConfig['options'];

const COMMANDS = {
  build: {
    summary: 'Build every release as HTML and PDF into the output folder.',
    usage: 'communique build [--content DIR] [--out DIR] [--lang fr|en] [--no-pdf] [--final] [--quiet]',
    options: { ...COMMON, ...FINAL, out: { type: 'string', default: 'output' }, 'no-pdf': { type: 'boolean', default: false } },
    positionals: false,
    help: [
      '--content DIR   the content folder (default: content)',
      '--out DIR       the output folder (default: output); replaced only when the whole build succeeds',
      '--lang fr|en    build one language only (the other language\'s files already in the output are kept)',
      '--no-pdf        write the HTML only (no browser needed)',
      '--final         treat warnings as errors: write nothing while any warning stands',
      '--quiet, -q     print errors only',
    ],
  },
  check: {
    summary: 'Check the content and report every problem with file:line:column; writes nothing.',
    usage: 'communique check [--content DIR] [--lang fr|en] [--final] [--format human|json] [--quiet]',
    options: { ...COMMON, ...FINAL, format: { type: 'string', default: 'human' } },
    positionals: false,
    help: [
      '--content DIR   the content folder (default: content)',
      '--lang fr|en    check one language only (the rules that compare both languages are skipped)',
      '--final         treat warnings as errors (exit 1 on any warning)',
      '--format json   print the messages as JSON on stdout, for tools and CI (default: human, on stderr)',
      '--quiet, -q     print errors only',
    ],
  },
  translated: {
    summary: 'Record that a translation was brought up to date with the current French text.',
    usage: 'communique translated <document> en [--content DIR]',
    options: { content: COMMON.content, help: COMMON.help },
    positionals: true,
    help: [
      '<document>      the folder name of a release in releases/',
      'en              the language of the translation',
      '--content DIR   the content folder (default: content)',
    ],
  },
} as const;

type CommandName = keyof typeof COMMANDS;

function mainHelp(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `communique: bilingual press releases as HTML and PDF, every figure bound to its source.

Usage: communique <command> [options]

Commands:
${lines.join('\n')}

Run \`communique <command> --help\` for a command's options.
Exit codes: 0 success, 1 content errors, 2 usage errors, 3 no browser found, 4 other failures.
`;
}

function commandHelp(name: CommandName): string {
  const c = COMMANDS[name];
  return `${c.summary}\n\nUsage: ${c.usage}\n\nOptions:\n  ${c.help.join('\n  ')}\n  --help, -h      show this help\n`;
}

function color(): boolean {
  if ('NO_COLOR' in process.env && process.env['NO_COLOR'] !== '') return false;
  const force = process.env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  return process.stderr.isTTY === true;
}

/** Runs the CLI with the given arguments and returns the exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(mainHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write('communique 0.1.0\n');
    return EXIT.ok;
  }
  if (!(name in COMMANDS)) {
    process.stderr.write(`communique: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}. See \`communique --help\`.\n`);
    return EXIT.usage;
  }
  const command = name as CommandName;
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    const parsed = parseArgs({ args: [...rest], options: COMMANDS[command].options, strict: true, allowPositionals: COMMANDS[command].positionals });
    values = parsed.values as Record<string, string | boolean | undefined>;
    positionals = parsed.positionals;
  } catch (error) {
    process.stderr.write(`communique ${command}: ${(error as Error).message}\n\nUsage: ${COMMANDS[command].usage}\n`);
    return EXIT.usage;
  }
  if (values['help']) {
    process.stdout.write(commandHelp(command));
    return EXIT.ok;
  }
  if (command === 'translated') return translated(positionals, String(values['content']));
  const format = values['format'] ?? 'human';
  if (format !== 'human' && format !== 'json') {
    process.stderr.write(`communique ${command}: --format must be human or json, not "${String(format)}".\n`);
    return EXIT.usage;
  }
  let langs: readonly Lang[] = LANGS;
  if (values['lang'] !== undefined) {
    if (!LANGS.includes(values['lang'] as Lang)) {
      process.stderr.write(`communique ${command}: --lang must be one of ${LANGS.join(', ')}, not "${String(values['lang'])}".\n`);
      return EXIT.usage;
    }
    langs = [values['lang'] as Lang];
  }
  const quiet = values['quiet'] === true;
  const content = String(values['content']);
  const final = values['final'] === true;

  try {
    const result =
      command === 'build'
        ? await build({
            content,
            out: String(values['out']),
            langs,
            final,
            pdf: values['no-pdf'] !== true,
            ...(quiet || !process.stderr.isTTY ? {} : { onProgress: (done, total) => process.stderr.write(`\r  ${done}/${total} files${done === total ? '\n' : ''}`) }),
          })
        : await check({ content, langs, final });
    const failed = hasErrors(result.files);
    if (format === 'json') {
      process.stdout.write(`${JSON.stringify(jsonReport(result.files), null, 2)}\n`);
      return failed ? EXIT.content : EXIT.ok;
    }
    const report = reporter(result.files, { color: color(), quiet: true, silent: quiet, defaultName: content });
    if (report) process.stderr.write(`${report}\n`);
    const summary = summarise(result.files);
    if (failed) {
      const why = final ? ' (--final: warnings count as errors)' : '';
      process.stderr.write(`communique ${command}: ${summary}${why}; ${command === 'build' ? 'nothing was written; ' : ''}fix the errors above and run it again.\n`);
      return EXIT.content;
    }
    if (!quiet) {
      if (command === 'build') process.stdout.write(`Built ${result.written.length} files into ${String(values['out'])}/.\n`);
      else process.stdout.write(summary === '' ? 'No problems found.\n' : `No errors (${summary}).\n`);
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommuniqueError) {
      process.stderr.write(`communique ${command}: ${error.message}\n  ${error.hint}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

/** "2 errors, 1 warning, 1 info": the counts of the messages by severity, or "" when there are none. */
function summarise(files: readonly VFile[]): string {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const file of files) for (const message of file.messages) counts[severityOf(message)]++;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [
    ...(counts.error ? [plural(counts.error, 'error')] : []),
    ...(counts.warning ? [plural(counts.warning, 'warning')] : []),
    ...(counts.info ? [plural(counts.info, 'info')] : []),
  ];
  return parts.join(', ');
}

/** `communique translated <document> <lang>`: records the French version a translation matches. */
async function translated(positionals: readonly string[], content: string): Promise<number> {
  const usage = `\n\nUsage: ${COMMANDS.translated.usage}\n`;
  const [slug, lang, ...extra] = positionals;
  if (slug === undefined || lang === undefined || extra.length > 0) {
    process.stderr.write(`communique translated: expected a document and a language, e.g. \`communique translated territoires-industrie-bilan en\`.${usage}`);
    return EXIT.usage;
  }
  if (!TRANSLATED_LANGS.includes(lang as TranslatedLang)) {
    process.stderr.write(`communique translated: "${lang}" is not a language documents are translated into: expected ${TRANSLATED_LANGS.join(', ')} (French is the original).${usage}`);
    return EXIT.usage;
  }
  const releases = join(content, 'releases');
  const dir = join(releases, slug);
  if (slug.includes('/') || slug.includes('\\') || !existsSync(join(dir, 'release.yaml'))) {
    const known = existsSync(releases) ? readdirSync(releases, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : [];
    process.stderr.write(`communique translated: no release "${slug}" in ${releases}: expected one of ${known.length ? known.join(', ') : '(none)'}.${usage}`);
    return EXIT.usage;
  }
  const result = await recordTranslation(dir, lang as TranslatedLang);
  if (hasErrors(result.files)) {
    process.stderr.write(`${reporter(result.files, { color: color(), quiet: true })}\n`);
    return EXIT.content;
  }
  process.stdout.write(`Recorded that ${join(dir, `${lang}.mdx`)} translates the current fr.mdx (${result.paragraphs ?? 0} paragraphs) in ${join(dir, 'release.yaml')}.\n`);
  return EXIT.ok;
}

process.exitCode = await run(process.argv.slice(2));
