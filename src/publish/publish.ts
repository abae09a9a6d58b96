import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { VFile } from 'vfile';
import { build } from '../pipeline/build.js';
import { fail } from '../core/messages.js';
import { LANGS, type Lang } from '../locale/lang.js';
import type { Document } from '../load/project.js';
import type { SiteData } from '../load/schema.js';
import { GENERATIONS, NOTHING_WRITTEN, openStaging, type WrittenFiles } from '../output/staging.js';
import { readShards } from '../pipeline/shard-record.js';
import { sharedAssets, siteAssets } from '../render/assets.js';
import type { Templates } from '../render/create-templates.js';
import { documentPath, publishedName } from '../render/document-path.js';
import { DEFAULT_TEMPLATES, hasErrors, renderProject, type RenderedDocument } from '../pipeline/render-project.js';
import { assetsOf, isArchived, readArchived, sha256, writeArchived } from './archive.js';
import { assembleSite, publishedAt, siteName, type SiteDocument, type SiteSettings } from './assemble-site.js';
import { changedLines, documentWords } from './document-words.js';
import { embargoEnd, isEmbargoed } from './embargo.js';
import { appendLedger, ARCHIVE, latestEntry, LEDGER, readLedger, type LedgerEntry } from './ledger.js';
import { drawCards } from './draw-cards.js';
import { filesBelow, SiteFiles } from './site-files.js';

/** Options of publish. */
export interface PublishOptions {
  readonly content: string;
  /** The folder the site is written to (its parent holds the staging). */
  readonly out: string;
  /** The site's public address, ending with "/" (default: content/site.yaml's base_url, else `fallbackBaseUrl`). */
  readonly baseUrl?: string;
  /** The address used when neither --base-url nor site.yaml gives one. */
  readonly fallbackBaseUrl: string;
  /** The time embargoes are compared with, and the time of publication recorded in published.yaml. */
  readonly now: Date;
  /** Whether documents still under embargo are published too, with their embargo line and noindex (default false). */
  readonly includeEmbargoed?: boolean;
  /**
   * The slugs of the documents to judge and publish (default: every document). The others stay as they were: a
   * published one is served from the archive, a collection's sheets from the previous site; their messages are
   * reported, never blocking.
   */
  readonly documents?: readonly string[];
  /**
   * The output folders of the shards of one build (`build --shard i/n`): the PDFs are taken from them, checked
   * against the pages this publish renders, and none is printed. They must be every shard of the same content.
   */
  readonly from?: readonly string[];
}

/** What publish did: every file's messages, the files of the site, and the documents held back by an embargo. */
export interface PublishResult {
  /** The files judged, with their messages. */
  readonly files: VFile[];
  /** The files of the documents not judged (not named, or served as published): reported, never blocking. */
  readonly outside: VFile[];
  readonly written: WrittenFiles;
  readonly held: readonly string[];
  /** The public address the site was written for. */
  readonly baseUrl: string;
  /** Whether the content has no site.yaml (the site's name, publisher and footer links are defaults). */
  readonly defaultSettings: boolean;
  /** What was appended to published.yaml: the documents published for the first time, or in a corrected version. */
  readonly recorded: readonly LedgerEntry[];
  /** The names of the documents served from the archive, as they were published. */
  readonly served: readonly string[];
  /** How many PDFs the browser printed (the others came from the PDF cache, the shards or the archive). */
  readonly printed: number;
  /** How many PDFs the site's documents have that were not printed by this publish. */
  readonly reusedPdfs: number;
  /** How many og:image cards the browser drew (documents published for the first time, or corrected). */
  readonly drawn: number;
}

/** A published document to serve from the archive, in one language. */
interface Serving {
  readonly document: Document;
  readonly lang: Lang;
  readonly entry: LedgerEntry;
  readonly index: number;
}

/**
 * Publishes the content as a static site, swapped into place only when all of it succeeded. A document published
 * before (in content/published.yaml) is served from the archive, byte for byte, and never printed again; a change of
 * its words is refused unless a correction is declared, which publishes its next version. What is published for the
 * first time, or corrected, is recorded in published.yaml and archived.
 */
