import { parseArgs } from 'node:util';
import { CommuniqueError } from '../core/errors.js';
import type { Command, Io } from './command.js';
import { SUMMARIES } from './summaries.js';

/**
 * The commands, by name, with the summary `--help` lists. A command's module (and everything it imports: the MDX
 * pipeline, vega, pdf-lib, puppeteer…) is loaded only when that command runs, so that `--version`, `--help` and
 * each command start without loading the others. Each summary here must be the `summary` of its command.
 */
interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<Command>;
}

const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'build',
    summary: SUMMARIES.build,
    load: async () => (await import('./commands/build.js')).buildCommand,
  },
  {
    name: 'check',
    summary: SUMMARIES.check,
    load: async () => (await import('./commands/check.js')).checkCommand,
  },
  {
    name: 'publish',
    summary: SUMMARIES.publish,
    load: async () => (await import('./commands/publish.js')).publishCommand,
  },
  {
    name: 'dev',
    summary: SUMMARIES.dev,
    load: async () => (await import('./commands/dev.js')).devCommand,
  },
  {
    name: 'new',
    summary: SUMMARIES.new,
    load: async () => (await import('./commands/new.js')).newCommand,
  },
  {
    name: 'translated',
    summary: SUMMARIES.translated,
    load: async () => (await import('./commands/translated.js')).translatedCommand,
  },
  {
    name: 'approvals',
    summary: SUMMARIES.approvals,
    load: async () => (await import('./commands/approvals.js')).approvalsCommand,
  },
  {
    name: 'packet',
    summary: SUMMARIES.packet,
    load: async () => (await import('./commands/packet.js')).packetCommand,
  },
  {
    name: 'approve',
    summary: SUMMARIES.approve,
    load: async () => (await import('./commands/approve.js')).approveCommand,
  },
  {
    name: 'schema',
    summary: SUMMARIES.schema,
    load: async () => (await import('./commands/schema.js')).schemaCommand,
  },
];

function mainHelp(): string {
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`);
  return `communique: bilingual press releases, reviews and fact sheets as HTML and PDF, every figure bound to its source.

Usage: communique <command> [options]

Commands:
${lines.join('\n')}

Run \`communique <command> --help\` for a command's options.
Exit codes: 0 success, 1 content errors, 2 usage errors, 3 no browser found, 4 other failures.
`;
}

function commandHelp(command: Command): string {
  return `${command.summary}\n\nUsage: ${command.usage}\n\nOptions:\n  ${command.help.join('\n  ')}\n  --help, -h      show this help\n`;
}

/** Runs the CLI with the given arguments and returns the exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    io.out('communique 0.1.0\n');
    return 0; // EXIT.ok, without loading command.js (and vfile-reporter) for a version
  }
  const entry = COMMANDS.find((c) => c.name === name);
  const [{ EXIT, UsageError }, command] = await Promise.all([import('./command.js'), entry?.load()]);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(mainHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (!command) {
    io.err(`communique: unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}. See \`communique --help\`.\n`);
    return EXIT.usage;
  }
  const usage = `\n\nUsage: ${command.usage}\n`;
  let parsed;
  try {
    parsed = parseArgs({ args: [...rest], options: { ...command.options, help: { type: 'boolean', short: 'h', default: false } }, strict: true, allowPositionals: command.positionals ?? false });
  } catch (error) {
    io.err(`communique ${command.name}: ${(error as Error).message}${usage}`);
    return EXIT.usage;
  }
  if (parsed.values['help'] === true) {
    io.out(commandHelp(command));
    return EXIT.ok;
  }
  try {
    return await command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`communique ${command.name}: ${error.message}${usage}`);
      return EXIT.usage;
    }
    if (error instanceof CommuniqueError) {
      io.err(`communique ${command.name}: ${error.message}\n  ${error.hint}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

// Not awaited at the top level: the bundle (scripts/bundle.mjs) is a CommonJS script, which cannot hold such an await.
void run(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  tty: process.stderr.isTTY === true,
}).then((code) => {
  process.exitCode = code;
});
