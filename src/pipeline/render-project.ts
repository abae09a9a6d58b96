import { readdir, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { VFile } from 'vfile';
import { loadApprovals, type LoadedApprovals } from '../approval/load-approvals.js';
import { quoteStatuses, statusKey, type QuoteStatus } from '../approval/quote-status.js';
import type { CheckedBody } from '../check/context.js';
import { runChecks } from '../check/run-checks.js';
import { PhoneError } from '../locale/format-phone.js';
import { LANGS, type Lang } from '../locale/lang.js';
import { CommuniqueError } from '../core/errors.js';
import { closest } from '../core/edit-distance.js';
import { loadProject } from '../load/load-project.js';
import type { Document, Project, Row } from '../load/project.js';
import { citations } from '../mdx/cited-indicators.js';
import { createDocumentProcessor, type ProcessedBody } from '../mdx/create-document-processor.js';
import { createTemplates, DEFAULT_TEMPLATES, type Templates } from '../render/create-templates.js';
import { documentPath } from '../render/document-path.js';
import { hashOf, type RenderCache } from '../core/cache.js';
import { inShard, type Shard } from '../core/shard.js';
import { copyMessages, hasErrors, warningsAsErrors } from '../core/messages.js';
import { renderRelease, type ReleasePage } from '../render/render-release.js';
import { renderSheet } from '../render/render-sheet.js';
import { renderReview, type ReviewPage } from '../render/render-review.js';
import { embargoLine } from '../render/page-context.js';

export { documentPath, SECTIONS } from '../render/document-path.js';
export { DEFAULT_TEMPLATES } from '../render/create-templates.js';
export { hasErrors } from '../core/messages.js';

/** Options of renderProject. */
export interface RenderOptions {
  /** The content folder. */
  readonly content: string;
  /** The languages to process (default both). */
  readonly langs?: readonly Lang[];
  /** The templates folder (default: the tool's own). */
  readonly templates?: string;
  /** Whether warnings count as errors, as for a release about to go out (`--final`; default false). */
  readonly final?: boolean;
  /** A session's cache (the preview, `build --watch`, a build's cache on disk): what did not change since the last render is reused (default none). */
  readonly cache?: RenderCache;
  /**
   * The slugs of the documents to judge and render (default: every document). The others are still checked, and
   * their messages reported in `outside`, but they never block these.
   */
  readonly documents?: readonly string[];
  /** The time pages are rendered at: a release still under embargo then shows its embargo line (default: the clock). */
  readonly now?: Date;
  /**
   * Render only the pages of this shard (`build --shard i/n`): releases and reviews by their kind and slug, a
   * collection's sheets by their row (see inShard). Every document is still checked. Default: every page.
   */
  readonly shard?: Shard;
  /**
   * Called with each release's and review's page to write, as soon as it is rendered, before the checks run (default
   * none): a build then starts its browser if the PDF cache lacks that page's PDF, while the checks go on.
   */
  readonly onPage?: (doc: RenderedDocument) => Promise<void>;
  /**
   * Called when a text is processed anew, not found in `cache`, without errors (default none): its page, and so its
   * PDF, changed. A build then starts its browser before the pages are even rendered.
   */
  readonly onChangedText?: () => void;
}

/** One document in one language, rendered to its standalone page. */
export interface RenderedDocument {
  readonly document: Document;
  readonly lang: Lang;
  /** The page; a review's also gives the page to print, its table of contents numbered. */
  readonly page: ReleasePage | ReviewPage;
  /** Path of the page below the output root: communiques/<slug>/<lang>.html, bilans/<slug>/<lang>.html for a review, fiches/<slug>/<row>/<lang>.html for a collection's sheet. */
  readonly path: string;
  /** The id of the row a collection's sheet is made from. */
  readonly row?: string;
}

/**
 * The rendered documents, in order (each document's languages in turn): an iterable that renders each sheet of a
 * collection only when it is reached, so that a build writes and prints a sheet and drops it before the next ones
 * are made. Every iteration renders the sheets again; a user that needs them all at once makes an array of them
 * (`[...documents]`), at the cost of holding every page.
 */
export interface RenderedDocuments extends Iterable<RenderedDocument> {
  /** How many documents an iteration gives (every sheet counted), known without rendering them. */
  readonly length: number;
  /** The releases and reviews alone, rendered already (their pages are few, and were rendered for the checks). */
  readonly withoutSheets: readonly RenderedDocument[];
}

/** The content rendered in memory, with every file's messages; documents only when no error stands. */
export interface RenderedProject {
  /** The files judged: the shared data and settings, and the files of the documents rendered. */
  readonly files: VFile[];
  /** The files of the documents left out by `documents`: reported, never blocking. */
  readonly outside: VFile[];
  readonly project: Project | undefined;
  readonly templates: Templates | undefined;
  readonly approvals: LoadedApprovals | undefined;
  readonly statuses: ReadonlyMap<string, QuoteStatus>;
  readonly documents: RenderedDocuments;
}

/** Loads, renders and checks the content: the one path shared by check, build, the preview and the packets. */
export async function renderProject(options: RenderOptions): Promise<RenderedProject> {
  const { cache } = options;
  const { project, files: loaded } = await loadProject(options.content, cache ? { cache } : {});
  const empty = { files: loaded, outside: [], project, templates: undefined, approvals: undefined, statuses: new Map(), documents: NO_DOCUMENTS };
  if (!project || hasErrors(loaded)) return empty;
  const selected = selectDocuments(project, options.documents);
  // The files of the documents not selected: their messages are reported apart and never block the others.
  const outsideDirs = project.documents.filter((d) => !selected.includes(d)).map((d) => `${resolve(d.dir)}${sep}`);
  const isOutside = (file: VFile) => outsideDirs.some((dir) => resolve(file.path).startsWith(dir));
  const files = loaded;
  const judged = () => files.filter((f) => !isOutside(f));
  const approvals = await loadApprovals(options.content, project);
  if (approvals.file.messages.length > 0) files.push(approvals.file);
  if (hasErrors(files)) return { ...empty, approvals };
  const statuses = quoteStatuses(project, approvals.records);
  const { templates, key: templatesKey } = await loadTemplates(options.templates ?? DEFAULT_TEMPLATES, cache);
  // Everything a body or a page depends on besides its own text: the data and settings files, the templates, the approvals.
  const context = cache
    ? hashOf(templatesKey, ...files.map((f) => `${f.path}\0${f.data.textHash ?? String(f.value ?? '')}`), ...[...statuses].map(([key, status]) => `${key}\0${status.status}`))
    : '';

  const processor = createDocumentProcessor(project, templates, { statuses });
  const langs = options.langs ?? LANGS;
  const bodies: CheckedBody[] = [];
  // What each body is made from (its key in the cache): a page is the same when its bodies' keys are.
  const bodyKeys = new Map<CheckedBody, string>();
  for (const document of project.documents) {
    for (const part of document.parts) {
      for (const lang of langs) {
        const body = part.bodies[lang];
        if (!body) continue;
        const key = cache ? hashOf(context, document.kind, document.slug, body.path, lang, body.text) : '';
        const process = async () => {
          const result = await processor(body, document);
          if (!hasErrors([result.file])) options.onChangedText?.();
          return result;
        };
        const processed = cache ? reuse(await cache.get('body', key, process), document) : await process();
        files.push(processed.file);
        if (processed.tree !== undefined) {
          const checked = { document, part, lang, file: processed.file, tree: processed.tree };
          bodies.push(checked);
          bodyKeys.set(checked, key);
        }
      }
    }
  }

  // A page is the same when its bodies and their context are: the key of a document's bodies, once per language.
  const bodiesKeys = new Map<string, string>();
  const bodiesKey = (document: Document, lang: Lang): string => {
    const id = documentPath(document, lang);
    let key = bodiesKeys.get(id);
    if (key === undefined) {
      key = hashOf(context, document.kind, document.slug, ...bodies.filter((b) => b.document === document && b.lang === lang).map((b) => `${b.part.name}\0${bodyKeys.get(b)}`));
      bodiesKeys.set(id, key);
    }
    return key;
  };
  const now = options.now ?? new Date();
  const render = (document: Document, lang: Lang, row?: Row): ReleasePage | ReviewPage | undefined => {
    if (!cache) return renderPage(project, templates, document, lang, bodies, statuses, now, row);
    // The embargo line comes and goes with the time: it is part of the page's key.
    const embargoed = embargoLine(document, lang, templates.strings[lang], now) !== null;
    // A collection's sheets are of their own kind: cheap to render and as many as the rows, a build keeps them in
    // memory only when more builds follow (see createBuilder), and never on disk.
    return cache.get(row ? 'sheet' : 'page', `${bodiesKey(document, lang)}\0${row?.id ?? ''}\0${embargoed}`, () => renderPage(project, templates, document, lang, bodies, statuses, now, row));
  };
  const pages = new Map<string, ReleasePage | ReviewPage | undefined>();
  const page = (document: Document, lang: Lang): ReleasePage | ReviewPage | undefined => {
    const key = documentPath(document, lang);
    if (!pages.has(key)) pages.set(key, render(document, lang));
    return pages.get(key);
  };
  if (options.onPage) {
    // The pages the build will write, rendered before the checks rather than after (see onPage).
    const told: Array<Promise<void>> = [];
    for (const document of selected) {
      if (document.kind === 'collection' || !inShard(options.shard, `${document.kind}/${document.slug}`)) continue;
      for (const lang of langs) {
        const rendered = page(document, lang);
        if (rendered) told.push(options.onPage({ document, lang, page: rendered, path: documentPath(document, lang) }));
      }
    }
    await Promise.all(told);
  }
  runChecks({ project, bodies, files, pageHtml: (body) => page(body.document, body.lang)?.html, ...(cache ? { cache } : {}) });
  const result = { files: judged(), outside: files.filter(isOutside), project, templates, approvals, statuses };
  if (options.final) warningsAsErrors(result.files);
  if (hasErrors(result.files)) {
    cache?.sweep();
    return { ...result, documents: NO_DOCUMENTS };
  }
  // Each document in each language: a release's or a review's page now, a collection's sheets when they are reached.
  const entries = selected.flatMap((document) =>
    langs.flatMap((lang): Array<{ readonly document: Document; readonly lang: Lang; readonly rendered?: RenderedDocument; readonly sheets?: readonly Row[] }> => {
      if (!document.parts.some((part) => part.bodies[lang])) return [];
      // Without a shard, the rows themselves: a copy of a large dataset's list per language would be held all along.
      if (document.kind === 'collection') return [{ document, lang, sheets: options.shard ? document.rows.filter((row) => inShard(options.shard, `collection/${document.slug}/${row.id}`)) : document.rows }];
      if (!inShard(options.shard, `${document.kind}/${document.slug}`)) return [];
      const rendered = page(document, lang);
      return rendered ? [{ document, lang, rendered: { document, lang, page: rendered, path: documentPath(document, lang) } }] : [];
    }),
  );
  cache?.sweep();
  const documents: RenderedDocuments = {
    length: entries.reduce((count, entry) => count + (entry.sheets?.length ?? 1), 0),
    withoutSheets: entries.flatMap((entry) => entry.rendered ?? []),
    *[Symbol.iterator]() {
      for (const entry of entries) {
        if (entry.rendered) yield entry.rendered;
        for (const row of entry.sheets ?? []) {
          const sheet = render(entry.document, entry.lang, row);
          if (sheet) yield { document: entry.document, lang: entry.lang, page: sheet, path: documentPath(entry.document, entry.lang, 'html', row.id), row: row.id };
        }
      }
    },
  };
  return { ...result, documents };
}

/** The documents of a render that stopped on errors: none. */
const NO_DOCUMENTS: RenderedDocuments = { length: 0, withoutSheets: [], [Symbol.iterator]: () => [][Symbol.iterator]() };

/** The documents named by their slugs (every document when none is named); an unknown slug is refused. */
function selectDocuments(project: Project, slugs: readonly string[] | undefined): readonly Document[] {
  if (slugs === undefined || slugs.length === 0) return project.documents;
  const known = project.documents.map((d) => d.slug);
  for (const slug of slugs) {
    if (known.includes(slug)) continue;
    const guess = closest(slug, known);
    throw new CommuniqueError(
      'UnknownDocument',
      `No document "${slug}" in ${project.root}.`,
      `Name a release, review or collection by its folder name${guess ? ` (did you mean "${guess}"?)` : ''}; the documents are: ${known.join(', ')}.`,
      { exitCode: 2 },
    );
  }
  return project.documents.filter((d) => slugs.includes(d.slug));
}

/** A processed body from the cache, with a file of its own (checks add their messages to it) and this load's document. */
function reuse(processed: ProcessedBody, document: Document): ProcessedBody {
  const file = new VFile({ path: processed.file.path, value: processed.file.value, data: { ...processed.file.data, document } });
  copyMessages(processed.file, file);
  return { file, tree: processed.tree };
}

/** The compiled templates of a folder, and a key that changes when a file of it does; reused from `cache` while it does not. */
export async function loadTemplates(dir: string, cache?: RenderCache): Promise<{ templates: Templates; key: string }> {
  if (!cache) return { templates: await createTemplates(dir), key: '' };
  const key = await folderFingerprint(dir);
  return { templates: await cache.get('templates', hashOf(dir, key), () => createTemplates(dir)), key };
}

/** What identifies the state of a folder's files: their paths, sizes and modification times (as make does). */
async function folderFingerprint(dir: string): Promise<string> {
  try {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
    const stats = await Promise.all(files.map(async (path) => {
      const info = await stat(path);
      return `${path}\0${info.size}\0${info.mtimeMs}`;
    }));
    return hashOf(...stats);
  } catch {
    return `unreadable:${Date.now()}`; // never reused: the render reports the problem
  }
}

/**
 * The page of a document in a language, from its processed bodies; undefined when one of them has errors, or the
 * page cannot be rendered (an invalid phone number, reported by the checks). A collection's page is the sheet of
 * `row` (default: its first row, for the checks of what every sheet shares).
 */
function renderPage(project: Project, templates: Templates, document: Document, lang: Lang, bodies: readonly CheckedBody[], statuses: ReadonlyMap<string, QuoteStatus>, now: Date, row?: Row): ReleasePage | ReviewPage | undefined {
  const own = document.parts.map((part) => bodies.find((b) => b.part === part && b.lang === lang));
  if (own.some((body) => body?.tree === undefined)) return undefined;
  const checked = own as CheckedBody[];
  const uses = checked.flatMap((body) => body.file.data.components ?? []);
  const draft = uses.some((use) => use.name === 'Quote' && statuses.get(statusKey(use.ids[0]!, lang))?.status !== 'approved');
  try {
    if (document.kind === 'release') return renderRelease(project, templates, document, lang, checked[0]!.tree!, { draft, now });
    if (document.kind === 'collection') {
      const sheet = row ?? document.rows[0];
      return sheet ? renderSheet(project, templates, document, sheet, lang, checked[0]!.tree!, { draft, now }) : undefined;
    }
    const chapters = checked.map((body, i) => ({ name: document.parts[i]!.name, tree: body.tree!, headings: body.file.data.headings ?? [] }));
    return renderReview(project, templates, document, lang, chapters, { draft, now, cited: citations(uses) });
  } catch (error) {
    if (error instanceof PhoneError) return undefined;
    throw error;
  }
}