export async function publish(options: PublishOptions): Promise<PublishResult> {
  const fallback = { written: NOTHING_WRITTEN, held: [], baseUrl: options.baseUrl ?? options.fallbackBaseUrl, defaultSettings: false, recorded: [], served: [], printed: 0, reusedPdfs: 0, drawn: 0 };
  const ledger = await readLedger(options.content);
  if (hasErrors([ledger.file])) return { ...fallback, files: [ledger.file], outside: [] };
  const named = options.documents !== undefined && options.documents.length > 0 ? options.documents : undefined;
  // What every document says now (no PDF, warnings not counted): the words of published ones, to compare.
  const probe = await renderProject({ content: options.content, now: options.now });
  const project = probe.project;
  const templates = probe.templates;
  if (!project || !templates) return { ...fallback, files: probe.files, outside: [] };
  const isNamed = (document: Document) => !named || named.includes(document.slug);
  if (named) await checkSlugs(options.content, named);
  const probed = hasErrors(probe.files) ? await probeEach(options.content, options.now, project.documents.filter((d) => d.kind !== 'collection' && isNamed(d)).map((d) => d.slug)) : probe.documents.withoutSheets;

  const held: string[] = [];
  const toBuild = new Set<string>();
  const serving: Serving[] = [];
  const carried: Document[] = [];
  const refused = new Map<string, VFile>();
  const refuse = (document: Document, reason: string) => {
    // At its corrections, where the way through is written; else at its title.
    const count = document.settings.corrections?.length ?? 0;
    const at = count > 0 ? document.locate(['corrections', count - 1]) : document.locate(['title']);
    const file = refused.get(at.file) ?? new VFile({ path: at.file });
    refused.set(at.file, file);
    fail(file, reason, 'frozen-document', at.position);
  };
  for (const document of project.documents) {
    if (document.kind === 'collection') {
      // A collection's sheets follow their dataset: they are not frozen (see README, "Published documents are frozen").
      if (isNamed(document)) toBuild.add(document.slug);
      else carried.push(document);
      continue;
    }
    const embargo = document.kind === 'release' ? document.settings.embargo : undefined;
    if (isEmbargoed(embargo, options.now)) {
      if (!isNamed(document)) continue;
      if (options.includeEmbargoed) toBuild.add(document.slug);
      else held.push(...LANGS.filter((lang) => document.parts.some((p) => p.bodies[lang])).map((lang) => documentPath(document, lang)));
      continue;
    }
    const key = `${document.kind}/${document.slug}`;
    const wanted = (document.settings.corrections?.length ?? 0) + 1;
    for (const lang of LANGS) {
      if (!document.parts.some((part) => part.bodies[lang])) continue;
      const latest = latestEntry(ledger, key, lang);
      const name = publishedName(document, lang);
      if (!latest) {
        if (!isNamed(document)) continue;
        if (wanted > 1) refuse(document, `${name} declares ${wanted - 1} correction(s) but was never published (no entry in ${LEDGER}): a correction follows a publication. Remove "corrections:" and change the text itself, since no one has read it yet.`);
        else toBuild.add(document.slug);
        continue;
      }
      const { entry, index } = latest;
      const place = `${ledger.file.path}:${ledger.locate(index)?.start.line ?? 1}`;
      if (wanted < entry.version) {
        if (isNamed(document)) refuse(document, `${name} was published in version ${entry.version} (${place}), but its settings declare ${wanted - 1} correction(s): a published correction cannot be withdrawn. Restore the corrections of version ${entry.version}, and add a new one if needed.`);
        serving.push({ document, lang, entry, index });
        continue;
      }
      if (wanted > entry.version && isNamed(document)) {
        toBuild.add(document.slug);
        continue;
      }
      serving.push({ document, lang, entry, index });
      if (wanted > entry.version) continue;
      const page = isNamed(document) ? probed.find((d) => d.document.slug === document.slug && d.lang === lang) : undefined;
      if (!page) continue; // not judged here, or not renderable now: its messages are reported, the archive is served
      const archived = await readArchived(options.content, `documents/${publishedName(document, lang, undefined, entry.version)}.txt`);
      const before = archived === undefined ? undefined : archived.toString('utf8').split('\n').filter(Boolean);
      const after = documentWords(page.page.html);
      if (before !== undefined && before.join('\n') === after.join('\n')) continue;
      if (before === undefined) continue; // reported below, when the archive is read
      const lines = changedLines(before, after).map((line) => `  ${line}`).join('\n');
      refuse(
        document,
        `${name} was published on ${entry.published} (version ${entry.version}, ${place}) and is frozen, but its words have changed since:\n${lines}\n` +
          `A published document does not change. Undo the change; or, to correct it, declare a correction in its settings, which publishes version ${entry.version + 1} with a notice and keeps version ${entry.version} at documents/${publishedName(document, lang, undefined, entry.version)}.html:\n` +
          `  corrections:\n    - date: YYYY-MM-DD\n      note: { fr: "…", en: "…" }`,
      );
    }
  }
  // The other messages of the content are reported beside the refusal, which is what blocks.
  if (refused.size > 0) return { ...fallback, files: [...refused.values()], outside: probe.files };

  // The shards' PDFs, once they are known to make one build of this content (else a refusal, before anything is written).
  const pdfs = options.from !== undefined && options.from.length > 0 ? await readShards(options.from, options.content) : undefined;
  const work = await mkdtemp(join(tmpdir(), 'communique-publish-'));
  try {
    const slugs = [...toBuild];
    // The PDFs a build of the same content printed into the output folder are taken from its PDF cache.
    const built = slugs.length > 0 ? await build({ content: options.content, out: join(work, 'build'), final: true, pdf: true, documents: slugs, now: options.now, pdfCache: join(options.out, GENERATIONS, 'cache'), ...(pdfs ? { pdfs } : {}) }) : undefined;
    if (built && hasErrors(built.files)) return { ...fallback, files: built.files, outside: built.outside };
    // The shared assets (stylesheets, fonts) come with the build; without one, from the templates.
    // The build's files are read from its folder when the site needs them, one at a time.
    const products: ReadonlyMap<string, Uint8Array | string> = built ? filesBelow(join(work, 'build')) : new Map([...(await sharedAssets(templates))].map(([path, asset]) => [path, asset.body]));
    const organisations = (document: Document, lang: Lang) => document.settings.issuers.map((id) => project.organisations.get(id)!.name[lang]);
    const isServed = (document: Document, lang: Lang) => serving.some((s) => s.document === document && s.lang === lang);
    const problems = new VFile({ path: ledger.file.path });
    const archivedFile = async (entry: LedgerEntry, index: number, path: string, sha?: string): Promise<Buffer | undefined> => {
      const bytes = await readArchived(options.content, path);
      if (bytes !== undefined && (sha === undefined || sha256(bytes) === sha)) return bytes;
      const place = ledger.locate(index);
      fail(
        problems,
        `${entry.document} (${entry.lang}, version ${entry.version}) is recorded as published, but ${join(options.content, ARCHIVE, path)} ${bytes === undefined ? 'is missing' : 'does not match the sha256 recorded'}: the archive keeps what was published. Restore the archive from version control (commit archive/ with ${LEDGER}).`,
        'published-record',
        place,
      );
      return undefined;
    };
    /** The versions of a document before `version`, from the archive. */
    const earlierVersions = async (document: Document, lang: Lang, version: number) => {
      const versions = [];
      for (const [index, entry] of ledger.entries.entries()) {
        if (entry.document !== `${document.kind}/${document.slug}` || entry.lang !== lang || entry.version >= version) continue;
        const name = publishedName(document, lang, undefined, entry.version);
        const html = await archivedFile(entry, index, `documents/${name}.html`, entry.html);
        const pdf = await archivedFile(entry, index, `documents/${name}.pdf`, entry.pdf);
        if (html && pdf) versions.push({ version: entry.version, html, pdf });
      }
      return versions.sort((a, b) => a.version - b.version);
    };
    const documents: SiteDocument[] = [];
    for (const doc of built?.rendered.documents ?? []) {
      if (isServed(doc.document, doc.lang)) continue;
      const embargoed = isEmbargoed(doc.document.kind === 'release' ? doc.document.settings.embargo : undefined, options.now);
      const versioned = doc.document.kind !== 'collection' && !embargoed;
      const version = (doc.document.settings.corrections?.length ?? 0) + 1;
      documents.push({
        document: doc.document,
        lang: doc.lang,
        title: doc.page.title,
        summary: doc.page.subject,
        issuers: organisations(doc.document, doc.lang),
        path: doc.path,
        embargoed,
        ...(doc.row === undefined ? {} : { row: doc.row }),
        ...(versioned ? { version } : {}),
        ...(versioned && version > 1 ? { updated: correctedAt(doc.document), earlier: await earlierVersions(doc.document, doc.lang, version) } : {}),
      });
    }
    const keptAssets = new Map<string, Uint8Array>();
    for (const { document, lang, entry, index } of serving) {
      const name = publishedName(document, lang, undefined, entry.version);
      const html = await archivedFile(entry, index, `documents/${name}.html`, entry.html);
      const pdf = await archivedFile(entry, index, `documents/${name}.pdf`, entry.pdf);
      const fragment = await readArchived(options.content, `fragments/${name}.html`);
      if (!html || !pdf) continue;
      const meta = pageMeta(html.toString('utf8'));
      documents.push({
        document,
        lang,
        title: entry.title,
        summary: meta.description,
        issuers: organisations(document, lang),
        path: documentPath(document, lang),
        embargoed: false,
        version: entry.version,
        served: { html, pdf, ...(fragment ? { fragment } : {}) },
        ...(entry.version > 1 ? { updated: correctedAt(document, entry.correction), earlier: await earlierVersions(document, lang, entry.version) } : {}),
      });
    }
    // The sheets of the collections not named: as the previous site has them.
    const previous = join(options.out, 'site');
    for (const document of carried) {
      if (document.kind !== 'collection') continue;
      for (const lang of LANGS) {
        for (const row of document.rows) {
          const name = publishedName(document, lang, row.id);
          const html = await readOptional(join(previous, 'documents', `${name}.html`));
          const pdf = await readOptional(join(previous, 'documents', `${name}.pdf`));
          if (!html || !pdf) continue;
          const fragment = await readOptional(join(previous, 'fragments', `${name}.html`));
          const meta = pageMeta(html.toString('utf8'));
          documents.push({ document, lang, title: meta.title, summary: meta.description, issuers: organisations(document, lang), path: documentPath(document, lang, 'html', row.id), row: row.id, embargoed: false, served: { html, pdf, ...(fragment ? { fragment } : {}) } });
        }
      }
    }
    // Every asset an archived page names, from the archive (or, for the previous site's sheets, from the previous site).
    for (const doc of documents) {
      for (const page of [doc.served?.html, ...(doc.earlier ?? []).map((v) => v.html)]) {
        if (!page) continue;
        for (const m of Buffer.from(page).toString('utf8').matchAll(/assets\/[A-Za-z0-9_.\/-]+\.[a-z0-9]+/g)) await keepAsset(options.content, previous, m[0], keptAssets);
      }
    }
    if (problems.messages.length > 0) return { ...fallback, files: [...(built?.files ?? []), problems], outside: built?.outside ?? [] };

    const baseUrl = withSlash(options.baseUrl ?? project.site?.base_url ?? options.fallbackBaseUrl);
    const settings = siteSettings(project.site, baseUrl, templates);
    // The og:image cards: a document served from the archive keeps its archived card; the others are drawn, each with
    // the bloc-marque of its document's issuers, else the site's.
    const cards = new Map<string, Uint8Array>();
    const toDraw: SiteDocument[] = [];
    for (const doc of documents) {
      if (doc.document.kind === 'collection') continue;
      if (!doc.served || doc.version === undefined) toDraw.push(doc);
      else {
        const card = await readArchived(options.content, `cards/${publishedName(doc.document, doc.lang, undefined, doc.version)}.png`);
        if (card) cards.set(`documents/${siteName(doc)}.html`, card);
      }
    }
    const blocMarqueOf = (doc: SiteDocument) => doc.document.settings.issuers.map((id) => project.organisations.get(id)?.bloc_marque).find((lines) => lines !== undefined) ?? settings.blocMarque;
    const drawn = await drawCards(toDraw, templates, await sharedAssets(templates), blocMarqueOf);
    for (const [page, card] of drawn) cards.set(page, card);
    // The site is written into the new generation as it is assembled, a file at a time, and swapped in once complete.
    const staging = await openStaging(options.out);
    try {
      const assembled = await assembleSite(documents, products, {
        baseUrl,
        templates,
        settings,
        cards,
        siteAssets: new Map([...(await siteAssets(DEFAULT_TEMPLATES))].map(([path, asset]) => [path, asset.body])),
        keptAssets,
        files: new SiteFiles(join(staging.dir, 'site'), options.out),
      });
      const site = assembled.files;

      // What this publish makes public for the first time (or corrected): archived, then recorded once the site is in place.
      const recorded: LedgerEntry[] = [];
      const published = options.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
      for (const doc of documents) {
        if (doc.served || doc.version === undefined) continue;
        const own = `documents/${siteName(doc)}`;
        const archivedName = `${publishedName(doc.document, doc.lang, undefined, doc.version)}`;
        const html = site.get(`${own}.html`)!;
        const pdf = site.get(`${own}.pdf`)!;
        const page = built!.rendered.documents.withoutSheets.find((d) => d.path === doc.path)!.page.html;
        await writeArchived(options.content, `documents/${archivedName}.html`, html);
        await writeArchived(options.content, `documents/${archivedName}.pdf`, pdf);
        await writeArchived(options.content, `documents/${archivedName}.txt`, `${documentWords(page).join('\n')}\n`);
        const fragment = site.get(`fragments/${siteName(doc)}.html`);
        if (fragment !== undefined) await writeArchived(options.content, `fragments/${archivedName}.html`, fragment);
        const card = cards.get(`${own}.html`);
        if (card !== undefined) await writeArchived(options.content, `cards/${archivedName}.png`, card);
        for (const asset of assetsOf(String(html), site)) if (!isArchived(options.content, asset)) await writeArchived(options.content, asset, site.get(asset)!);
        const correction = doc.version > 1 ? doc.document.settings.corrections?.at(-1)?.date : undefined;
        recorded.push({ document: `${doc.document.kind}/${doc.document.slug}`, lang: doc.lang, version: doc.version, published, ...(correction ? { correction } : {}), title: doc.title, html: sha256(html), pdf: sha256(pdf) });
      }

      for (const path of site.keys()) staging.adopt(`site/${path}`);
      const written = await staging.commit();
      await appendLedger(ledger, recorded);
      return {
        files: built?.files ?? [],
        // Nothing new to build: what the content says now is reported, never blocking what is served as published.
        outside: built?.outside ?? probe.files,
        written,
        held,
        baseUrl,
        defaultSettings: project.site === undefined,
        recorded,
        served: documents.filter((d) => d.served && d.version !== undefined).map((d) => siteName(d)),
        printed: built?.printed ?? 0,
        reusedPdfs: documents.length - (built?.printed ?? 0),
        drawn: drawn.size,
      };
    } catch (error) {
      await staging.discard();
      throw error;
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** When a corrected document last changed, as an ISO instant: the start of its correction's day in Paris, never before it became public. */
function correctedAt(document: Document, date = document.settings.corrections?.at(-1)?.date): string {
  if (date === undefined) return publishedAt(document);
  const corrected = embargoEnd(`${date}T00:00`).toISOString().replace(/\.000Z$/, 'Z');
  const published = publishedAt(document);
  return corrected > published ? corrected : published;
}

/** The title and description of a page of the site (an archived one: from its own head). */
function pageMeta(html: string): { title: string; description: string } {
  const tree = fromHtml(html);
  let title = '';
  let description = '';
  visit(tree, 'element', (element: Element) => {
    if (element.tagName === 'title' && !title) title = toString(element);
    if (element.tagName === 'meta' && element.properties['name'] === 'description' && !description) description = String(element.properties['content'] ?? '');
  });
  return { title, description };
}

/** Keeps an asset an archived page names: from the archive, else from the previous site. */
async function keepAsset(content: string, previous: string, path: string, kept: Map<string, Uint8Array>): Promise<void> {
  if (kept.has(path)) return;
  const bytes = (await readArchived(content, path)) ?? (await readOptional(join(previous, path)));
  if (!bytes) return;
  kept.set(path, bytes);
  if (path.endsWith('.css')) {
    for (const m of bytes.toString('utf8').matchAll(/url\((["']?)([^"')]+)\1\)/g)) {
      if (!/^[a-z]+:/i.test(m[2]!)) await keepAsset(content, previous, posix.normalize(posix.join(posix.dirname(path), m[2]!.split(/[?#]/)[0]!)), kept);
    }
  }
}

async function readOptional(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
}

/** The pages of each document rendered alone (when rendering them together failed on one of them). */
async function probeEach(content: string, now: Date, slugs: readonly string[]): Promise<RenderedDocument[]> {
  const pages: RenderedDocument[] = [];
  for (const slug of slugs) {
    const alone = await renderProject({ content, now, documents: [slug] });
    if (!hasErrors(alone.files)) pages.push(...alone.documents.withoutSheets);
  }
  return pages;
}

/** Refuses an unknown slug as build and check do (exit 2, with the closest name). */
async function checkSlugs(content: string, slugs: readonly string[]): Promise<void> {
  await renderProject({ content, documents: slugs, langs: [] });
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * The site's settings from content/site.yaml; without it, the default name ("Communiqués de presse"), the name as
 * publisher, the République Française bloc-marque, accessibility "non conforme" and the footer's pages at the
 * conventional addresses of the site (mentions-legales, accessibilite, donnees-personnelles).
 */
function siteSettings(site: SiteData | undefined, baseUrl: string, templates: Templates): SiteSettings {
  const name = site?.name ?? { fr: templates.strings.fr['site_name_default']!, en: templates.strings.en['site_name_default']! };
  return {
    name,
    publisher: site?.publisher ?? name,
    blocMarque: site?.bloc_marque ?? ['République', 'Française'],
    legalNotice: site?.legal_notice ?? new URL('mentions-legales', baseUrl).href,
    personalData: site?.personal_data ?? new URL('donnees-personnelles', baseUrl).href,
    accessibility: site?.accessibility ?? { status: 'none', url: new URL('accessibilite', baseUrl).href },
    collections: site?.collections ?? 'own-page',
  };
}
