import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { VFile } from 'vfile';
import { Document as YamlDocument } from 'yaml';
import { z } from 'zod';
import { readYaml } from '../load/read-yaml.js';
import { isoDateSchema } from '../load/schema.js';
import type { Lang } from '../locale/lang.js';
import type { RuleId } from '../core/rules.js';
import { fail as failOn } from '../core/messages.js';

/** The ledger's file name, in the content folder. */
export const LEDGER = 'published.yaml';

/** The archive's folder, in the content folder: every published version's files, by their site path. */
export const ARCHIVE = 'archive';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 written by `communique publish` (64 hexadecimal digits)');

/** One publication of a document in one language: what `publish` appends to published.yaml. */
export const ledgerEntrySchema = z.strictObject({
  /** The document: its kind and slug ("release/183-territoires-industrie"). */
  document: z.string().regex(/^(release|review)\/[a-z0-9][a-z0-9-]{0,80}$/, 'a kind and a slug, e.g. release/183-territoires-industrie'),
  lang: z.enum(['fr', 'en']),
  /** 1 for the first publication, then one more for each correction. */
  version: z.number().int().min(1),
  /** When it was published (the clock, or `publish --now`), an ISO instant. */
  published: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'an ISO instant such as 2023-11-13T09:00:00Z'),
  /** The date of the correction this version publishes. */
  correction: isoDateSchema.optional(),
  title: z.string().min(1),
  /** The published page and PDF, as archived in archive/documents/<name>-v<version>.html and .pdf. */
  html: sha256,
  pdf: sha256,
});

export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

/** The ledger of a content folder: its entries, the file that carries its messages, and where entries are located. */
export interface Ledger {
  readonly file: VFile;
  readonly entries: readonly LedgerEntry[];
  readonly path: string;
  /** The position of an entry (by its index), for messages. */
  readonly locate: (index: number) => ReturnType<Awaited<ReturnType<typeof readYaml>>['locate']>;
}

const HEADER = `# What \`communique publish\` published: one entry per document, language and version, appended, never edited.
# The files of each version are kept in archive/ (commit both with the content): a published document is served from
# there, the same bytes, until a correction (\`corrections:\` in its settings) publishes its next version.
`;

/** Reads content/published.yaml (absent: no document published yet); a malformed entry is an error at its line. */
export async function readLedger(content: string): Promise<Ledger> {
  const path = join(content, LEDGER);
  const shown = relative(process.cwd(), path) || path;
  if (!existsSync(path)) return { file: new VFile({ path: shown }), entries: [], path, locate: () => undefined };
  const yaml = await readYaml(path, shown);
  const file = yaml.file;
  const locate = (index: number) => yaml.locate([index]);
  const fail = (reason: string, ruleId: RuleId, at: Array<string | number>) => {
    failOn(file, reason, ruleId, yaml.locate(at));
  };
  if (yaml.data === undefined && file.messages.some((m) => m.fatal)) return { file, entries: [], path, locate };
  const parsed = z.array(ledgerEntrySchema).safeParse(yaml.data ?? []);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const at = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      fail(`Invalid publication record${at.length ? ` at "${at.join('.')}"` : ''}: ${issue.message}. Records are written by \`communique publish\`; restore ${LEDGER} from version control.`, 'published-record', at);
    }
    return { file, entries: [], path, locate };
  }
  return { file, entries: parsed.data, path, locate };
}

/** The latest entry of a document in a language, and its index in the ledger; undefined when never published. */
export function latestEntry(ledger: Ledger, document: string, lang: Lang): { entry: LedgerEntry; index: number } | undefined {
  let found: { entry: LedgerEntry; index: number } | undefined;
  ledger.entries.forEach((entry, index) => {
    if (entry.document === document && entry.lang === lang && (!found || entry.version > found.entry.version)) found = { entry, index };
  });
  return found;
}

/** Appends entries to published.yaml, written whole to a temporary file then renamed over it. */
export async function appendLedger(ledger: Ledger, entries: readonly LedgerEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const before = ledger.file.value === undefined ? HEADER : String(ledger.file.value);
  const addition = new YamlDocument(entries).toString({ lineWidth: 0 });
  const text = `${before.endsWith('\n') ? before : `${before}\n`}\n${addition}`;
  const temporary = `${ledger.path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, ledger.path);
}
