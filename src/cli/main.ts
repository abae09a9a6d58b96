import { parseArgs } from 'node:util';
import { CommuniqueError } from '../errors.js';
import { EXIT, UsageError, type Command, type Io } from './command.js';
import { approvalsCommand } from './commands/approvals.js';
import { approveCommand } from './commands/approve.js';
import { buildCommand } from './commands/build.js';
import { checkCommand } from './commands/check.js';
import { devCommand } from './commands/dev.js';
import { newCommand } from './commands/new.js';
import { packetCommand } from './commands/packet.js';
import { publishCommand } from './commands/publish.js';
import { schemaCommand } from './commands/schema.js';
import { translatedCommand } from './commands/translated.js';

const COMMANDS: readonly Command[] = [
  buildCommand,
  checkCommand,
  publishCommand,
  devCommand,
  newCommand,
  translatedCommand,
  approvalsCommand,
  packetCommand,
  approveCommand,
  schemaCommand,
];

function mainHelp(): string {
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`);
  return `communique: bilingual press releases as HTML and PDF, every figure bound to its source.

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
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(mainHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.out('communique 0.1.0\n');
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
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

process.exitCode = await run(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  tty: process.stderr.isTTY === true,
});
