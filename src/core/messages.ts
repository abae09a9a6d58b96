import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { closest } from './edit-distance.js';
import { ruleUrl, type RuleId, type Severity } from './rules.js';

export type { Severity } from './rules.js';

/** The `fatal` field vfile gives each severity: true (error), false (warning), undefined (info). */
const FATAL: Record<Severity, boolean | undefined> = { error: true, warning: false, info: undefined };

/**
 * Adds a message of a rule to `file`, at `place` when known: the one way every stage reports a content problem. The
 * message carries its `ruleId`, `source: 'communique'` and the `url` of the rule's documentation.
 */
export function report(file: VFile, reason: string, ruleId: RuleId, severity: Severity, place?: Position | Point): VFileMessage {
  const message = file.message(reason, { ruleId, source: 'communique', ...(place ? { place } : {}) });
  message.url = ruleUrl(ruleId);
  message.fatal = FATAL[severity];
  return message;
}

/** Adds an error of a rule to `file` (report with severity "error"). */
export function fail(file: VFile, reason: string, ruleId: RuleId, place?: Position | Point): VFileMessage {
  return report(file, reason, ruleId, 'error', place);
}

/** The severity of a message, from its `fatal` field. */
export function severityOf(message: VFileMessage): Severity {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
}

/** Whether any file has an error (a fatal message). */
export function hasErrors(files: readonly VFile[]): boolean {
  return files.some((f) => f.messages.some((m) => m.fatal === true));
}

/** Turns every warning into an error (`--final`). */
export function warningsAsErrors(files: readonly VFile[]): void {
  for (const file of files) {
    for (const message of file.messages) if (message.fatal === false) message.fatal = true;
  }
}

/** Copies the messages of a cached file onto a fresh one: later stages (the checks, --final) change their own copies only. */
export function copyMessages(from: VFile, to: VFile): void {
  for (const message of from.messages) to.messages.push(Object.assign(Object.create(Object.getPrototypeOf(message) as object) as typeof message, message));
}

/** "file:line:column" of a place, for messages that name another place. */
export function where(path: string, place: Position | Point | undefined): string {
  const point = place && 'start' in place ? place.start : place;
  return point ? `${path}:${point.line}:${point.column}` : path;
}

/** "Unknown contact "x": expected an id defined in data/contacts.yaml (did you mean "y"?)." */
export function unknownId(id: string, what: string, known: ReadonlyMap<string, unknown>, where: string): string {
  const suggestion = closest(id, [...known.keys()]);
  return `Unknown ${what} "${id}": expected an id defined in ${where}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}.`;
}
