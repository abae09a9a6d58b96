import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { writeAtomically } from '../output/write-atomically.js';
import { join, relative, resolve } from 'node:path';
import { VFile } from 'vfile';
import { Document, isMap, isScalar, parseDocument } from 'yaml';
import { loadProject } from '../load/load-project.js';
import { createDocumentProcessor } from '../mdx/create-document-processor.js';
import { renderedParagraphs, translationRecord, type TranslationRecord } from '../check/translation-record.js';
import { DEFAULT_TEMPLATES, hasErrors, loadTemplates } from './render-project.js';
import type { RuleId } from '../core/rules.js';
import { fail as failOn } from '../core/messages.js';

/** The languages a document is translated into, from French. */
export const TRANSLATED_LANGS = ['en'] as const;

/** A language a document is translated into. */
export type TranslatedLang = (typeof TRANSLATED_LANGS)[number];

/** What `communique translated` did: the files with their messages, and the number of paragraphs recorded. */
export interface RecordTranslationResult {
  readonly files: VFile[];
  readonly paragraphs?: number;
}

/** Options of recordTranslation. */
export interface RecordTranslationOptions {
  /** The content folder the document belongs to (default: two levels above `dir`, as in <content>/releases/<slug>). */
  readonly content?: string;
  /** The templates folder (default: the tool's own): the record is of the text as rendered. */
  readonly templates?: string;
}

/**
 * Records in `<dir>/release.yaml` (or collection.yaml) that the `lang` text translates the current French text (`translation.<lang>`),
 * or, for a review (`<dir>/review.yaml`), that each chapter translates the current French chapter
 * (`translation.<lang>.<chapter>`), rewriting that field only: comments and the rest of the file are kept as they are.
 * The French text is recorded as the reader reads it: the content is loaded and each French text rendered.
 */
export async function recordTranslation(dir: string, lang: TranslatedLang, options: RecordTranslationOptions = {}): Promise<RecordTranslationResult> {
  const show = (path: string) => relative(process.cwd(), path) || path;
  const review = existsSync(join(dir, 'review.yaml'));
  const settingsName = review ? 'review.yaml' : existsSync(join(dir, 'collection.yaml')) ? 'collection.yaml' : 'release.yaml';
  const yamlPath = join(dir, settingsName);
  const yamlFile = new VFile({ path: show(yamlPath) });
  const fail = (file: VFile, reason: string, ruleId: RuleId) => {
    failOn(file, reason, ruleId);
    return { files: [file] };
  };
  if (review && !(existsSync(join(dir, 'fr')) && (await readdir(join(dir, 'fr'))).some((n) => n.endsWith('.mdx')))) {
    return fail(yamlFile, `The review has no French chapter in ${show(join(dir, 'fr'))}: there is nothing to record.`, 'missing-language');
  }
  const { project, files } = await loadProject(options.content ?? resolve(dir, '..', '..'));
  if (!project || hasErrors(files)) return { files: files.filter((f) => f.messages.some((m) => m.fatal)) };
  const document = project.documents.find((d) => resolve(d.dir) === resolve(dir));
  if (!document) return fail(yamlFile, `No document of the content in ${show(dir)}: run \`communique check\` and fix its errors first.`, 'read-error');
  const processor = createDocumentProcessor(project, (await loadTemplates(options.templates ?? DEFAULT_TEMPLATES)).templates);
  const records: Record<string, TranslationRecord> = {};
  let count = 0;
  for (const part of document.parts) {
    const body = part.bodies.fr;
    if (!body) continue;
    const { file } = await processor(body, document);
    if (file.messages.some((m) => m.fatal)) return { files: [file] };
    const paragraphs = renderedParagraphs(file.data.translationBlocks ?? []);
    records[part.name] = translationRecord(paragraphs);
    count += paragraphs.length;
  }
  if (Object.keys(records).length === 0) return fail(yamlFile, `The ${document.kind} has no French text: there is nothing to record.`, 'missing-language');
  let yaml: string;
  try {
    yaml = await readFile(yamlPath, 'utf8');
  } catch (error) {
    return fail(yamlFile, `Cannot read this file (${(error as NodeJS.ErrnoException).code ?? 'error'}): check that it exists and is readable.`, 'read-error');
  }
  const updated = withTranslationRecord(yaml, lang, review ? records : records['']!);
  if (updated === undefined) return fail(yamlFile, `${settingsName} is not a valid YAML mapping: run \`communique check\` and fix it first.`, 'yaml-syntax');
  await writeAtomically(yamlPath, updated);
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
