import { parseArgs, type ParseArgsConfig } from 'node:util';
import { reporter } from 'vfile-reporter';
import { build, check, hasErrors } from '../build.js';
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

const COMMANDS = {
  build: {
    summary: 'Build every release as HTML and PDF into the output folder.',
    usage: 'communique build [--content DIR] [--out DIR] [--lang fr|en] [--no-pdf] [--quiet]',
    options: { ...COMMON, out: { type: 'string', default: 'output' }, 'no-pdf': { type: 'boolean', default: false } },
    help: [
      '--content DIR   the content folder (default: content)',
      '--out DIR       the output folder (default: output); replaced only when the whole build succeeds',
      '--lang fr|en    build one language only (the other language\'s files already in the output are kept)',
      '--no-pdf        write the HTML only (no browser needed)',
      '--quiet, -q     print errors only',
    ],
  },
  check: {
    summary: 'Check the content and report every problem with file:line:column; writes nothing.',
    usage: 'communique check [--content DIR] [--lang fr|en] [--quiet]',
    options: COMMON,
    help: ['--content DIR   the content folder (default: content)', '--lang fr|en    check one language only', '--quiet, -q     print errors only'],
  },
} as const;

type CommandName = keyof typeof COMMANDS;

function mainHelp(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
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
  try {
    values = parseArgs({ args: [...rest], options: COMMANDS[command].options, strict: true, allowPositionals: false }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    process.stderr.write(`communique ${command}: ${(error as Error).message}\n\nUsage: ${COMMANDS[command].usage}\n`);
    return EXIT.usage;
  }
  if (values['help']) {
    process.stdout.write(commandHelp(command));
    return EXIT.ok;
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

  try {
    const result =
      command === 'build'
        ? await build({
            content,
            out: String(values['out']),
            langs,
            pdf: values['no-pdf'] !== true,
            ...(quiet || !process.stderr.isTTY ? {} : { onProgress: (done, total) => process.stderr.write(`\r  ${done}/${total} files${done === total ? '\n' : ''}`) }),
          })
        : await check({ content, langs });
    const report = reporter(result.files, { color: color(), quiet: true, defaultName: content });
    if (report) process.stderr.write(`${report}\n`);
    if (hasErrors(result.files)) {
      process.stderr.write(`communique ${command}: ${command === 'build' ? 'nothing was written; ' : ''}fix the errors above and run it again.\n`);
      return EXIT.content;
    }
    if (!quiet) {
      process.stdout.write(command === 'build' ? `Built ${result.written.length} files into ${String(values['out'])}/.\n` : 'No problems found.\n');
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

process.exitCode = await run(process.argv.slice(2));
