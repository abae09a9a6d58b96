import type { VFile } from 'vfile';
import { severityOf, type Severity } from '../core/messages.js';

/** One message as `communique check --format json` writes it. */
export interface JsonMessage {
  readonly file: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly endLine: number | null;
  readonly endColumn: number | null;
  readonly ruleId: string | null;
  /** Where the rule is documented (its section of the README), from its declaration. */
  readonly url: string | null;
  readonly severity: Severity;
  readonly message: string;
  /** False for a message of a document the check was not asked about (`check <slug>`): reported, never failing. */
  readonly judged: boolean;
}

/** Every message of the files (and of the files not judged), for tools and CI: sorted by file, then place. */
export function jsonReport(files: readonly VFile[], outside: readonly VFile[] = []): JsonMessage[] {
  const rows = [...files, ...outside].flatMap((file) =>
    file.messages.map((m): JsonMessage => {
      const place = m.place && 'start' in m.place ? m.place : undefined;
      const point = place ? place.start : m.place && 'line' in m.place ? m.place : undefined;
      return {
        file: file.path,
        line: point?.line ?? null,
        column: point?.column ?? null,
        endLine: place?.end.line ?? null,
        endColumn: place?.end.column ?? null,
        ruleId: m.ruleId ?? null,
        url: m.url ?? null,
        severity: severityOf(m),
        message: m.reason,
        judged: !outside.includes(file),
      };
    }),
  );
  return rows.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
