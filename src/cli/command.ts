import type { ParseArgsConfig } from 'node:util';
import { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import { severityOf } from '../core/messages.js';
import { LANGS, type Lang } from '../locale/lang.js';

/** Exit codes: 0 success, 1 content errors, 2 usage errors, 3 no browser, 4 other failures. */
export const EXIT = { ok: 0, content: 1, usage: 2 } as const;

/** The values of a command's options, as parsed. */
export type Values = Readonly<Record<string, string | boolean | undefined>>;

/** Where a command writes: the CLI is the only place that talks to the terminal. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (progress lines are drawn only then). */
  readonly tty: boolean;
}

/** A command of the CLI. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** Whether it takes positional arguments (default false). */
  readonly positionals?: boolean;
  /** One line per option or argument, for --help. */
  readonly help: readonly string[];
  run(values: Values, positionals: readonly string[], io: Io): Promise<number>;
}

/** Options most commands share. */
export const CONTENT_OPTION = { content: { type: 'string', default: 'content' } } as const;
export const LANG_OPTION = { lang: { type: 'string' } } as const;
export const QUIET_OPTION = { quiet: { type: 'boolean', short: 'q', default: false } } as const;
export const FINAL_OPTION = { final: { type: 'boolean', default: false } } as const;

/** Thrown for a usage error found after parsing: the CLI prints it with the command's usage, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The languages chosen with --lang (default both). */
export function langsOf(values: Values): readonly Lang[] {
  const lang = values['lang'];
  if (lang === undefined) return LANGS;
  if (!LANGS.includes(lang as Lang)) throw new UsageError(`--lang must be one of ${LANGS.join(', ')}, not "${String(lang)}".`);
  return [lang as Lang];
}

/** Whether to colour the output: NO_COLOR and FORCE_COLOR first, else when stderr is a terminal. */
export function useColor(tty: boolean): boolean {
  if ('NO_COLOR' in process.env && process.env['NO_COLOR'] !== '') return false;
  const force = process.env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  return tty;
}

/** Prints the messages of files grouped by file (vfile-reporter), infos and warnings hidden with --quiet. */
export function printMessages(files: readonly VFile[], io: Io, options: { quiet?: boolean; defaultName?: string; infos?: boolean } = {}): void {
  // Without infos: files whose messages are the errors and warnings only (the files themselves keep every message).
  const shown = options.infos === false
    ? files.map((file) => Object.assign(new VFile({ path: file.path, value: file.value }), { messages: file.messages.filter((m) => severityOf(m) !== 'info') }))
    : files;
  const report = reporter([...shown], { color: useColor(io.tty), quiet: true, silent: options.quiet ?? false, ...(options.defaultName ? { defaultName: options.defaultName } : {}) });
  if (report) io.err(`${report}\n`);
}

/**
 * Prints the messages of the documents a command was not asked about (`build <slug>`): reported under their own
 * heading, never counted against the documents named.
 */
export function printOutside(files: readonly VFile[], io: Io, options: { quiet?: boolean } = {}): void {
  if (options.quiet || !files.some((f) => f.messages.length > 0)) return;
  io.err(`Other documents (reported, not judged here: ${summarise(files)}):\n`);
  printMessages(files, io);
}

/** How many infos the files hold, as a line for commands that do not print them ("", when there are none). */
export function infosLine(files: readonly VFile[], content: string): string {
  const count = files.reduce((n, file) => n + file.messages.filter((m) => severityOf(m) === 'info').length, 0);
  if (count === 0) return '';
  return `${count} info${count === 1 ? '' : 's'} (unused entries and other notes): \`communique check --content ${content}\` lists them.\n`;
}

/** "2 errors, 1 warning, 1 info": the counts of the messages by severity, or "" when there are none. */
export function summarise(files: readonly VFile[]): string {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const file of files) for (const message of file.messages) counts[severityOf(message)]++;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [
    ...(counts.error ? [plural(counts.error, 'error')] : []),
    ...(counts.warning ? [plural(counts.warning, 'warning')] : []),
    ...(counts.info ? [plural(counts.info, 'info')] : []),
  ].join(', ');
}

/** A progress line on a terminal ("3/8 files"), nothing otherwise. */
export function progressLine(io: Io, quiet: boolean): ((done: number, total: number) => void) | undefined {
  if (quiet || !io.tty) return undefined;
  return (done, total) => io.err(`\r  ${done}/${total} files${done === total ? '\n' : ''}`);
}
