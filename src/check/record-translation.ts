import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { VFile } from 'vfile';
import { Document, isMap, isScalar, parseDocument } from 'yaml';
import { sourceParagraphs, translationRecord, type TranslationRecord } from './translation-record.js';

/** The languages a document is translated into, from French. */
export const TRANSLATED_LANGS = ['en'] as const;

/** A language a document is translated into. */
export type TranslatedLang = (typeof TRANSLATED_LANGS)[number];

/** What `communique translated` did: the files with their messages, and the number of paragraphs recorded. */
export interface RecordTranslationResult {
  readonly files: VFile[];
  readonly paragraphs?: number;
}

/**
 * Records in `<dir>/release.yaml` that the `lang` text translates the current French text (`translation.<lang>`),
 * rewriting that field only: comments and the rest of the file are kept as they are.
 */
export async function recordTranslation(dir: string, lang: TranslatedLang): Promise<RecordTranslationResult> {
  const show = (path: string) => relative(process.cwd(), path) || path;
  const frPath = join(dir, 'fr.mdx');
  const yamlPath = join(dir, 'release.yaml');
  const frFile = new VFile({ path: show(frPath) });
  const yamlFile = new VFile({ path: show(yamlPath) });
  const fail = (file: VFile, reason: string, ruleId: string) => {
    file.message(reason, { ruleId, source: 'communique' }).fatal = true;
    return { files: [file] };
  };
  let fr: string;
  let yaml: string;
  try {
    fr = await readFile(frPath, 'utf8');
    yaml = await readFile(yamlPath, 'utf8');
  } catch (error) {
    return fail((error as NodeJS.ErrnoException).path === frPath ? frFile : yamlFile, `Cannot read this file (${(error as NodeJS.ErrnoException).code ?? 'error'}): check that it exists and is readable.`, 'read-error');
  }
  const paragraphs = sourceParagraphs(fr);
  if (!paragraphs) return fail(frFile, 'The French text does not parse as MDX, so there is nothing to record: run `communique check` and fix its errors first.', 'mdx-syntax');
  const updated = withTranslationRecord(yaml, lang, translationRecord(paragraphs));
  if (updated === undefined) return fail(yamlFile, 'release.yaml is not a valid YAML mapping: run `communique check` and fix it first.', 'yaml-syntax');
  await writeFile(yamlPath, updated);
  return { files: [yamlFile], paragraphs: paragraphs.length };
}

/** The text of release.yaml with `translation.<lang>` set to `record`; the rest of the text is left byte for byte. Undefined when the YAML does not parse. */
export function withTranslationRecord(text: string, lang: TranslatedLang, record: TranslationRecord): string | undefined {
  const doc = parseDocument(text, { version: '1.2', schema: 'core', merge: false });
  if (doc.errors.length > 0 || !(isMap(doc.contents) || doc.contents === null)) return undefined;
  const pair = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'translation') : undefined;
  const previous = pair?.value;
  const translation: Record<string, unknown> = isMap(previous) ? (previous.toJSON() as Record<string, unknown>) : {};
  translation[lang] = { source: record.source, paragraphs: [...record.paragraphs] };
  const block = new Document({ translation }).toString({ lineWidth: 0 });
  if (pair && isScalar(pair.key) && pair.key.range && previous && typeof previous === 'object' && 'range' in previous && previous.range) {
    const end = previous.range[2];
    // A value that ends inside its line (a flow mapping) leaves that line's newline after it.
    const after = text[end - 1] === '\n' ? text.slice(end) : text.slice(end).replace(/^\r?\n/, '');
    return text.slice(0, pair.key.range[0]) + block + after;
  }
  const comment = '# Written by `communique translated`: the version of fr.mdx that each translation was brought up to date with.\n';
  return `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${comment}${block}`;
}
