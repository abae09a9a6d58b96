import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
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
 * Records in `<dir>/release.yaml` (or collection.yaml) that the `lang` text translates the current French text (`translation.<lang>`),
 * or, for a review (`<dir>/review.yaml`), that each chapter translates the current French chapter
 * (`translation.<lang>.<chapter>`), rewriting that field only: comments and the rest of the file are kept as they are.
 */
export async function recordTranslation(dir: string, lang: TranslatedLang): Promise<RecordTranslationResult> {
  const show = (path: string) => relative(process.cwd(), path) || path;
  const review = existsSync(join(dir, 'review.yaml'));
  const settingsName = review ? 'review.yaml' : existsSync(join(dir, 'collection.yaml')) ? 'collection.yaml' : 'release.yaml';
  const yamlPath = join(dir, settingsName);
  const yamlFile = new VFile({ path: show(yamlPath) });
  const fail = (file: VFile, reason: string, ruleId: string) => {
    file.message(reason, { ruleId, source: 'communique' }).fatal = true;
    return { files: [file] };
  };
  const texts: Array<{ name: string; path: string }> = review
    ? (existsSync(join(dir, 'fr')) ? await readdir(join(dir, 'fr')) : []).filter((n) => n.endsWith('.mdx')).sort().map((n) => ({ name: n.slice(0, -'.mdx'.length), path: join(dir, 'fr', n) }))
    : [{ name: '', path: join(dir, 'fr.mdx') }];
  if (texts.length === 0) return fail(yamlFile, `The review has no French chapter in ${show(join(dir, 'fr'))}: there is nothing to record.`, 'missing-language');
  let yaml: string;
  const records: Record<string, TranslationRecord> = {};
  let count = 0;
  for (const { name, path } of texts) {
    const frFile = new VFile({ path: show(path) });
    let fr: string;
    try {
      fr = await readFile(path, 'utf8');
    } catch (error) {
      return fail(frFile, `Cannot read this file (${(error as NodeJS.ErrnoException).code ?? 'error'}): check that it exists and is readable.`, 'read-error');
    }
    const paragraphs = sourceParagraphs(fr);
    if (!paragraphs) return fail(frFile, 'The French text does not parse as MDX, so there is nothing to record: run `communique check` and fix its errors first.', 'mdx-syntax');
    records[name] = translationRecord(paragraphs);
    count += paragraphs.length;
  }
  try {
    yaml = await readFile(yamlPath, 'utf8');
  } catch (error) {
    return fail(yamlFile, `Cannot read this file (${(error as NodeJS.ErrnoException).code ?? 'error'}): check that it exists and is readable.`, 'read-error');
  }
  const updated = withTranslationRecord(yaml, lang, review ? records : records['']!);
  if (updated === undefined) return fail(yamlFile, `${settingsName} is not a valid YAML mapping: run \`communique check\` and fix it first.`, 'yaml-syntax');
  await writeFile(yamlPath, updated);
  return { files: [yamlFile], paragraphs: count };
}

/**
 * The text of release.yaml (review.yaml) with `translation.<lang>` set to `record` (one record per chapter); the rest
 * of the text is left byte for byte. Undefined when the YAML does not parse.
 */
export function withTranslationRecord(text: string, lang: TranslatedLang, record: TranslationRecord | Readonly<Record<string, TranslationRecord>>): string | undefined {
  const doc = parseDocument(text, { version: '1.2', schema: 'core', merge: false });
  if (doc.errors.length > 0 || !(isMap(doc.contents) || doc.contents === null)) return undefined;
  const pair = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'translation') : undefined;
  const previous = pair?.value;
  const translation: Record<string, unknown> = isMap(previous) ? (previous.toJSON() as Record<string, unknown>) : {};
  const plain = (r: TranslationRecord) => ({ source: r.source, paragraphs: [...r.paragraphs] });
  translation[lang] = isRecord(record) ? plain(record) : Object.fromEntries(Object.entries(record).map(([name, r]) => [name, plain(r)]));
  const block = new Document({ translation }).toString({ lineWidth: 0 });
  if (pair && isScalar(pair.key) && pair.key.range && previous && typeof previous === 'object' && 'range' in previous && previous.range) {
    const end = previous.range[2];
    // A value that ends inside its line (a flow mapping) leaves that line's newline after it.
    const after = text[end - 1] === '\n' ? text.slice(end) : text.slice(end).replace(/^\r?\n/, '');
    return text.slice(0, pair.key.range[0]) + block + after;
  }
  const comment = isRecord(record)
    ? '# Written by `communique translated`: the version of fr.mdx that each translation was brought up to date with.\n'
    : '# Written by `communique translated`: the version of each French chapter that each translation was brought up to date with.\n';
  return `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${comment}${block}`;
}

function isRecord(value: TranslationRecord | Readonly<Record<string, TranslationRecord>>): value is TranslationRecord {
  return typeof (value as TranslationRecord).source === 'string' && Array.isArray((value as TranslationRecord).paragraphs);
}
