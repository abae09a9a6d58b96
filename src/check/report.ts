import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { RuleId } from '../rule-ids.js';

/** How serious a message is: an error stops a build, a warning does under `--final`, an info never does. */
export type Severity = 'error' | 'warning' | 'info';

/** The `fatal` field vfile gives each severity: true (error), false (warning), undefined (info). */
const FATAL: Record<Severity, boolean | undefined> = { error: true, warning: false, info: undefined };

/** Adds a message of an editorial rule to `file`, at `place` when known. */
export function report(file: VFile, reason: string, ruleId: RuleId, severity: Severity, place?: Position | Point): VFileMessage {
  const message = file.message(reason, { ruleId, source: 'communique', ...(place ? { place } : {}) });
  message.fatal = FATAL[severity];
  return message;
}

/** The severity of a message, from its `fatal` field. */
export function severityOf(message: VFileMessage): Severity {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
}

/** "file:line:column" of a place, for messages that name another place. */
export function where(path: string, place: Position | Point | undefined): string {
  const point = place && 'start' in place ? place.start : place;
  return point ? `${path}:${point.line}:${point.column}` : path;
}

/** "French" / "English", for messages. */
export const LANGUAGE_NAME = { fr: 'French', en: 'English' } as const;
